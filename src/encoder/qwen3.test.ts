import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from './__fixtures__/makeTinyQwen3';
import { TINY_DIM, tinyExpectedEmbedding, tinyQwen3Files, tinyQwen3Graph } from './__fixtures__/tinyQwen3';
import { EncoderError } from './encoderError';
import { exportOptions, type Precision } from './exportFiles';
import { listFolder } from './nodeFolder';
import { loadQwen3Encoder, type Qwen3Encoder } from './qwen3';

const TINY = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'tiny-qwen3');

const expected = (text: string, normalize = true) => [...tinyExpectedEmbedding(text, normalize)];

function load(dir: string, precision: Precision = 'fp32', dim = TINY_DIM) {
  const option = exportOptions(listFolder(dir), dir).find((o) => o.precision === precision);
  if (!option) throw new Error(`no ${precision} in ${dir}`);
  return loadQwen3Encoder({ model: dir, label: 'the tiny export', option, device: 'cpu', dim });
}

async function problem(promise: Promise<unknown>): Promise<EncoderError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EncoderError);
  return e as EncoderError;
}

beforeAll(() => {
  env.allowRemoteModels = false;
});

describe('the Qwen3 encoder on the tiny export', () => {
  let encoder: Qwen3Encoder;
  beforeAll(async () => {
    encoder = await load(TINY);
  });
  afterAll(() => encoder.dispose());

  it.each(['hi', 'hello world', 'Which LLM answers best?', '🙂', 'héllo, 世界 👋🏽'])(
    'embeds %j as the last token’s normalised hidden state',
    async (text) => {
      const vector = [...(await encoder.embed(text, true))];
      expect(vector).toHaveLength(TINY_DIM);
      expected(text).forEach((v, k) => expect(vector[k]).toBeCloseTo(v, 5));
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    },
  );

  it('returns the raw hidden state when the bundle does not normalise', async () => {
    const vector = [...(await encoder.embed('raw please', false))];
    expected('raw please', false).forEach((v, k) => expect(vector[k]).toBeCloseTo(v, 5));
  });

  it('refuses an empty text, which has no last token', async () => {
    expect((await problem(encoder.embed('', true))).problem).toBe('empty-text');
  });
});

describe('precisions and broken exports', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tiny-qwen3-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads a float16 export, converting its output to float32', async () => {
    const encoder = await load(TINY, 'fp16');
    const vector = [...(await encoder.embed('half precision', true))];
    expected('half precision').forEach((v, k) => expect(Math.abs(vector[k]! - v)).toBeLessThan(2e-3));
    await encoder.dispose();
  });

  it('says a text-generation export (logits only) cannot give the embedding', async () => {
    const dir = join(scratch, 'logits-only');
    writeFiles(dir, { ...tinyQwen3Files(), 'onnx/model.onnx': tinyQwen3Graph('logits') });
    const e = await problem(load(dir));
    expect(e.problem).toBe('no-hidden-states');
    expect(e.message).toMatch(/outputs logits, not last_hidden_state: it is a text-generation export/);
  });

  it('says when the model is wider or narrower than the bundle’s heads', async () => {
    const e = await problem(load(TINY, 'fp32', 1024));
    expect(e.problem).toBe('width');
    expect(e.message).toMatch(/8-wide hidden states but this bundle's heads read 1024-wide/);
  });

  it('says when the export is not a Qwen3 model', async () => {
    const dir = join(scratch, 'not-qwen3');
    const files = tinyQwen3Files();
    writeFiles(dir, { ...files, 'config.json': { ...(files['config.json'] as object), model_type: 'llama' } });
    expect((await problem(load(dir))).problem).toBe('wrong-model');
  });
});
