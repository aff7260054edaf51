import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_RELEASE, releaseFiles } from '../importer/__fixtures__/releaseFixtures';
import { importRelease } from '../importer/importRelease';
import { fakeRemote, MemoryCache, pinFiles, type Answer } from './__fixtures__/remoteRelease';
import { downloadRelease, ReleaseDownloadError, type DownloadOptions, type DownloadProgress } from './releaseDownload';

const BASE = 'https://raw.githubusercontent.com/lab/router/0123456789abcdef0123456789abcdef01234567/r2_router/';
const PIN = 'commit 0123456 of lab/router';
const HEAD = 'checkpoints/Beta-1B_ridge_alpha10.0/unlimited_token_predictor.joblib';

const release = releaseFiles(FIXTURE_RELEASE);
const pinned = pinFiles(release);
afterEach(() => vi.unstubAllGlobals());

function download(answers: Record<string, Answer> = {}, options: Partial<DownloadOptions> = {}) {
  const remote = fakeRemote(BASE, release, answers);
  const progress: DownloadProgress[] = [];
  const result = downloadRelease(
    { base: BASE, pin: PIN, files: pinned },
    { cache: null, fetch: remote.fetch, onProgress: (p) => progress.push(p), ...options },
  );
  return { result, requests: remote.requests, progress };
}

async function failure(result: Promise<unknown>): Promise<ReleaseDownloadError> {
  const error = await result.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReleaseDownloadError);
  return error as ReleaseDownloadError;
}

describe('downloading a pinned release', () => {
  it('fetches config.json, then the checkpoints it names, and they import as the folder does', async () => {
    const { result, requests } = download();
    const { files, warnings } = await result;
    expect(requests[0]).toBe(`${BASE}config.json`);
    expect(requests.slice(1).sort()).toEqual(
      [...release.keys()]
        .filter((p) => p !== 'config.json')
        .map((p) => BASE + p)
        .sort(),
    );
    expect(warnings).toEqual([]);
    const fromRemote = await importRelease(files);
    const fromFolder = await importRelease(release);
    expect(fromRemote.manifest).toEqual(fromFolder.manifest);
    expect(fromRemote.onnxBytes).toEqual(fromFolder.onnxBytes);
  });

  it('reports files and bytes as they arrive, from none to all', async () => {
    const { result, progress } = download();
    await result;
    const total = [...release.values()].reduce((s, b) => s + b.length, 0);
    expect(progress[0]).toEqual({ files: 0, filesTotal: 7, bytes: 0, bytesTotal: total, cached: 0 });
    expect(progress.at(-1)).toEqual({ files: 7, filesTotal: 7, bytes: total, bytesTotal: total, cached: 0 });
    expect(progress.map((p) => p.files)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps every file in the cache, so that the second download makes no request', async () => {
    const cache = new MemoryCache();
    await download({}, { cache }).result;
    expect([...cache.entries.keys()].sort()).toEqual([...release.keys()].map((p) => BASE + p).sort());
    const again = download({}, { cache });
    const { files } = await again.result;
    expect(again.requests).toEqual([]);
    expect(again.progress.at(-1)).toMatchObject({ files: 7, cached: 7 });
    expect(files).toEqual(release);
  });

  it('fetches a damaged cached copy again and replaces it', async () => {
    const cache = new MemoryCache();
    await download({}, { cache }).result;
    cache.entries.set(BASE + HEAD, new Uint8Array([1, 2, 3]));
    const again = download({}, { cache });
    expect((await again.result).files.get(HEAD)).toEqual(release.get(HEAD));
    expect(again.requests).toEqual([BASE + HEAD]);
    expect(cache.entries.get(BASE + HEAD)).toEqual(release.get(HEAD));
  });

  it('still loads when the browser will not keep the files, and says so once', async () => {
    const cache = new MemoryCache();
    cache.put = () => Promise.reject(new Error('QuotaExceededError'));
    const { warnings } = await download({}, { cache }).result;
    expect(warnings).toEqual([
      'this browser did not keep the release (QuotaExceededError); the next visit downloads it again',
    ]);
  });
});

describe('each failure of a pinned download has its own message', () => {
  it('offline, with nothing cached: says so, and that one download makes later visits work offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const error = await failure(download({ 'config.json': 'offline' }).result);
    expect(error.reason).toBe('offline');
    const kB = Math.round([...release.values()].reduce((s, b) => s + b.length, 0) / 1e3);
    expect(error.message).toBe(
      `You are offline, and this browser keeps no copy of the release from an earlier visit. Connect once to download it (${kB} kB); later visits load it offline.`,
    );
  });

  it('host unreachable while the browser believes it is online: names the host and the file', async () => {
    const error = await failure(download({ [HEAD]: 'offline' }).result);
    expect(error.reason).toBe('offline');
    expect(error.message).toMatch(
      new RegExp(
        `^Could not reach raw\\.githubusercontent\\.com for ${HEAD} \\(Failed to fetch\\)\\. Check the connection`,
      ),
    );
  });

  it('a file the repository no longer has (404): names the file and the pin', async () => {
    const error = await failure(download({ [HEAD]: 404 }).result);
    expect(error.reason).toBe('missing');
    expect(error.message).toMatch(`raw.githubusercontent.com has no ${HEAD} at ${PIN} (HTTP 404)`);
  });

  it('another HTTP error: names the status', async () => {
    const error = await failure(download({ 'config.json': 503 }).result);
    expect(error.reason).toBe('http');
    expect(error.message).toBe('raw.githubusercontent.com answered HTTP 503 for config.json. Try again later.');
  });

  it('a changed file: names it, and keeps it out of the cache', async () => {
    const changed = release.get(HEAD)!.slice();
    changed[changed.length - 1]! ^= 1;
    const cache = new MemoryCache();
    const error = await failure(download({ [HEAD]: changed }, { cache }).result);
    expect(error.reason).toBe('changed');
    expect(error.message).toMatch(
      new RegExp(
        `^${HEAD} is not the file the authors released at ${PIN}: its SHA-256 is [0-9a-f]{12}…, the pinned one ${pinned[HEAD]!.sha256.slice(0, 12)}…`,
      ),
    );
    expect(cache.entries.has(BASE + HEAD)).toBe(false);
  });

  it('a changed config.json: stops before any checkpoint is requested', async () => {
    const { result, requests } = download({ 'config.json': new TextEncoder().encode('{}') });
    expect((await failure(result)).reason).toBe('changed');
    expect(requests).toEqual([`${BASE}config.json`]);
  });

  it('a checkpoint that is not pinned', async () => {
    const { [HEAD]: _dropped, ...fewer } = pinned;
    const remote = fakeRemote(BASE, release);
    const error = await failure(
      downloadRelease({ base: BASE, pin: PIN, files: fewer }, { cache: null, fetch: remote.fetch }),
    );
    expect(error.reason).toBe('changed');
    expect(error.message).toBe(`config.json names ${HEAD}, which is not among the 6 files pinned at ${PIN}.`);
  });

  it('no Web Crypto (not a secure context): cannot check the digests, so downloads nothing further', async () => {
    vi.stubGlobal('crypto', {});
    const error = await failure(download().result);
    expect(error.reason).toBe('insecure');
    expect(error.message).toMatch(/^This page is not in a secure context/);
  });
});
