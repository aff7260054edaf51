import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureExport } from '../bench/encoder/exportFolder';
import { QWEN3_0_6B } from '../bench/encoder/qwen3Graph';
import { qwen3TokenizerFiles, QWEN3_VOCAB_SIZE } from '../src/encoder/__fixtures__/qwen3TokenizerFiles';
import { TINY_BUNDLE_ID, TINY_DIM } from '../src/encoder/__fixtures__/tinyQwen3';
import { qwen3Tokenizer } from '../src/encoder/qwen3Tokenizer';
import { commonPrefix } from '../src/encoder/prefixCache';
import type { Precision } from '../src/encoder/exportFiles';
import { loadNodeEncoder } from '../src/encoder/nodeEncoder';
import type { Qwen3Encoder } from '../src/encoder/qwen3';
import { EXAMPLES } from '../src/ui/examples';
import { choice, openApp, typeQuery } from './app';
import { offeredPrecisions, readExportFolder, serveHubExports } from './hubExport';
import { nodeChoice } from './nodeChoice';
import { serveTinyBundle, TINY_BUNDLE_DIR } from './tinyQwen3Bundle';

// The Hub's layout of Qwen3 (onnxruntime-genai's GroupQueryAttention with a KV cache), tiny,
// from the bench's generator: the page rewrites attention to continue a cached prefix and drops
// the LM head, and whatever way a text reached the query box — typed, deleted, edited in the
// middle, pasted, undone, an example picked — the page decides for it as Node does afresh.
// That Node's embedding is the untouched graph's is bench/encoder/incremental.test.ts's part.

const GQA_MODEL_ID = 'r2-fixtures/tiny-qwen3-gqa';
// Two query heads share each key/value head, as in Qwen3 (16 and 8); the tiny bundle reads 8-wide embeddings.
const TINY = {
  ...QWEN3_0_6B,
  layers: 2,
  hidden: TINY_DIM,
  heads: 2,
  kvHeads: 1,
  headDim: 4,
  intermediate: 16,
  vocab: 300,
  maxPositions: 2048,
};
const exp = ensureExport('text-generation', ['fp32', 'q8', 'fp16'], () => undefined, TINY);

/** The same layout over Qwen3's real vocabulary, with Qwen3's own tokenizer files: real merges. */
const QWEN3_VOCAB_MODEL_ID = 'r2-fixtures/tiny-qwen3-gqa-qwen3-tokenizer';
const real = ensureExport('text-generation', ['fp32'], () => undefined, { ...TINY, vocab: QWEN3_VOCAB_SIZE });
const realTokenizer = qwen3TokenizerFiles();
writeFileSync(join(real.dir, 'tokenizer.json'), realTokenizer.tokenizer);
writeFileSync(join(real.dir, 'tokenizer_config.json'), realTokenizer.config);

/**
 * How close the page's predicted quality must come to Node's fresh embedding of the same text.
 * fp32: the embedding moves by float32 summation order only (1e-7), whatever the edits. q8
 * quantises each run's activations as a whole, so the same text typed and pasted differ more;
 * fp16 rounds activations to 1e-3 (bench/encoder/incremental.test.ts).
 */
const TOLERANCE: Record<Precision, number> = { fp32: 1e-6, q8: 1e-2, fp16: 1e-3, q4: 1e-3, q4f16: 1e-3 };

async function loadEncoder(page: Page, precision: Precision, id = GQA_MODEL_ID, dir = exp.dir): Promise<void> {
  await page.getByTestId('encoder-hub-id').fill(id);
  // The id is read after a pause in typing: wait for this export's own options, not the default's.
  const offered = offeredPrecisions(dir);
  await expect(page.getByTestId('encoder-precision').locator('option')).toContainText(offered);
  await page.getByTestId('encoder-precision').selectOption(precision);
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-loaded')).toContainText(`(${precision}, wasm)`);
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByTestId('curves-chart')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('selection')).not.toHaveAttribute('data-model', '');
}

/** The selection must be Node's fresh fp32 choice for whatever text the query box holds now. */
async function expectFreshChoice(page: Page, node: Qwen3Encoder): Promise<void> {
  await settled(page);
  const text = await page.getByTestId('query-input').inputValue();
  const expected = await nodeChoice(TINY_BUNDLE_DIR, await node.embed(text, true), text);
  const shown = await choice(page, 'selection');
  expect([shown.model, shown.budget]).toEqual([expected.model, String(expected.budget)]);
  expect(Math.abs(shown.quality - expected.quality)).toBeLessThan(TOLERANCE.fp32);
}

