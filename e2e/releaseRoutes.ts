import type { BrowserContext } from '@playwright/test';
import { fakeRemote, type Answer } from '../src/bundle/__fixtures__/remoteRelease';
import { RELEASE_BASE } from '../src/bundle/authorsRelease';
import type { PinnedFiles } from '../src/bundle/releaseDownload';

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
