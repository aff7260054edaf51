import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_TOKENS } from '../../src/encoder/cachedRuns';
import type { Precision } from '../../src/encoder/exportFiles';
import { floatValues } from '../../src/encoder/float16';
import { appendToGraph } from '../../src/encoder/graphPatch';
import { exposeHiddenState, findLmHead } from '../../src/encoder/hiddenStateOutput';
import { l2Normalize } from '../../src/encoder/lastToken';
import { loadNodeEncoder } from '../../src/encoder/nodeEncoder';
import { scanGraph } from '../../src/encoder/onnxGraphScan';
import type { Qwen3Encoder } from '../../src/encoder/qwen3';
import type { CacheActivity } from '../../src/encoder/queryEncoder';
import { lengthDelimited } from '../../src/encoder/wireFormat';
import { ensureExport, SUFFIX } from './exportFolder';
import { cacheType, TINY_QWEN3 } from './qwen3Graph';

// The app's patch and its incremental embedding, on the bench's Hub-shaped export (the model
// builder's GroupQueryAttention layout) at a tiny size, every precision, on onnxruntime-node.
// fp32 is q8's weights dequantized, the model q8 approximates. The tokenizer is byte-level
// (one token per byte), so a text's edits are its tokens' edits.
const TINY = { ...TINY_QWEN3, layers: 3, maxPositions: 2048 };
const PRECISIONS: Precision[] = ['fp32', 'q8', 'q4', 'q4f16', 'fp16'];
const root = mkdtempSync(join(tmpdir(), 'kv-incremental-'));
const exp = ensureExport('text-generation', PRECISIONS, () => undefined, TINY, root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * How far the page's embedding of a text may move with the way it was run (whole, in steps,
 * or continuing a cached prefix), max abs over the L2-normalised vector. Float32 arithmetic
 * differs in its summation order only. float16 activations round to 1e-3. onnxruntime's 4-bit
 * kernels (MatMulNBits, accuracy level 4) quantise activations to int8 and pick their arithmetic
 * by how many tokens share a run (3e-4 apart here for 610 tokens whole or in steps of 256). q8
 * quantises each run's activations with one scale for the whole run (DynamicQuantizeLinear), so
 * which tokens share a run moves every row: it is held to the distance it already has from fp32 (below).
 */
const TOLERANCE: Record<Exclude<Precision, 'q8'>, number> = { fp32: 1e-5, q4: 1e-3, q4f16: 1e-3, fp16: 1e-3 };

const SENTENCE = 'Prove that the square root of 2 is irrational.';
const LONG = `${SENTENCE} `.repeat(13).trim(); // 623 tokens: three steps of STEP_TOKENS

const maxDiff = (a: Float32Array, b: Float32Array) => Math.max(...a.map((v, k) => Math.abs(v - b[k]!)));

const model = (precision: Precision) =>
  new Uint8Array(readFileSync(join(exp.dir, 'onnx', `model${SUFFIX[precision]}.onnx`)));

/** The untouched export, its hidden state made an output, run on the whole text with an empty cache. */
async function untouched(precision: Precision, text: string): Promise<Float32Array> {
  const original = model(precision);
  const hidden = findLmHead(scanGraph(original))!.hidden;
  const bytes = appendToGraph(original, original.length, lengthDelimited(12, lengthDelimited(1, hidden)));
  const session = await ort.InferenceSession.create(bytes);
  const ids = [...new TextEncoder().encode(text)];
  const ints = (f: (i: number) => number) =>
    new ort.Tensor(
      'int64',
      BigInt64Array.from(ids, (_, i) => BigInt(f(i))),
      [1, ids.length],
    );
  const feeds: Record<string, ort.Tensor> = {
    input_ids: ints((i) => ids[i]!),
    attention_mask: ints(() => 1),
    position_ids: ints((i) => i),
  };
  const empty = cacheType(precision) === 'float16' ? new Uint16Array(0) : new Float32Array(0);
  for (const name of session.inputNames.filter((n) => n.startsWith('past_key_values.')))
    feeds[name] = new ort.Tensor(cacheType(precision), empty, [1, TINY.kvHeads, 0, TINY.headDim]);
  const out = (await session.run(feeds, [hidden]))[hidden]!;
  await session.release();
  const values = Float32Array.from(floatValues(out.type, out.data));
  return l2Normalize(values.slice(values.length - TINY.hidden));
}

