import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { floatValues } from '../../src/encoder/float16';
import { appendToGraph } from '../../src/encoder/graphSplice';
import { exposeHiddenState, findLmHead } from '../../src/encoder/hiddenStateOutput';
import { scanGraph } from '../../src/encoder/onnxGraphScan';
import { lengthDelimited } from '../../src/encoder/wireFormat';
import { writeModel } from './onnxFile';
import { cacheType, qwen3Graph, TINY_QWEN3, type BuiltPrecision } from './qwen3Graph';

// The app's patch on the bench's Hub-shaped export at a tiny size, every precision, on
// onnxruntime-node: the KV cache leaves GroupQueryAttention and the graph, and the hidden
// state is the one the untouched graph computes with an empty cache.
const TINY = { ...TINY_QWEN3, layers: 3 };
const GRAPH_OUTPUT = 12;
const dir = mkdtempSync(join(tmpdir(), 'kv-detach-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportBytes(precision: BuiltPrecision): Uint8Array {
  const path = join(dir, `model_${precision}.onnx`);
  writeModel(path, qwen3Graph(TINY, precision, 'text-generation'), 'test');
  return new Uint8Array(readFileSync(path));
}

function feeds(names: readonly string[], precision: BuiltPrecision, ids: number[]): Record<string, ort.Tensor> {
  const ints = (f: (i: number) => number) =>
    new ort.Tensor(
      'int64',
      BigInt64Array.from(ids, (_, i) => BigInt(f(i))),
      [1, ids.length],
    );
  const out: Record<string, ort.Tensor> = {
    input_ids: ints((i) => ids[i]!),
    attention_mask: ints(() => 1),
    position_ids: ints((i) => i),
  };
  const empty = cacheType(precision) === 'float16' ? new Uint16Array(0) : new Float32Array(0);
  for (const name of names.filter((n) => n.startsWith('past_key_values.')))
    out[name] = new ort.Tensor(cacheType(precision), empty, [1, TINY.kvHeads, 0, TINY.headDim]);
  return out;
}

async function lastRow(model: Uint8Array, output: string, precision: BuiltPrecision, ids: number[]) {
  const session = await ort.InferenceSession.create(model);
  try {
    const hidden = (await session.run(feeds(session.inputNames, precision, ids), [output]))[output]!;
    const values = Array.from(floatValues(hidden.type, hidden.data));
    return { values: values.slice(-TINY.hidden), inputs: session.inputNames, outputs: session.outputNames };
  } finally {
    await session.release();
  }
}

describe('the KV cache detached from the Hub-shaped export', () => {
  it.each(['q8', 'q4', 'q4f16', 'fp16'] as const)(
    '%s: no cache on attention or in the graph, and the same hidden state',
    async (precision) => {
      const original = exportBytes(precision);
      const patched = exposeHiddenState(original.slice(), original.length, 'the export');
      expect(patched).toMatchObject({ patch: 'cut to the last position', kvCache: 'detached' });

      const scan = scanGraph(patched.bytes);
      const attention = scan.nodes.filter((n) => n.opType === 'GroupQueryAttention');
      expect(attention).toHaveLength(TINY.layers);
      for (const n of attention) {
        expect(n.inputs.slice(3, 5)).toEqual(['', '']);
        expect(n.outputs.slice(1)).toEqual(['', '']);
      }
      expect(scan.inputs).toEqual(['input_ids', 'attention_mask', 'position_ids']);
      expect(scan.outputs).toEqual(['logits', patched.output]);

      // The untouched graph, only with its hidden state as an output, run with an empty cache.
      const hidden = findLmHead(scanGraph(original))!.hidden;
      const withOutput = appendToGraph(
        original,
        original.length,
        lengthDelimited(GRAPH_OUTPUT, lengthDelimited(1, hidden)),
      );
      for (const ids of [[65], [72, 105, 33, 10, 200, 7, 7, 300 - 1]]) {
        const before = await lastRow(withOutput, hidden, precision, ids);
        const after = await lastRow(patched.bytes, patched.output, precision, ids);
        expect(before.inputs).toHaveLength(3 + 2 * TINY.layers);
        expect(after.inputs).toEqual(['input_ids', 'attention_mask', 'position_ids']);
        expect(after.outputs.some((o) => o.startsWith('present.'))).toBe(false);
        const tolerance = cacheType(precision) === 'float16' ? 1e-3 : 1e-5;
        const scale = Math.max(...before.values.map(Math.abs));
        const worst = Math.max(...after.values.map((v, k) => Math.abs(v - before.values[k]!)));
        expect(worst).toBeLessThanOrEqual(tolerance * scale);
      }
    },
  );
});
