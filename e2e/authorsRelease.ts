import { expect, type BrowserContext, type Page } from '@playwright/test';
import { fakeRemote, pinFiles, type Answer } from '../src/bundle/__fixtures__/remoteRelease';
import { AUTHORS_RELEASE, RELEASE_BASE } from '../src/bundle/authorsRelease';
import type { PinnedFiles } from '../src/bundle/releaseDownload';
import { tinyTextGenExport } from '../src/encoder/__fixtures__/tinyQwen3TextGen';
import { QWEN3_EXPORT } from '../src/encoder/exportFiles';
import { FIXTURE_RELEASE, releaseFiles } from '../src/importer/__fixtures__/releaseFixtures';
import { serveHubExports } from './hubExport';

/**
 * The authors' release as the page fetches it, offline: its files served by request interception
 * at the pinned raw GitHub URLs; picking it and loading its encoder in the page.
 */

const CORS = { 'access-control-allow-origin': '*' };

/**
 * Serves `files` at the release's raw GitHub URLs (or the given answers instead) and, when `pins`
 * are given, the page's list of pinned files with them; returns the GitHub URLs requested.
 */
export async function serveRelease(
  context: BrowserContext,
  files: ReadonlyMap<string, Uint8Array>,
  { pins, answers = {} }: { pins?: PinnedFiles; answers?: Record<string, Answer> } = {},
): Promise<string[]> {
  if (pins) await context.route('**/assets/authorsReleaseFiles-*.json', (r) => r.fulfill({ json: pins }));
  const remote = fakeRemote(RELEASE_BASE, files, answers);
  await context.route('https://raw.githubusercontent.com/**', async (r) => {
    const res = await remote.fetch(r.request().url()).catch(() => null);
    if (!res) return r.abort('internetdisconnected');
    return r.fulfill({ status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: CORS });
  });
  return remote.requests;
}

/** The project's fixture release at GitHub's URLs (its digests pinned), and a 1024-wide tiny Qwen3 export as the Hub's. */
export async function serveFixtureRelease(context: BrowserContext): Promise<void> {
  const files = releaseFiles(FIXTURE_RELEASE);
  await serveRelease(context, files, { pins: pinFiles(files) });
  await serveHubExports(context, { [QWEN3_EXPORT]: tinyTextGenExport(1024) });
}

export async function pickRelease(page: Page): Promise<void> {
  await page.getByTestId('bundle-picker').selectOption(AUTHORS_RELEASE.id);
  await expect(page.getByTestId('release-progress')).toHaveAttribute('data-state', 'ready');
}

/** One click on Load, with the panel's defaults (the Hub's Qwen3 export). */
export async function loadEncoder(page: Page): Promise<void> {
  await expect(page.getByTestId('encoder-hub-id')).toHaveValue(QWEN3_EXPORT);
  await expect(page.getByTestId('encoder-load')).toBeEnabled();
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-status')).toHaveText('ready', { timeout: 30_000 });
}
