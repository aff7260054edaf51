import type { Page } from '@playwright/test';

/** The workload view driven from the bench: probes installed in the page, picking a file, λ presses while a batch runs. */

export const PLAN = '[data-testid="workload-plan"]';

/**
 * The page-side probes, as text: tsx rewrites functions passed to page.evaluate (it adds
 * helpers the page lacks), so they are installed as a script and called by name.
 */
const PAGE_PROBES = `
(() => {
  const w = { input: 0, press: null };
  window.__wl = w;
  for (const type of ['change', 'click']) document.addEventListener(type, () => { w.input = performance.now(); }, true);
  window.addEventListener('keydown', (e) => {
    if (e.target && e.target.getAttribute && e.target.getAttribute('data-testid') === 'workload-lambda')
      w.press = { down: e.timeStamp, at: null };
  }, true);
  // Resolves with performance.now() when the selector matches, watching the DOM from now on.
  w.whenMatches = (sel, timeout) => new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => check());
    const check = () => {
      if (!document.querySelector(sel)) return false;
      observer.disconnect();
      resolve(performance.now());
      return true;
    };
    if (check()) return;
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    setTimeout(() => { observer.disconnect(); reject(new Error(sel + ' did not appear within ' + timeout + ' ms')); }, timeout);
  });
  w.watchLambda = () => new MutationObserver(() => { if (w.press && w.press.at === null) w.press.at = performance.now(); })
    .observe(document.querySelector('[data-testid="workload-lambda-value"]'), { subtree: true, childList: true, characterData: true });
  // Two frames after a press: its latency, and whether the batch still runs.
  w.pressResult = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve({
    ms: w.press && w.press.at !== null ? w.press.at - w.press.down : null,
    running: document.querySelector('[data-testid="workload-progress"]') !== null,
  }))));
})();
`;

/** Installs the page-side probes on a page opened at the workload view. */
export async function installWorkloadProbes(page: Page): Promise<void> {
  await page.evaluate(PAGE_PROBES);
}

/** performance.now() when `selector` matches; the promise is handled at once so an early failure waits for its await. */
export function whenMatches(page: Page, selector: string, timeoutMs: number): Promise<number> {
  const done = page.evaluate<number>(`window.__wl.whenMatches(${JSON.stringify(selector)}, ${timeoutMs})`);
  done.catch(() => undefined);
  return done;
}

/** performance.now() of the last click or change, as the page saw it. */
export const inputAt = (page: Page) => page.evaluate<number>('window.__wl.input');

/** JSON Lines, since code and long queries span several lines. */
export async function pickFile(page: Page, queries: string[], name: string): Promise<void> {
  const text = queries.map((prompt) => JSON.stringify({ prompt })).join('\n');
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name, mimeType: 'application/jsonl', buffer: Buffer.from(text) });
}

/** λ presses while the batch runs; only presses whose change landed before the batch ended count. */
export async function pressesDuringBatch(page: Page, maxPresses: number): Promise<number[]> {
  await page.evaluate('window.__wl.watchLambda()');
  await page.getByTestId('workload-lambda').focus();
  const samples: number[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press(i % 20 < 10 ? 'ArrowLeft' : 'ArrowRight');
    const t = await page.evaluate<{ ms: number | null; running: boolean }>('window.__wl.pressResult()');
    if (!t.running) break;
    if (t.ms !== null) samples.push(t.ms);
  }
  return samples;
}
