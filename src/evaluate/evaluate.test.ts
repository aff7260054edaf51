import { describe, expect, it } from 'vitest';
import type { Manifest } from '../bundle/manifest';
import type { Prediction } from '../router/curves';
import type { Dataset } from './dataset';
import { viewBundle, viewPrediction } from './bundleView';
import { headErrors } from './heads';
import { lambdaGrid } from './lambdas';
import { buildReport } from './report';
import { deferralSvg } from './plot';
import { sweep } from './sweep';

/*
 * Two LLMs, two queries, budgets [10, unlimited]; prompts of four characters are one
 * input token. A costs 1/10 USD per 1M input/output tokens, B 0.1/1.
 *            A@10      A@unlimited   B@10      B@unlimited
 *   query 0  0 (10)    1 (300)       1 (10)    1 (200)        score (tokens)
 *   query 1  1 (10)    1 (400)       0 (10)    0 (150)
 */
const data: Dataset = {
  root: 'hand',
  pool: {
    budgets: [10, 'unlimited'],
    models: [
      { name: 'A', path: 'x/a', providerId: 'x/a', inputPerMillion: 1, outputPerMillion: 10 },
      { name: 'B', path: 'x/b', providerId: 'x/b', inputPerMillion: 0.1, outputPerMillion: 1 },
    ],
  },
  keys: ['q0', 'q1'],
  prompts: ['abcd', 'efgh'],
  scores: Float32Array.from([0, 1, 1, 1, 1, 1, 0, 0]),
  tokens: Float32Array.from([10, 300, 10, 200, 10, 400, 10, 150]),
  dropped: 0,
};

function manifest(names: string[], budgets: Manifest['budgets']): Manifest {
  const pool = names.map((name) => ({ name, providerId: name, inputPerMillion: 9, outputPerMillion: 9 }));
  return {
    format: 'r2-bundle/1',
    id: 'hand',
    onnx: 'p.onnx',
    encoder: { kind: 'hashed-ngrams', dim: 8, seed: 1, charNgrams: [3], wordNgrams: [1], maxChars: 100 },
    budgets,
    pool,
    io: {
      input: { name: 'features', shape: ['batch', 8] },
      quality: { name: 'quality', shape: ['batch', pool.length, budgets.length] },
      naturalTokens: { name: 'natural_tokens', shape: ['batch', pool.length] },
    },
    card: { title: 't', summary: 's', trainedOn: 'd', simulated: true, reproduce: 'r', metrics: {} },
  };
}

// A perfect predictor: the true scores, and the true unlimited lengths.
const perfect: Prediction[] = [
  {
    quality: [
      [0, 1],
      [1, 1],
    ],
    naturalTokens: [300, 200],
  },
  {
    quality: [
      [1, 1],
      [0, 0],
    ],
    naturalTokens: [400, 150],
  },
];

