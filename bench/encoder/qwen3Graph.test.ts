import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { writeModel } from './onnxFile';
import { cacheType, qwen3Graph, TINY_QWEN3, type BuiltPrecision } from './qwen3Graph';
import { float16Bits } from './weights';

// The generator at a tiny size, run on onnxruntime-node: every precision's operators load and
// run, and the inputs and outputs are the ones transformers.js feeds and reads.
const dir = mkdtempSync(join(tmpdir(), 'qwen3-graph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function feeds(session: ort.InferenceSession, precision: BuiltPrecision, tokens: number): Record<string, ort.Tensor> {
  const ids = (f: (i: number) => number) =>
    new ort.Tensor(
      'int64',
      BigInt64Array.from({ length: tokens }, (_, i) => BigInt(f(i))),
      [1, tokens],
    );
  const out: Record<string, ort.Tensor> = {
    input_ids: ids((i) => 40 + i),
    attention_mask: ids(() => 1),
    position_ids: ids((i) => i),
  };
  const half = cacheType(precision) === 'float16';
  for (const name of session.inputNames.filter((n) => n.startsWith('past_key_values.'))) {
    out[name] = new ort.Tensor(cacheType(precision), half ? new Uint16Array(0) : new Float32Array(0), [
      1,
      TINY_QWEN3.kvHeads,
      0,
      TINY_QWEN3.headDim,
    ]);
  }
  return out;
}

describe('qwen3Graph', () => {
  it.each(['q4', 'q4f16', 'q8', 'fp16'] as const)(
    '%s: a text-generation export that runs, with logits and a KV cache per layer',
    async (precision) => {
      const path = join(dir, `model_${precision}.onnx`);
      writeModel(path, qwen3Graph(TINY_QWEN3, precision, 'text-generation'), 'test');
      const session = await ort.InferenceSession.create(path);
      expect(session.inputNames.slice(0, 3)).toEqual(['input_ids', 'attention_mask', 'position_ids']);
      expect(session.inputNames.filter((n) => n.startsWith('past_key_values.'))).toHaveLength(2 * TINY_QWEN3.layers);
      const out = await session.run(feeds(session, precision, 5));
      expect(out.logits!.dims).toEqual([1, 5, TINY_QWEN3.vocab]);
      expect(out.logits!.type).toBe(cacheType(precision));
      expect(out['present.1.value']!.dims).toEqual([1, TINY_QWEN3.kvHeads, 5, TINY_QWEN3.headDim]);
      if (out.logits!.type === 'float32')
        expect([...(out.logits!.data as Float32Array)].every(Number.isFinite)).toBe(true);
    },
  );

  it('feature-extraction: the same decoder ending in last_hidden_state, without a cache', async () => {
    const path = join(dir, 'model_fe.onnx');
    writeModel(path, qwen3Graph(TINY_QWEN3, 'q4', 'feature-extraction'), 'test');
    const session = await ort.InferenceSession.create(path);
    expect(session.inputNames).toEqual(['input_ids', 'attention_mask', 'position_ids']);
    expect(session.outputNames).toEqual(['last_hidden_state']);
    const out = await session.run(feeds(session, 'q4', 3));
    expect(out.last_hidden_state!.dims).toEqual([1, 3, TINY_QWEN3.hidden]);
  });
});

describe('float16Bits', () => {
  it('rounds to the nearest half', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(0.05)).toBe(0x2a66);
    expect(float16Bits(1e-7)).toBe(0x0002);
    expect(float16Bits(0)).toBe(0);
  });
});
