import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

/** Shared steps for the playground specs. E2E_BUNDLE runs them against another served bundle. */

export async function openApp(page: Page, params: Record<string, string> = {}): Promise<void> {
  const search = new URLSearchParams(params);
  if (process.env.E2E_BUNDLE && !search.has('bundle')) search.set('bundle', process.env.E2E_BUNDLE);
  await page.goto(`/?${search.toString()}`);
  await expect(page.getByTestId('backend')).toHaveText(/^(wasm|webgpu)$/, { timeout: 30_000 });
}

export async function enabledModels(page: Page): Promise<number> {
  return page.getByTestId('pool-editor').locator('tbody input[type=checkbox]:checked').count();
}

export async function expectCurves(page: Page, count: number): Promise<void> {
  await expect(page.getByTestId('curves-chart').locator('.curve-line')).toHaveCount(count);
}

export interface Choice {
  model: string;
  budget: string;
  costUsd: number;
  outputTokens: number;
  quality: number;
}

export async function choice(page: Page, testId: 'selection' | 'baseline-selection'): Promise<Choice> {
  const el = page.getByTestId(testId);
  const attr = async (name: string) => (await el.getAttribute(name)) ?? '';
  return {
    model: await attr('data-model'),
    budget: await attr('data-budget'),
    costUsd: Number(await attr('data-cost-usd')),
    outputTokens: Number(await attr('data-output-tokens')),
    quality: Number(await attr('data-quality')),
  };
}

/** Types into the query box and waits until the chart shows the new prediction. */
export async function typeQuery(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('query-input');
  await input.fill(text);
  await expect(page.getByTestId('curves-chart')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('selection')).not.toHaveAttribute('data-model', '');
}

/** What the page's Content-Security-Policy reports when the page fetches `url`: the violated directive and the blocked URL. */
export function blockedFetch(page: Page, url: string): Promise<{ directive: string; blockedURI: string }> {
  return page.evaluate(async (target) => {
    const seen = new Promise<{ directive: string; blockedURI: string }>((resolve) =>
      document.addEventListener(
        'securitypolicyviolation',
        (e) => resolve({ directive: e.effectiveDirective, blockedURI: e.blockedURI }),
        { once: true },
      ),
    );
    await fetch(target).catch(() => null);
    return seen;
  }, url);
}

/** Clicks a download button and reads the file it saves, as text. */
export async function downloadText(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFile(await file.path(), 'utf8');
}