/** Tokens the last query took from the KV cache, as the encoder panel says. */
async function reusedTokens(page: Page): Promise<number> {
  return Number(await page.getByTestId('encoder-cache').getAttribute('data-reused'));
}

test.beforeEach(async ({ context }) => {
  await serveTinyBundle(context);
  await serveHubExports(context, {
    [GQA_MODEL_ID]: readExportFolder(exp.dir),
    [QWEN3_VOCAB_MODEL_ID]: readExportFolder(real.dir),
  });
});

test('the Hub’s GroupQueryAttention layout runs in the page with attention that continues its cache, choosing as Node does', async ({
  page,
}) => {
  await openApp(page, { bundle: TINY_BUNDLE_ID });
  const query = 'Prove that the square root of 2 is irrational.';
  for (const precision of ['q8', 'fp16'] as const) {
    const node = await loadNodeEncoder(exp.dir, precision, TINY_DIM);
    expect(node.hiddenState).toMatchObject({ patch: 'LM head removed', kvCache: 'incremental' });
    const expected = await nodeChoice(TINY_BUNDLE_DIR, await node.embed(query, true), query);
    await node.dispose();

    await loadEncoder(page, precision);
    await expect(page.getByTestId('encoder-hidden-state')).toHaveAttribute('data-patch', 'LM head removed');
    await expect(page.getByTestId('encoder-cache')).toHaveAttribute('data-kv-cache', 'incremental');
    await typeQuery(page, query);
    await expect(page.getByTestId('selection')).toHaveAttribute('data-model', expected.model);
    await expect
      .poll(async () => Math.abs((await choice(page, 'selection')).quality - expected.quality))
      .toBeLessThan(TOLERANCE[precision]);
    // A new encoder starts with an empty cache: the first query runs whole.
    await expect(page.getByTestId('encoder-cache')).toHaveAttribute('data-reused', '0');
  }
});

test('typed, deleted, edited in the middle, pasted, undone or picked, a text is decided as when opened afresh by link', async ({
  page,
  context,
}) => {
  const node = await loadNodeEncoder(exp.dir, 'fp32', TINY_DIM);
  const input = page.getByTestId('query-input');
  const expectFresh = () => expectFreshChoice(page, node);
  const reused = () => reusedTokens(page);

  await openApp(page, { bundle: TINY_BUNDLE_ID });
  await loadEncoder(page, 'fp32');

  // Typed a character at a time, quickly enough that some predictions are overtaken by the next key.
  await input.click();
  await page.keyboard.type('Which LLM should answer this question about prime numbers?', { delay: 30 });
  await expectFresh();
  await page.keyboard.type(' Be brief.', { delay: 250 });
  await expectFresh();
  expect(await reused()).toBeGreaterThan(40);

  // Deleted from the end.
  for (let i = 0; i < 6; i++) await page.keyboard.press('Backspace');
  await expectFresh();

  // One character changed in the middle.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('X');
  await expectFresh();
  expect(await reused()).toBe(10);

  // Pasted at the end, then undone.
  const beforePaste = await input.inputValue();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(' Context: a prime has exactly two divisors, 1 and itself; 2 is the only even one.');
  await expectFresh();
  await page.keyboard.press('Control+z');
  await expect(input).toHaveValue(beforePaste);
  await expectFresh();

  // Examples picked, and back (the page keeps that prediction: nothing runs), then typed on from there.
  for (const example of [EXAMPLES[0]!, EXAMPLES[2]!, EXAMPLES[0]!]) {
    await page.getByRole('button', { name: example.label, exact: true }).click();
    await expect(input).toHaveValue(example.text);
    await expectFresh();
  }
  await input.click();
  await page.keyboard.press('Control+End');
  // One input event: the text is embedded once, ahead of its predict (useEmbedAhead).
  await page.keyboard.insertText(' Why?');
  await expectFresh();
  // The first example's cache outlived the second's run: only the new tokens ran.
  expect(await reused()).toBe(EXAMPLES[0]!.text.length);

  // The same text opened afresh by link, in a page of its own, decides exactly as the typed one.
  const typed = await choice(page, 'selection');
  const fresh = await context.newPage();
  await openApp(fresh, { bundle: TINY_BUNDLE_ID, q: await input.inputValue() });
  await loadEncoder(fresh, 'fp32');
  await settled(fresh);
  const opened = await choice(fresh, 'selection');
  expect([opened.model, opened.budget]).toEqual([typed.model, typed.budget]);
  expect(Math.abs(opened.quality - typed.quality)).toBeLessThan(TOLERANCE.fp32);
  await node.dispose();
});