describe('the patched export', () => {
  it.each(PRECISIONS)(
    '%s: attention in standard operators with its cache, no LM head, and the untouched graph’s hidden state',
    async (precision) => {
      const original = model(precision);
      const patched = exposeHiddenState(original.slice(), original.length, 'the export');
      expect(patched).toMatchObject({ patch: 'LM head removed', kvCache: 'incremental' });
      const scan = scanGraph(patched.bytes);
      expect(scan.nodes.filter((n) => n.opType === 'GroupQueryAttention')).toEqual([]);
      expect(scan.nodes.some((n) => n.name.startsWith('/lm_head/'))).toBe(false);
      expect(scan.outputs.filter((o) => !o.startsWith('present.'))).toEqual([patched.output]);
      expect(scan.inputs.filter((i) => i.startsWith('past_key_values.'))).toHaveLength(2 * TINY.layers);

      const encoder = await loadNodeEncoder(exp.dir, precision, TINY.hidden);
      for (const text of ['A', SENTENCE, LONG]) {
        const tolerance = precision === 'q8' ? 0 : TOLERANCE[precision];
        // The page runs a long text in steps, the untouched graph whole: for q8 that moves every row (above).
        if (precision === 'q8' && text === LONG) continue;
        expect(maxDiff(await encoder.embed(text, true), await untouched(precision, text))).toBeLessThanOrEqual(
          Math.max(tolerance, 1e-6),
        );
      }
      await encoder.dispose();
    },
  );
});

/** Edits a person makes, each ending on a text the page then embeds: the final text of each, and all texts between. */
const EDITS: { name: string; texts: string[] }[] = [
  { name: 'typing one character at a time', texts: [...SENTENCE].map((_, i) => SENTENCE.slice(0, i + 1)) },
  { name: 'deleting from the end', texts: [SENTENCE, ...[1, 2, 3, 4, 5].map((n) => SENTENCE.slice(0, -n))] },
  {
    name: 'changing a character in the middle',
    texts: [SENTENCE, SENTENCE.replace('square', 'squire'), SENTENCE.replace('square', 'sqXare')],
  },
  { name: 'pasting a long text after a short one', texts: [SENTENCE, `${SENTENCE} ${LONG}`] },
  { name: 'undo, and switching between texts', texts: [SENTENCE, `${SENTENCE} Why?`, SENTENCE, LONG, SENTENCE] },
];

describe('incremental embedding', () => {
  const fresh = new Map<Precision, Qwen3Encoder>();
  beforeAll(async () => {
    for (const p of PRECISIONS) fresh.set(p, await loadNodeEncoder(exp.dir, p, TINY.hidden));
  });
  afterAll(async () => {
    for (const e of fresh.values()) await e.dispose();
  });

  const notQ8 = PRECISIONS.filter((p): p is Exclude<Precision, 'q8'> => p !== 'q8');
  it.each(notQ8.flatMap((p) => EDITS.map((e) => [p, e.name, e.texts] as const)))(
    '%s, %s: every text as embedded afresh',
    async (precision, _name, texts) => {
      const live = await loadNodeEncoder(exp.dir, precision, TINY.hidden, { cacheBytes: 64e6 });
      for (const text of texts) {
        const got = await live.embed(text, true);
        expect(maxDiff(got, await fresh.get(precision)!.embed(text, true))).toBeLessThanOrEqual(TOLERANCE[precision]);
      }
      await live.dispose();
    },
  );

  it('runs only what an edit changed, and says so', async () => {
    const said: CacheActivity[] = [];
    const live = await loadNodeEncoder(exp.dir, 'fp32', TINY.hidden, {
      cacheBytes: 64e6,
      onActivity: (a) => said.push(a),
    });
    const stats = () => ({ lastText: said.at(-1)?.lastText, cache: said.at(-1)?.cache });
    await live.embed(SENTENCE, true);
    expect(stats().lastText).toEqual({ reused: 0, computed: SENTENCE.length, kept: true });
    await live.embed(`${SENTENCE}!`, true);
    expect(stats().lastText).toEqual({ reused: SENTENCE.length, computed: 1, kept: true });
    // Deleting runs the new last token again: the cache holds keys and values, not hidden states.
    await live.embed(SENTENCE.slice(0, -3), true);
    expect(stats().lastText).toEqual({ reused: SENTENCE.length - 4, computed: 1, kept: true });
    const middle = SENTENCE.indexOf('square');
    await live.embed(SENTENCE.replace('square', 'squire'), true);
    expect(stats().lastText).toEqual({ reused: middle + 3, computed: SENTENCE.length - middle - 3, kept: true });
    // Covered texts are not kept twice: the sentence with '!' serves the sentence and its prefixes.
    expect(stats().cache).toMatchObject({ entries: 2, capBytes: 64e6 });
    expect(STEP_TOKENS).toBeLessThan(LONG.length);
    await live.dispose();
  });

  it('q8: continuing a prefix stays as close to the fp32 model as embedding afresh does', async () => {
    const live = await loadNodeEncoder(exp.dir, 'q8', TINY.hidden, { cacheBytes: 64e6 });
    const fp32 = fresh.get('fp32')!;
    const worst = { fresh: 0, live: 0 };
    for (const { texts } of EDITS)
      for (const text of texts) {
        const reference = await fp32.embed(text, true);
        worst.live = Math.max(worst.live, maxDiff(await live.embed(text, true), reference));
        worst.fresh = Math.max(worst.fresh, maxDiff(await fresh.get('q8')!.embed(text, true), reference));
      }
    console.log(`q8 against fp32, max abs over the normalised vectors: afresh ${worst.fresh}, live ${worst.live}`);
    expect(worst.live).toBeLessThanOrEqual(1.5 * worst.fresh);
    await live.dispose();
  });
});
