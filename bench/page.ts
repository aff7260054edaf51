import type { Browser, BrowserContext, Page } from '@playwright/test';
import { probeScript } from './probes';

/** One fresh browser context (its own profile: no cache, no storage) with the probes installed. */

export const VIEWPORT = { width: 1440, height: 1000 } as const;

export interface Fetched {
  url: string;
  /** Wall-clock (epoch ms) request start and response end, as the browser reports them. */
  startEpochMs: number;
  endEpochMs: number;
}

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Everything the page and its workers fetched, in order of completion. */
  fetched: Fetched[];
  close(): Promise<void>;
}

export async function freshPage(browser: Browser, debounceMs: number): Promise<AppPage> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: probeScript(debounceMs) });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const fetched: Fetched[] = [];
  // Context-level events also see the worker's requests (ORT's .wasm).
  context.on('requestfinished', (r) => {
    const t = r.timing();
    fetched.push({ url: r.url(), startEpochMs: t.startTime, endEpochMs: t.startTime + Math.max(0, t.responseEnd) });
  });
  return { context, page, fetched, close: () => context.close() };
}

export function appUrl(base: string, bundle: string, params: Record<string, string> = {}): string {
  const url = new URL(base);
  url.searchParams.set('bundle', bundle);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

/** Evaluates an expression against the probes (window.__bench) and returns its value. */
export function probe<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

/** Opens the app on `bundle` and waits for the default query's curves. */
export async function openApp(app: AppPage, base: string, bundle: string): Promise<number> {
  await app.page.goto(appUrl(base, bundle));
  const at = await probe<number | null>(app.page, 'window.__bench.whenFirstCurves(60000)');
  if (at === null) throw new Error(`no curves were drawn within 60 s of opening ${appUrl(base, bundle)}`);
  return at;
}