test('with Qwen3’s own tokenizer, whose merges change the last tokens as a person types, every text is decided as Node decides it afresh', async ({
  page,
}) => {
  const node = await loadNodeEncoder(real.dir, 'fp32', TINY_DIM);
  const tokenizer = await qwen3Tokenizer(realTokenizer.tokenizer, realTokenizer.config, 'Qwen3', QWEN3_VOCAB_SIZE);
  const input = page.getByTestId('query-input');
  const expectFresh = () => expectFreshChoice(page, node);
  const reused = () => reusedTokens(page);

  await openApp(page, { bundle: TINY_BUNDLE_ID });
  await loadEncoder(page, 'fp32', QWEN3_VOCAB_MODEL_ID, real.dir);
  await expect(page.getByTestId('encoder-tokenizer-warning')).toHaveCount(0);
  await input.fill('');
  await input.click();
  // Each keystroke decided before the next: "squ" becomes "squared", "naï" "naïve", a CJK pair one token.
  const typed = 'Is 12345 squared naïve? 你好世界';
  const before = 'Is 12345 squ';
  const merged = tokenizer.encode(before);
  const after = tokenizer.encode(typed.slice(0, before.length + 4));
  expect(commonPrefix(merged, after)).toBeLessThan(merged.length);
  for (const ch of typed) {
    await page.keyboard.type(ch);
    await expectFresh();
  }
  // Only the re-merged tail ran: the rest came from the cache.
  expect(await reused()).toBeGreaterThan(0);
  expect(await reused()).toBeLessThan(tokenizer.encode(typed).length);

  // An emoji sequence pasted, the middle edited, then undone.
  await page.keyboard.insertText(' 👩‍👩‍👧 ok');
  await expectFresh();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('0');
  await expectFresh();
  await page.keyboard.press('Control+z');
  await expectFresh();
  await node.dispose();
});

test('a keystroke is embedded while the debounce waits, and its prediction runs nothing more', async ({ page }) => {
  // Every message between the page and its worker, in order.
  await page.addInitScript(() => {
    const log: { dir: 'out' | 'in'; type: string; text?: string; activity?: string }[] = [];
    (window as unknown as { __workerLog: typeof log }).__workerLog = log;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent<{ type: string; activity?: { kind: string } }>) =>
          log.push({ dir: 'in', type: e.data.type, activity: e.data.activity?.kind }),
        );
      }
      override postMessage(message: { type: string; text?: string; texts?: string[] }, ...rest: [never]) {
        log.push({ dir: 'out', type: message.type, text: message.text ?? message.texts?.[0] });
        super.postMessage(message, ...rest);
      }
    };
  });
  await openApp(page, { bundle: TINY_BUNDLE_ID });
  await loadEncoder(page, 'fp32');
  await typeQuery(page, 'Which LLM should answer this question about prime numbers?');
  const input = page.getByTestId('query-input');
  await input.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(' Why?');
  const text = await input.inputValue();
  await settled(page);
  await expect(page.getByTestId('encoder-cache')).toHaveAttribute('data-computed', '5');

  type Entry = { dir: 'out' | 'in'; type: string; text?: string; activity?: string };
  const log = await page.evaluate(() => (window as unknown as { __workerLog: Entry[] }).__workerLog);
  const ahead = log.findIndex((m) => m.dir === 'out' && m.type === 'embed-ahead' && m.text === text);
  const predict = log.findIndex((m) => m.dir === 'out' && m.type === 'predict' && m.text === text);
  expect(ahead).toBeGreaterThanOrEqual(0);
  expect(predict).toBeGreaterThan(ahead);
  const predicted = log.findIndex((m, i) => i > predict && m.dir === 'in' && m.type === 'predicted');
  expect(predicted).toBeGreaterThan(predict);
  // The text's five new tokens ran once, ahead; the predict read the vector that run left.
  const runs = log.slice(ahead, predicted).filter((m) => m.type === 'encoder-activity' && m.activity === 'cache');
  expect(runs).toHaveLength(1);

  // Undone, the text before is one the page has a prediction for: nothing goes to the worker.
  const sent = log.length;
  await page.keyboard.press('Control+z');
  await expect(input).not.toHaveValue(text);
  await settled(page);
  await page.waitForTimeout(500);
  const after = await page.evaluate(() => (window as unknown as { __workerLog: Entry[] }).__workerLog);
  expect(after.slice(sent).filter((m) => m.dir === 'out')).toEqual([]);
});
