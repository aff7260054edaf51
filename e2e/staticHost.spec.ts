import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AUTHORS_RELEASE } from '../src/bundle/authorsRelease';
import { TINY_BUNDLE_ID } from '../src/encoder/__fixtures__/tinyQwen3';
import type { BuildManifest } from '../src/offline/buildManifest';
import { serveStatic, type StaticServer } from '../scripts/staticServer';
import { blockedFetch, enabledModels, expectCurves } from './app';
import { serveFixtureRelease } from './authorsRelease';
import { serveTinyBundle } from './tinyQwen3Bundle';

// The app as a person hosts it: a production build under a sub-path, served by a plain static
// server (no COOP/COEP, no CSP header), with the app's service worker allowed. Two builds: the
// first made with --base, the second with BASE_PATH and another CSP origin, to replace the first
// on the same origin as a new deployment would.

const BASE = '/r2-ship/';
const NEW_ORIGIN = 'https://llm.example.org';
const run = promisify(execFile);

test.use({ serviceWorkers: 'allow' });
// Each test loads the app several times, and the service worker keeps 18 MB: more than the usual minute on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 150_000 });

const dirs = { first: '', second: '' };
let server: StaticServer;

async function build(outDir: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  await run('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir', ...args], {
    env: { ...process.env, ...env },
  });
}

/** The build's own list of what its service worker keeps, read back from its sw.js. */
function manifestOf(dir: string): BuildManifest {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  return JSON.parse(/^self\.__R2_BUILD__ = (.*);$/m.exec(sw)![1]!) as BuildManifest;
}

async function serve(dir: string, port = 0): Promise<StaticServer> {
  return serveStatic({ dir, base: BASE, port });
}

async function offlineReady(page: Page): Promise<void> {
  await expect(page.getByTestId('offline-ready')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}

/** One curve per enabled LLM, once the predictor has loaded. */
async function drawsCurves(page: Page): Promise<void> {
  await expect(page.getByTestId('backend')).toHaveText(/^(wasm|webgpu)$/, { timeout: 30_000 });
  const enabled = await enabledModels(page);
  expect(enabled).toBeGreaterThan(1);
  await expectCurves(page, enabled);
}

const pageBuild = (page: Page) => page.locator('meta[name="r2-build"]').getAttribute('content');

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dirs.first = mkdtempSync(join(tmpdir(), 'r2-host-a-'));
  dirs.second = mkdtempSync(join(tmpdir(), 'r2-host-b-'));
  await build(dirs.first, ['--base', BASE]);
  await build(dirs.second, [], { BASE_PATH: BASE.slice(0, -1), VITE_EXTRA_CONNECT_ORIGINS: NEW_ORIGIN });
});

