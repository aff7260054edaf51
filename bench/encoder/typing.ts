import { typeAndTime } from '../keystrokes';
import { percentile, round, type Spread } from '../stats';
import { loadInPanel, openEncoderPage, type Context } from './encoderMode';
import { queryOfTokens } from './encoderQueries';
import type { BenchExport } from './exportFolder';
import { serveFiles } from './fileServer';

/**
 * Typing with the released router: in the app's page, with the encoder loaded in its panel, a
 * query of a given length on screen, then keystrokes one at a time, each timed from keydown to
 * the chart showing every curve redrawn (the keystroke probe of the main mode, the debounce
 * taken out). Each keystroke appends a character, so the worker runs its new tokens only,
 * continuing the query's KV cache; `editMiddle` types at the middle of the long query instead,
 * where half the query runs again.
 */

export interface TypingRun {
  /** Per query length in tokens: keystrokes appending one character; and the KV caches' memory after the run. */
  typing: Record<string, Spread | number | null>;
  editMiddle: Spread;
  detail: { samplesMs: Record<string, number[]>; unchanged: number };
}

const KEYSTROKES = 20;
const EDITS_IN_THE_MIDDLE = 5;
/** A keystroke that reruns half of a 1,000-token query may take many seconds on two cores. */
const KEY_TIMEOUT_MS = 120_000;

const spreadOf = (xs: number[]): Spread => ({ p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)) });

export async function typingRun(
  ctx: Context,
  exp: BenchExport,
  precision: Parameters<typeof loadInPanel>[2],
  lengths: readonly number[],
): Promise<TypingRun> {
  const cdn = await serveFiles({ '/export/': exp.dir });
  const app = await openEncoderPage(ctx, exp, cdn.url);
  try {
    const { page } = app;
    await loadInPanel(ctx, page, precision);
    const input = page.getByTestId('query-input');
    const chart = page.getByTestId('curves-chart');
    const settle = async (text: string) => {
      await input.fill(text);
      // Once the debounce has passed and the prediction has landed, the chart is no longer busy.
      await page.waitForTimeout(ctx.debounceMs + 50);
      await chart.and(page.locator('[aria-busy="false"]')).waitFor({ timeout: KEY_TIMEOUT_MS });
    };
    const samplesMs: Record<string, number[]> = {};
    let unchanged = 0;
    const timed = async (name: string, count: number, caret: 'end' | number) => {
      const run = await typeAndTime(page, count, KEY_TIMEOUT_MS, caret);
      unchanged += run.unchanged;
      samplesMs[name] = run.timings.map((t) => round(t.allCurvesAt! - t.down - ctx.debounceMs, 1));
      const spread = spreadOf(samplesMs[name]);
      ctx.log(`typing (${name}): p50 ${spread.p50} ms, p95 ${spread.p95} ms over ${run.timings.length} keys`);
    };
    for (const tokens of lengths) {
      await settle(queryOfTokens(tokens, 7));
      await timed(String(tokens), KEYSTROKES, 'end');
    }
    const longest = Math.max(...lengths);
    await settle(queryOfTokens(longest, 8));
    await timed('editMiddle', EDITS_IN_THE_MIDDLE, Math.floor(longest / 2));
    const line = page.getByTestId('encoder-cache');
    const bytes = (await line.count()) ? await line.getAttribute('data-bytes') : null;
    return {
      typing: {
        ...Object.fromEntries(lengths.map((n) => [String(n), spreadOf(samplesMs[String(n)]!)])),
        cacheMB: bytes === null ? null : round(Number(bytes) / 1e6, 0),
      },
      editMiddle: spreadOf(samplesMs.editMiddle!),
      detail: { samplesMs, unchanged },
    };
  } finally {
    await app.close();
    await cdn.close();
  }
}
