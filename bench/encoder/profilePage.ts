import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../../e2e/browser';
import { launchArgs, type BenchBackend } from '../launch';
import { VIEWPORT, type AppPage, type Fetched } from '../page';
import { probeScript } from '../probes';

/**
 * A page in a browser profile of its own on disk (under .data/), new and empty, deleted on close. The bench's
 * other pages use Playwright's incognito-like contexts, whose Cache Storage lives in memory
 * and refuses entries the size of model weights, so a second load could never come from the
 * cache there, as it does in a person's browser. The app's service worker is blocked unless asked
 * for, so that it never shares the machine with what is timed.
 */
export async function profilePage(
  backend: BenchBackend,
  debounceMs: number,
  serviceWorkers: 'allow' | 'block' = 'block',
): Promise<AppPage> {
  const root = resolve('.data', 'browser-profiles');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'encoder-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    args: launchArgs(backend),
    headless: true,
    viewport: VIEWPORT,
    timeout: 60_000,
    serviceWorkers,
  });
  await context.addInitScript({ content: probeScript(debounceMs) });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  const fetched: Fetched[] = [];
  context.on('requestfinished', (r) => {
    const t = r.timing();
    fetched.push({ url: r.url(), startEpochMs: t.startTime, endEpochMs: t.startTime + Math.max(0, t.responseEnd) });
  });
  return {
    context,
    page,
    fetched,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