test.afterAll(() => {
  for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(async () => {
  server = await serve(dirs.first);
});

test.afterEach(async () => {
  await server.close();
});

test('each build keeps what its sw.js lists, as written, and the two builds differ', () => {
  for (const dir of [dirs.first, dirs.second]) {
    const manifest = manifestOf(dir);
    for (const file of [...manifest.required, ...manifest.optional])
      expect(readFileSync(join(dir, file.path)).length, file.path).toBe(file.bytes);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(
      `<meta name="r2-build" content="${manifest.build}"`,
    );
  }
  expect(manifestOf(dirs.second).build).not.toBe(manifestOf(dirs.first).build);
});

test('under a sub-path on a plain host: curves, then cross-origin isolation after the first load, then offline', async ({
  page,
  context,
}) => {
  const response = await page.goto(server.url);
  expect(response!.headers()['cross-origin-embedder-policy']).toBeUndefined();
  expect(response!.headers()['content-security-policy']).toBeUndefined();
  await drawsCurves(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await offlineReady(page);
  await expect(page.getByTestId('offline-ready')).toContainText('The app and the default predictor');

  // The second load comes through the service worker, which adds the isolation headers.
  await page.reload();
  await drawsCurves(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  // The policy comes from the page's meta tag here, and still reports what it blocks.
  expect((await blockedFetch(page, 'http://192.0.2.1:9/v1/chat/completions')).directive).toBe('connect-src');

  // With the network off, a reload opens the app on the default bundle from what was kept.
  const before = server.requests.length;
  await context.setOffline(true);
  await page.reload();
  await drawsCurves(page);
  await offlineReady(page);
  // The browser may still ask for sw.js itself, checking for a newer worker: the page needed nothing.
  expect(server.requests.slice(before).filter((path) => !path.endsWith('/sw.js'))).toEqual([]);
});

test('a ?bundle= link opens that bundle under the sub-path; the encoder panel says when threads need a reload', async ({
  page,
  context,
}) => {
  await serveTinyBundle(context);
  await page.goto(`${server.url}?bundle=${TINY_BUNDLE_ID}&q=${encodeURIComponent('What is 2 + 2?')}`);
  await expect(page.getByTestId('encoder-panel')).toBeVisible();
  await expect(page.getByTestId('query-input')).toHaveValue('What is 2 + 2?');
  const note = page.getByTestId('threads-note');
  await expect(note).toHaveAttribute('data-threads', 'one');
  // Once the service worker is active, one reload gives the encoder threads.
  await page.getByTestId('threads-reload').click();
  await expect(note).toHaveAttribute('data-threads', 'several');
  await expect(note).toContainText('cross-origin isolated');
  await expect(page.getByTestId('bundle-picker')).toHaveValue(TINY_BUNDLE_ID);
  // Not kept for offline use, and the badge says what a reload without network would open.
  await expect(page.getByTestId('offline-ready')).toHaveAttribute('data-state', 'partial');
  await expect(page.getByTestId('offline-ready')).toContainText(`The bundle “${TINY_BUNDLE_ID}” is not kept`);
});

test.describe('where no service worker can run', () => {
  test.use({ serviceWorkers: 'block' });

  test('the app runs on one thread, and the encoder panel and the badge say why', async ({ page, context }) => {
    await serveTinyBundle(context);
    await page.goto(`${server.url}?bundle=${TINY_BUNDLE_ID}`);
    const note = page.getByTestId('threads-note');
    await expect(note).toHaveAttribute('data-threads', 'one');
    await expect(note).toContainText('no service worker can make it so here (the browser did not register it)');
    await expect(page.getByTestId('threads-reload')).toHaveCount(0);
    await expect(page.getByTestId('offline-ready')).toHaveAttribute('data-state', 'no');
    await expect(page.getByTestId('offline-ready')).toContainText('Nothing is kept for offline use');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  });
});

test('with the released router’s heads and encoder kept, a reload without network opens it', async ({
  page,
  context,
}) => {
  await serveFixtureRelease(context);
  const loadEncoder = async () => {
    await expect(page.getByTestId('encoder-load')).toBeEnabled();
    await page.getByTestId('encoder-load').click();
    await expect(page.getByTestId('encoder-status')).toHaveText('ready', { timeout: 30_000 });
    await drawsCurves(page);
  };
  await page.goto(`${server.url}?bundle=${AUTHORS_RELEASE.id}`);
  await expect(page.getByTestId('release-progress')).toHaveAttribute('data-state', 'ready');
  await loadEncoder();
  const badge = page.getByTestId('offline-ready');
  await offlineReady(page);
  await expect(badge).toContainText('The authors’ R2-Router: its heads are kept, its Qwen3 encoder is kept');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('bundle-picker')).toHaveValue(AUTHORS_RELEASE.id);
  await expect(page.getByTestId('release-progress')).toContainText('read from this browser’s cache');
  await loadEncoder();
  await expect(page.getByTestId('encoder-loaded')).toHaveAttribute('data-from', 'cache');
  await offlineReady(page);
});

test('a new deployment on the same origin: the next visit opens it whole, an open tab is offered a reload', async ({
  context,
}) => {
  const [first, second] = [manifestOf(dirs.first), manifestOf(dirs.second)];
  const open = await context.newPage();
  await open.goto(server.url);
  await offlineReady(open);
  expect(await pageBuild(open)).toBe(first.build);

  const port = Number(new URL(server.url).port);
  await server.close();
  server = await serve(dirs.second, port);

  // The tab still open on the first build looks for a new one when it is seen again.
  await open.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(open.getByTestId('update-ready')).toBeVisible({ timeout: 30_000 });

  const next = await context.newPage();
  await next.goto(server.url);
  await drawsCurves(next);
  expect(await pageBuild(next)).toBe(second.build);
  expect(await next.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain(
    NEW_ORIGIN,
  );
  // Every file the page loaded from the app is the second build's: no chunk of the first.
  const loaded = await next.evaluate((base) => {
    const paths = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    return paths.filter((p) => p.startsWith(`${base}assets/`)).map((p) => p.slice(base.length));
  }, BASE);
  const secondFiles = new Set([...second.required, ...second.optional].map((f) => f.path));
  expect(loaded.length).toBeGreaterThan(3);
  expect(loaded.filter((p) => !secondFiles.has(p))).toEqual([]);
  await offlineReady(next);

  await open.getByTestId('update-reload').click();
  await expect.poll(() => pageBuild(open)).toBe(second.build);
  await expect(open.getByTestId('update-ready')).toHaveCount(0);

  await context.setOffline(true);
  await next.reload();
  await drawsCurves(next);
  expect(await pageBuild(next)).toBe(second.build);
});
