import { describe, expect, it } from 'vitest';
import { BundleError, budgetIndex, parseManifest } from './manifest';

const valid = {
  format: 'r2-bundle/1',
  id: 'tiny',
  onnx: 'predictor.onnx',
  encoder: { kind: 'hashed-ngrams', dim: 8, seed: 1, charNgrams: [3], wordNgrams: [1], maxChars: 100 },
  budgets: [10, 100, 'unlimited'],
  pool: [
    { name: 'a', providerId: 'org/a', inputPerMillion: 0.1, outputPerMillion: 0.2 },
    { name: 'b', providerId: 'org/b', inputPerMillion: 0, outputPerMillion: 1 },
  ],
  io: {
    input: { name: 'features', shape: ['batch', 8] },
    quality: { name: 'quality', shape: ['batch', 2, 3] },
    naturalTokens: { name: 'natural_tokens', shape: ['batch', 2] },
  },
  card: { title: 't', summary: 's', trainedOn: 'x', simulated: true, reproduce: 'npm run train' },
};

function problems(value: unknown): string[] {
  try {
    parseManifest(JSON.stringify(value));
  } catch (e) {
    expect(e).toBeInstanceOf(BundleError);
    return (e as BundleError).problems;
  }
  throw new Error('expected the manifest to be refused');
}

describe('bundle manifest', () => {
  it('accepts a valid manifest and indexes its budgets', () => {
    const m = parseManifest(JSON.stringify(valid));
    expect(m.card.metrics).toEqual({});
    expect(budgetIndex(m)).toEqual({ anchors: [10, 100], anchorIdx: [0, 1], unlimitedIdx: 2 });
  });

  it('reports text that is not JSON', () => {
    expect(() => parseManifest('{ "format": ', 'models/x/manifest.json')).toThrow(
      /models\/x\/manifest.json is not valid JSON/,
    );
  });

  it('lists every problem with its path, not just the first', () => {
    const found = problems({
      ...valid,
      budgets: [100, 10],
      pool: [valid.pool[0], { ...valid.pool[0], inputPerMillion: -1 }],
      io: { ...valid.io, quality: { name: 'quality', shape: ['batch', 3, 3] } },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'pool.1.inputPerMillion: must not be negative',
        'budgets: must contain "unlimited" exactly once',
        'budgets: numeric budgets must be strictly increasing',
        'pool.1.name: duplicate LLM name "a"',
        'io.quality.shape: must be [batch, 2, 2] (pool × budgets)',
      ]),
    );
  });

  it('refuses a missing price, an empty pool and an ONNX path outside the folder', () => {
    const { outputPerMillion: _drop, ...noOutput } = valid.pool[0]!;
    expect(problems({ ...valid, pool: [noOutput, valid.pool[1]] })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pool\.0\.outputPerMillion: /)]),
    );
    expect(problems({ ...valid, pool: [] })).toEqual(expect.arrayContaining(['pool: the pool needs at least one LLM']));
    expect(problems({ ...valid, onnx: '../../etc/passwd.onnx' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^onnx: /)]),
    );
  });

  it('checks the input width against the encoder', () => {
    expect(problems({ ...valid, io: { ...valid.io, input: { name: 'features', shape: ['batch', 9] } } })).toEqual([
      'io.input.shape: input width 9 differs from encoder dim 8',
    ]);
  });
});