describe('evaluation sweep', () => {
  const view = viewBundle(manifest(['A', 'B'], [10, 'unlimited']), data);

  it('routes with the app router and averages realised quality and cost', () => {
    const s = sweep(view, data, [0, 1], perfect, [0]);
    // λ = 0, best quality then cheapest: query 0 → B@10 (0.1 + 10·1)/1e6; query 1 → A@10 (1 + 10·10)/1e6
    expect(s.r2[0]!.quality).toBe(1);
    expect(s.r2[0]!.cost).toBeCloseTo((1.01e-5 + 1.01e-4) / 2, 15);
    // reactive has only natural answers: query 0 → B (0.1 + 200)/1e6; query 1 → A (1 + 4000)/1e6
    expect(s.reactive[0]!.quality).toBe(1);
    expect(s.reactive[0]!.cost).toBeCloseTo((2.001e-4 + 4.001e-3) / 2, 15);
    // the oracle finds the same cheap answers as the perfect R2 predictor
    expect(s.oracle[0]).toEqual(s.r2[0]);
    // single LLMs at unlimited: A (1, (3.001e-3 + 4.001e-3)/2), B ((1 + 0)/2, (2.001e-4 + 1.501e-4)/2)
    expect(s.singles.map((m) => m.name)).toEqual(['A', 'B']);
    expect(s.singles[0]!.quality).toBe(1);
    expect(s.singles[0]!.cost).toBeCloseTo(3.501e-3, 15);
    expect(s.singles[1]!.quality).toBe(0.5);
    expect(s.singles[1]!.cost).toBeCloseTo(1.751e-4, 15);
  });

  it('at λ = 1 every method takes the cheapest option it knows', () => {
    const s = sweep(view, data, [0, 1], perfect, [1]);
    // B@10 for both queries: 1.01e-5 each; realised quality (1 + 0)/2
    expect(s.oracle[0]).toMatchObject({ quality: 0.5 });
    expect(s.oracle[0]!.cost).toBeCloseTo(1.01e-5, 15);
    expect(s.r2[0]).toEqual(s.oracle[0]);
    // reactive: B's natural answers, (2.001e-4 + 1.501e-4)/2
    expect(s.reactive[0]!.cost).toBeCloseTo(1.751e-4, 15);
  });

  it('scores heads against the constant mean of the training rows', () => {
    const h = headErrors(view, data, [0, 1], [0, 1], perfect);
    // A@10 is 0 then 1: mean 0.5, baseline MSE 0.25; the perfect predictor has 0
    expect(h.perModel.A!.quality['10']).toEqual({ mse: 0, baselineMse: 0.25 });
    // B's log1p lengths: log 201 and log 151, mean of squared deviations = (ln(201/151)/2)²
    expect(h.perModel.B!.naturalTokensLog1p.baselineMse).toBeCloseTo((Math.log(201 / 151) / 2) ** 2, 6);
    expect(h.quality.mse).toBe(0);
  });

  it('reports metrics on one cost scale and draws them', () => {
    const s = sweep(view, data, [0, 1], perfect, lambdaGrid());
    const r = buildReport(s, headErrors(view, data, [0, 1], [0, 1], perfect), 2);
    expect(r.bestSingleModel).toEqual({ name: 'A', quality: 1 });
    expect(r.heldOut.r2.peak).toBe(1);
    expect(r.heldOut.r2.qnc).toBeLessThan(r.heldOut.reactive.qnc);
    expect(r.heldOut.r2.audc).toBeGreaterThan(r.heldOut.reactive.audc);
    expect(r.singleModels.A!.normalisedCost).toBe(1);
    const svg = deferralSvg(r, 'hand <test>');
    expect(svg).toContain('hand &lt;test&gt;');
    expect(svg.match(/<polyline /g)).toHaveLength(6);
    expect(svg.match(/<circle /g)).toHaveLength(4);
  });
});

describe('a bundle seen through a dataset', () => {
  it('keeps only the LLMs and budgets both have, priced by the dataset', () => {
    const view = viewBundle(manifest(['C', 'B', 'A'], [10, 100, 'unlimited']), data);
    expect(view.manifest.pool.map((p) => [p.name, p.outputPerMillion])).toEqual([
      ['B', 1],
      ['A', 10],
    ]);
    expect(view.manifest.budgets).toEqual([10, 'unlimited']);
    expect(view.skippedModels).toEqual(['C']);
    expect(view.skippedBudgets).toEqual([100]);
    const p = viewPrediction(view, {
      quality: [
        [0.1, 0.2, 0.3],
        [0.4, 0.5, 0.6],
        [0.7, 0.8, 0.9],
      ],
      naturalTokens: [1, 2, 3],
    });
    expect(p).toEqual({
      quality: [
        [0.4, 0.6],
        [0.7, 0.9],
      ],
      naturalTokens: [2, 3],
    });
  });

  it('refuses a bundle with no LLM in common', () => {
    expect(() => viewBundle(manifest(['Z'], [10, 'unlimited']), data)).toThrow(/not in hand\/pool\.json/);
  });
});
