import { checkpointPaths, parseReleaseConfig } from '../importer/importRelease';
import { BundleError } from './manifest';
import { sha256Hex } from './sha256';

/**
 * Downloads a released R2-Router (config.json, then the checkpoints it names) from a pinned
 * location. Every file must have the SHA-256 pinned for it, whether it comes from the network
 * or from the cache, and is kept in the cache once checked, so a later visit makes no request.
 */

export interface PinnedFile {
  bytes: number;
  sha256: string;
}

/** The release's files by path relative to its folder, with their size and digest at the pin. */
export type PinnedFiles = Readonly<Record<string, PinnedFile>>;

export interface PinnedRelease {
  /** The release folder's URL: a file is fetched from base + its path. */
  base: string;
  /** How messages name the pin, e.g. "commit b0b2291 of UCF-ML-Research/R2-Router". */
  pin: string;
  files: PinnedFiles;
}

export interface DownloadProgress {
  files: number;
  filesTotal: number;
  bytes: number;
  bytesTotal: number;
  /** How many of `files` came from the cache. */
  cached: number;
}

export type FileCache = Pick<Cache, 'match' | 'put' | 'delete'>;

export interface DownloadOptions {
  cache: FileCache | null;
  onProgress?(progress: DownloadProgress): void;
  fetch?: typeof fetch;
}

export interface DownloadedRelease {
  files: Map<string, Uint8Array>;
  /** What did not stop the download but a person should know. */
  warnings: string[];
}

/**
 * Why a download failed: no connection, a file gone (404), another HTTP error, a file that is not
 * the pinned one, a file that does not read as a release, no Web Crypto, or no list of pinned files.
 */
export type DownloadFailure = 'offline' | 'missing' | 'http' | 'changed' | 'unreadable' | 'insecure' | 'unpinned';

export class ReleaseDownloadError extends BundleError {
  override name = 'ReleaseDownloadError';
  constructor(
    readonly reason: DownloadFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Requests in flight at once: enough to hide the latency, within HTTP/1.1's six per host. */
const PARALLEL = 6;

/** Decimal units, as the page writes sizes elsewhere. */
function size(bytes: number): string {
  return bytes < 1e6 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure stops the rest and is thrown. */
async function eachInParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const runner = async () => {
    while (!failed && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
}

export async function downloadRelease(release: PinnedRelease, options: DownloadOptions): Promise<DownloadedRelease> {
  const fetchFile = options.fetch ?? globalThis.fetch.bind(globalThis);
  const { cache } = options;
  const host = new URL(release.base).host;
  const pinned = Object.values(release.files);
  const progress: DownloadProgress = {
    files: 0,
    filesTotal: pinned.length,
    bytes: 0,
    bytesTotal: pinned.reduce((sum, f) => sum + f.bytes, 0),
    cached: 0,
  };
  const files = new Map<string, Uint8Array>();
  const warnings: string[] = [];
  const stop = new AbortController();

  /** The file's digest when it differs from the pinned one, null when it matches. */
  async function mismatch(bytes: Uint8Array<ArrayBuffer>, want: PinnedFile): Promise<string | null> {
    const got = await sha256Hex(bytes);
    if (got === null) {
      throw new ReleaseDownloadError(
        'insecure',
        'This page is not in a secure context (https:// or localhost), so the browser offers no SHA-256 to check the release’s files with; open it over https://.',
      );
    }
    return got === want.sha256 ? null : got;
  }

  function unreachable(path: string, e: unknown): ReleaseDownloadError {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return new ReleaseDownloadError(
      'offline',
      offline
        ? `You are offline, and this browser keeps no copy of the release from an earlier visit. Connect once to download it (${size(progress.bytesTotal)}); later visits load it offline.`
        : `Could not reach ${host} for ${path} (${(e as Error).message}). Check the connection and pick the bundle again; once downloaded, the release loads offline.`,
    );
  }

  async function fromCache(url: string, want: PinnedFile): Promise<Uint8Array | null> {
    const hit = await cache?.match(url);
    if (!hit) return null;
    const bytes = new Uint8Array(await hit.arrayBuffer());
    if ((await mismatch(bytes, want)) === null) return bytes;
    // A damaged copy is fetched again.
    await cache?.delete(url);
    return null;
  }

  async function fromNetwork(url: string, path: string, want: PinnedFile): Promise<Uint8Array> {
    let body: ArrayBuffer;
    try {
      const res = await fetchFile(url, { signal: stop.signal });
      if (res.status === 404) {
        throw new ReleaseDownloadError(
          'missing',
          `${host} has no ${path} at ${release.pin} (HTTP 404): the repository or that commit may be gone, so the release cannot be downloaded from there.`,
        );
      }
      if (!res.ok) {
        throw new ReleaseDownloadError('http', `${host} answered HTTP ${res.status} for ${path}. Try again later.`);
      }
      body = await res.arrayBuffer();
    } catch (e) {
      throw e instanceof ReleaseDownloadError ? e : unreachable(path, e);
    }
    const bytes = new Uint8Array(body);
    const got = await mismatch(bytes, want);
    if (got !== null) {
      throw new ReleaseDownloadError(
        'changed',
        `${path} is not the file the authors released at ${release.pin}: its SHA-256 is ${got.slice(0, 12)}…, the pinned one ${want.sha256.slice(0, 12)}…. Something between this page and ${host} altered it, so nothing was imported.`,
      );
    }
    try {
      await cache?.put(url, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
    } catch (e) {
      if (!warnings.length)
        warnings.push(
          `this browser did not keep the release (${(e as Error).message}); the next visit downloads it again`,
        );
    }
    return bytes;
  }

  async function obtain(path: string): Promise<Uint8Array> {
    const want = release.files[path];
    if (!want) {
      throw new ReleaseDownloadError(
        'changed',
        `config.json names ${path}, which is not among the ${pinned.length} files pinned at ${release.pin}.`,
      );
    }
    const url = `${release.base}${path}`;
    const cached = await fromCache(url, want);
    const bytes = cached ?? (await fromNetwork(url, path, want));
    files.set(path, bytes);
    progress.files += 1;
    progress.bytes += bytes.length;
    if (cached) progress.cached += 1;
    options.onProgress?.({ ...progress });
    return bytes;
  }

  options.onProgress?.({ ...progress });
  const config = await obtain('config.json');
  const checkpoints = checkpointPaths(parseReleaseConfig(config, 'config.json'));
  // The files the config names are the ones to wait for, should the pinned list hold more.
  progress.filesTotal = 1 + checkpoints.length;
  progress.bytesTotal = checkpoints.reduce((sum, path) => sum + (release.files[path]?.bytes ?? 0), config.length);
  try {
    await eachInParallel(checkpoints, PARALLEL, async (path) => void (await obtain(path)));
  } finally {
    stop.abort();
  }
  return { files, warnings };
}
