import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FIXTURE_RELEASE,
  HAS_REAL_RELEASE,
  REAL_RELEASE,
  releaseFiles,
} from '../importer/__fixtures__/releaseFixtures';
import { checkpointPaths, importRelease, parseReleaseConfig } from '../importer/importRelease';
import { fakeRemote, pinFiles, type Answer } from './__fixtures__/remoteRelease';
import { AUTHORS_RELEASE, RELEASE_BASE } from './authorsRelease';
import pinnedFilesUrl from './authorsReleaseFiles.json?url&no-inline';
import { fetchAuthorsRelease } from './fetchAuthorsRelease';
import { ReleaseDownloadError, type PinnedFiles } from './releaseDownload';

const COMMITTED = JSON.parse(
  readFileSync(new URL('./authorsReleaseFiles.json', import.meta.url), 'utf8'),
) as PinnedFiles;
const HEAD = 'checkpoints/Alpha-7B_ridge_alpha10.0/unlimited_score_predictor.joblib';

const fixture = releaseFiles(FIXTURE_RELEASE);
afterEach(() => vi.unstubAllGlobals());

/** The page's own origin (its list of pinned files) and GitHub, both answered from memory. */
function serve(files: Map<string, Uint8Array>, pins: PinnedFiles | number, answers: Record<string, Answer> = {}) {
  const remote = fakeRemote(RELEASE_BASE, files, answers);
  vi.stubGlobal('fetch', (input: RequestInfo | URL) =>
    input === pinnedFilesUrl
      ? Promise.resolve(typeof pins === 'number' ? new Response(null, { status: pins }) : Response.json(pins))
      : remote.fetch(input),
  );
  return remote.requests;
}

describe('the files pinned for the authors’ release', () => {
  it('are config.json and three checkpoints for each of 11 LLMs, each with a size and a SHA-256', () => {
    const paths = Object.keys(COMMITTED);
    expect(paths[0]).toBe('config.json');
    const checkpoints = paths.slice(1);
    expect(checkpoints).toHaveLength(33);
    for (const path of checkpoints) {
      expect(path).toMatch(
        /^checkpoints\/[\w.-]+_ridge_alpha10\.0\/(limited_score_predictors|unlimited_score_predictor|unlimited_token_predictor)\.joblib$/,
      );
    }
    for (const file of Object.values(COMMITTED)) {
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(file.bytes).toBeGreaterThan(0);
    }
  });

  it.skipIf(!HAS_REAL_RELEASE)('are exactly the files of ../shared/r2-router-release, which config.json names', () => {
    const bytes = releaseFiles(REAL_RELEASE);
    expect(pinFiles(bytes)).toEqual(COMMITTED);
    const config = parseReleaseConfig(bytes.get('config.json')!, 'config.json');
    expect(['config.json', ...checkpointPaths(config)].sort()).toEqual(Object.keys(COMMITTED).sort());
  });
});

describe('fetchAuthorsRelease', () => {
  it('downloads the pinned files from the repository at the pinned commit and imports them as the bundle r2-router', async () => {
    const requests = serve(fixture, pinFiles(fixture));
    const { bundle, warnings } = await fetchAuthorsRelease(() => undefined);
    expect(requests[0]).toBe(
      'https://raw.githubusercontent.com/UCF-ML-Research/R2-Router/b0b2291aeee08feb4bedbd199ab014ec60d0004f/r2_router/config.json',
    );
    expect(requests).toHaveLength(fixture.size);
    expect(warnings).toEqual([]);
    expect(bundle.key).toBe(AUTHORS_RELEASE.id);
    const folder = await importRelease(fixture);
    expect(bundle.manifest).toEqual({
      ...folder.manifest,
      card: {
        ...folder.manifest.card,
        reproduce: `git clone https://github.com/UCF-ML-Research/R2-Router && git -C R2-Router checkout ${AUTHORS_RELEASE.commit} && npm run import:r2router -- --release R2-Router/r2_router --out /tmp/r2-router-bundle`,
      },
    });
    expect(new Uint8Array(bundle.onnx)).toEqual(new Uint8Array(folder.onnxBytes));
  });

  it('shares one download between two requests made while it runs', async () => {
    const requests = serve(fixture, pinFiles(fixture));
    const [a, b] = await Promise.all([fetchAuthorsRelease(() => undefined), fetchAuthorsRelease(() => undefined)]);
    expect(a).toBe(b);
    expect(requests).toHaveLength(fixture.size);
  });

  it('a file that arrives as pinned but does not read: the importer’s findings, named', async () => {
    const garbage = new Map(fixture).set(HEAD, new TextEncoder().encode('<html>not a pickle</html>'));
    serve(garbage, pinFiles(garbage));
    const error = await fetchAuthorsRelease(() => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseDownloadError);
    expect((error as ReleaseDownloadError).reason).toBe('unreadable');
    expect((error as ReleaseDownloadError).message).toMatch(
      new RegExp(
        `^The downloaded release could not be read: cannot import the release: 1 problem\\n  • Alpha-7B: ${HEAD}`,
      ),
    );
  });

  it('without its list of pinned files, downloads nothing', async () => {
    const requests = serve(fixture, 404);
    const error = await fetchAuthorsRelease(() => undefined).catch((e: unknown) => e);
    expect((error as ReleaseDownloadError).reason).toBe('unpinned');
    expect((error as ReleaseDownloadError).message).toBe(
      'Could not read this page’s list of the release’s files (HTTP 404).',
    );
    expect(requests).toEqual([]);
  });
});
