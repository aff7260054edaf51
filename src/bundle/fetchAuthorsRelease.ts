import { z } from 'zod';
import { importRelease, ReleaseError } from '../importer/importRelease';
import { AUTHORS_RELEASE, openReleaseCache, RELEASE_BASE, RELEASE_PIN } from './authorsRelease';
import pinnedFilesUrl from './authorsReleaseFiles.json?url&no-inline';
import type { LoadedBundle } from './fetchBundle';
import { downloadRelease, ReleaseDownloadError, type DownloadProgress, type PinnedFiles } from './releaseDownload';

/**
 * The authors' release downloaded (or read from the cache), checked and imported in the page.
 * Loaded only when that bundle is picked: it brings the importer with it.
 */

const REPRODUCE = `git clone https://github.com/${AUTHORS_RELEASE.repo} && git -C R2-Router checkout ${AUTHORS_RELEASE.commit} && npm run import:r2router -- --release R2-Router/r2_router --out /tmp/r2-router-bundle`;

const pinnedFilesSchema = z.record(
  z.string().min(1),
  z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
);

/**
 * The size and SHA-256 of every file at the pinned commit. They are served beside the page's
 * code rather than compiled into it, so that the tests can pin their own fixture release.
 */
async function pinnedFiles(): Promise<PinnedFiles> {
  const fail = (why: string) =>
    new ReleaseDownloadError('unpinned', `Could not read this page’s list of the release’s files (${why}).`);
  let res: Response;
  try {
    res = await fetch(pinnedFilesUrl);
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (!res.ok) throw fail(`HTTP ${res.status}`);
  const parsed = pinnedFilesSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw fail('it is not a list of files with sizes and SHA-256 digests');
  return parsed.data;
}

export interface AuthorsRelease {
  bundle: LoadedBundle;
  warnings: string[];
}

async function load(onProgress: (progress: DownloadProgress) => void): Promise<AuthorsRelease> {
  const files = await pinnedFiles();
  try {
    const downloaded = await downloadRelease(
      { base: RELEASE_BASE, pin: RELEASE_PIN, files },
      { cache: await openReleaseCache(), onProgress },
    );
    const { manifest, onnxBytes, warnings } = await importRelease(downloaded.files, { reproduce: REPRODUCE });
    const onnx = onnxBytes.buffer.slice(onnxBytes.byteOffset, onnxBytes.byteOffset + onnxBytes.byteLength);
    return {
      bundle: { key: AUTHORS_RELEASE.id, manifest, onnx: onnx as ArrayBuffer },
      warnings: [...downloaded.warnings, ...warnings],
    };
  } catch (e) {
    // The importer's findings, about config.json or a checkpoint that arrived intact but does not read.
    if (e instanceof ReleaseError)
      throw new ReleaseDownloadError('unreadable', `The downloaded release could not be read: ${e.message}`);
    throw e;
  }
}

let pending: Promise<AuthorsRelease> | null = null;

/** One download at a time: a second request while one runs shares it (and its progress reports). */
export function fetchAuthorsRelease(onProgress: (progress: DownloadProgress) => void): Promise<AuthorsRelease> {
  pending ??= load(onProgress).finally(() => {
    pending = null;
  });
  return pending;
}
