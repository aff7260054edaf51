import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from './__fixtures__/makeTinyQwen3';
import { TINY_DIM, tinyExpectedEmbedding, tinyQwen3Files, tinyQwen3Graph } from './__fixtures__/tinyQwen3';
import { tinyTextGenExport } from './__fixtures__/tinyQwen3TextGen';
import { EncoderError } from './encoderError';
import { exportOptions, type Precision } from './exportFiles';
import type { ExportReader } from './exportReader';
import { loadNodeEncoder } from './nodeEncoder';
import { folderReader, listFolder } from './nodeFolder';
import { loadQwen3Encoder, type Qwen3Encoder } from './qwen3';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const TINY = join(FIXTURES, 'tiny-qwen3');
const TEXT_GEN = join(FIXTURES, 'tiny-qwen3-text-generation');
const TEXTS = ['hi', 'hello world', 'Which LLM answers best?', '🙂', 'héllo, 世界 👋🏽'];

const expected = (text: string, normalize = true) => [...tinyExpectedEmbedding(text, normalize)];

async function problem(promise: Promise<unknown>): Promise<EncoderError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EncoderError);
  return e as EncoderError;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  return Math.max(...a.map((v, k) => Math.abs(v - b[k]!)));
}

describe('the Qwen3 encoder on the tiny feature-extraction export', () => {
  let encoder: Qwen3Encoder;
  beforeAll(async () => {
    encoder = await loadNodeEncoder(TINY, 'fp32', TINY_DIM);
  });
  afterAll(() => encoder.dispose());

  it.each(TEXTS)('embeds %j as the last token’s normalised hidden state', async (text) => {
    const vector = [...(await encoder.embed(text, true))];
    expect(vector).toHaveLength(TINY_DIM);
    expected(text).forEach((v, k) => expect(vector[k]).toBeCloseTo(v, 5));
    expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
  });

  it('reads last_hidden_state as it is', () => {
    expect(encoder.hiddenState).toEqual({ output: 'last_hidden_state', patch: 'none', kvCache: 'none' });
  });

  it('returns the raw hidden state when the bundle does not normalise', async () => {
    const vector = [...(await encoder.embed('raw please', false))];
    expected('raw please', false).forEach((v, k) => expect(vector[k]).toBeCloseTo(v, 5));
  });

  it('refuses an empty text, which has no last token', async () => {
    expect((await problem(encoder.embed('', true))).problem).toBe('empty-text');
  });

  it('reads a float16 export, converting its output to float32', async () => {
    const fp16 = await loadNodeEncoder(TINY, 'fp16', TINY_DIM);
    const vector = [...(await fp16.embed('half precision', true))];
    expected('half precision').forEach((v, k) => expect(Math.abs(vector[k]! - v)).toBeLessThan(2e-3));
    await fp16.dispose();
  });
});

describe('the text-generation export of the same model', () => {
  let features: Qwen3Encoder;
  beforeAll(async () => {
    features = await loadNodeEncoder(TINY, 'fp32', TINY_DIM);
  });
  afterAll(() => features.dispose());

  it.each([
    ['fp32', 1e-6],
    ['fp16', 1e-3],
  ] as const)('gives the feature-extraction export’s embeddings at %s, within %d', async (precision, tolerance) => {
    const textGen = await loadNodeEncoder(TEXT_GEN, precision, TINY_DIM);
    expect(textGen.hiddenState.patch).toBe('LM head removed');
    for (const text of TEXTS) {
      const [a, b] = [await textGen.embed(text, true), await features.embed(text, true)];
      expect(maxDifference(a, b)).toBeLessThanOrEqual(tolerance);
    }
    // Unnormalised too: the hidden state itself, not only its direction.
    const raw = [await textGen.embed('raw state', false), await features.embed('raw state', false)] as const;
    expect(maxDifference(...raw)).toBeLessThanOrEqual(tolerance * 10);
    await textGen.dispose();
  });
});

describe('the text-generation export built in memory at the released heads’ width', () => {
  const files = tinyTextGenExport(1024);
  const reader: ExportReader = {
    open: (path) =>
      Promise.resolve(
        new ReadableStream<Uint8Array>({
          start(stream) {
            stream.enqueue(files.get(path)!);
            stream.close();
          },
        }),
      ),
  };
  const listed = [...files].map(([path, bytes]) => ({ path, size: bytes.length }));

  it.each([
    ['fp32', 1e-6],
    ['fp16', 1e-3],
  ] as const)(
    'embeds as the tiny model must at width 1024 (%s, within %d)',
    async (precision: Precision, tolerance) => {
      const option = exportOptions(listed, 'in memory').find((o) => o.precision === precision)!;
      const encoder = await loadQwen3Encoder({ files: reader, ort, label: 'x', option, device: 'cpu', dim: 1024 });
      for (const text of TEXTS) {
        const vector = await encoder.embed(text, true);
        expect(maxDifference(vector, tinyExpectedEmbedding(text, true, 1024))).toBeLessThanOrEqual(tolerance);
      }
      await encoder.dispose();
    },
  );
});

describe('broken exports and cancelled loads', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tiny-qwen3-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('says when logits come from no LM head it knows, so the hidden state cannot be found', async () => {
    const dir = join(scratch, 'no-lm-head');
    writeFiles(dir, { ...tinyQwen3Files(), 'onnx/model.onnx': tinyQwen3Graph('logits') });
    const e = await problem(loadNodeEncoder(dir, 'fp32', TINY_DIM));
    expect(e.problem).toBe('no-hidden-states');
    expect(e.message).toMatch(
      /outputs logits: no last_hidden_state, no node making logits is an LM head this page knows \(MatMul, Gemm, MatMulNBits/,
    );
  });

  it('says when the model is wider or narrower than the bundle’s heads', async () => {
    const e = await problem(loadNodeEncoder(TINY, 'fp32', 1024));
    expect(e.problem).toBe('width');
    expect(e.message).toMatch(/8-wide hidden states but this bundle's heads read 1024-wide/);
  });

  it('says when the export is not a Qwen3 model', async () => {
    const dir = join(scratch, 'not-qwen3');
    const files = tinyQwen3Files();
    writeFiles(dir, { ...files, 'config.json': { ...(files['config.json'] as object), model_type: 'llama' } });
    expect((await problem(loadNodeEncoder(dir, 'fp32', TINY_DIM))).problem).toBe('wrong-model');
  });

  it('stops when cancelled while reading the weights, and says so', async () => {
    const option = exportOptions(listFolder(TEXT_GEN), TEXT_GEN).find((o) => o.precision === 'fp32')!;
    const controller = new AbortController();
    const e = await problem(
      loadQwen3Encoder({
        files: folderReader(TEXT_GEN),
        ort,
        label: 'the tiny export',
        option,
        device: 'cpu',
        dim: TINY_DIM,
        signal: controller.signal,
        onProgress: (loaded) => loaded > 10_000 && controller.abort(),
      }),
    );
    expect(e).toMatchObject({ problem: 'cancelled', message: 'Stopped loading the tiny export (fp32).' });
  });
});
