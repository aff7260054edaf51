import { describe, expect, it } from 'vitest';
import type { EncoderSpec } from '../bundle/manifest';
import type { EncoderInfo } from '../worker/encoderProtocol';
import { encoderGate } from './useEncoder';

const qwen3: EncoderSpec = {
  kind: 'qwen3-embedding',
  model: 'Qwen/Qwen3-0.6B',
  dim: 1024,
  pooling: 'last-token',
  normalize: true,
};
const info = (dim: number): EncoderInfo => ({
  label: 'me/qwen3-fe',
  precision: 'fp16',
  device: 'wasm',
  dim,
  bytes: 1,
  from: 'hub',
  loadMs: 12,
});

describe('encoderGate', () => {
  it('lets a bundle with a built-in encoder predict', () => {
    expect(
      encoderGate({ kind: 'hashed-ngrams', dim: 8, seed: 1, charNgrams: [3], wordNgrams: [1], maxChars: 100 }, null),
    ).toMatchObject({ needed: false, message: null });
  });

  it('holds a Qwen3 bundle back, saying why, until an encoder of its width is loaded', () => {
    expect(encoderGate(qwen3, null)).toMatchObject({
      needed: true,
      message: 'This bundle needs the Qwen3-0.6B encoder: load it to see predictions.',
    });
    expect(encoderGate(qwen3, info(8)).needed).toBe(true);
    const ready = encoderGate(qwen3, info(1024));
    expect(ready).toMatchObject({ needed: false, message: null });
    expect(ready.key).not.toBe(encoderGate(qwen3, { ...info(1024), precision: 'q8' }).key);
  });
});
