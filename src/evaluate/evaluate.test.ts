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
import { seeded } from '../router/testing/randomPools';
import { buildCurves } from '../router/curves';
import { route, routeReactive } from '../router/search';
import { estimateInputTokens } from '../router/cost';

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

describe('the sweep against the routers at every λ', () => {
  it('equals route() and routeReactive() at each λ of the grid, on random data and predictions', () => {
    const rand = seeded(11);
    const budgets: Manifest['budgets'] = [10, 50, 200, 1000, 'unlimited'];
    const names = ['A', 'B', 'C', 'D'];
    for (let t = 0; t < 60; t++) {
      const n = 12;
      // Coarse values make ties between options, where the routers' tie-breaks matter.
      const coarse = () => Math.round(rand() * 4) / 4;
      const random: Dataset = {
        root: 'random',
        pool: {
          budgets,
          models: names.map((name) => ({
            name,
            path: name,
            providerId: name,
            inputPerMillion: Math.round(rand() * 5),
            outputPerMillion: Math.round(rand() * 20),
          })),
        },
        keys: Array.from({ length: n }, (_, q) => `q${q}`),
        prompts: Array.from({ length: n }, (_, q) => 'x'.repeat(1 + q * 37)),
        scores: Float32Array.from({ length: n * names.length * budgets.length }, coarse),
        tokens: Float32Array.from({ length: n * names.length * budgets.length }, () => Math.round(rand() * 3000)),
        dropped: 0,
      };
      const view = viewBundle(manifest(names, budgets), random);
      const predictions: Prediction[] = random.keys.map(() => ({
        quality: names.map(() => budgets.map(() => (rand() < 0.5 ? coarse() : rand()))),
        naturalTokens: names.map(() => (rand() < 0.2 ? 0 : Math.round(rand() * 4000))),
      }));
      const rows = random.keys.map((_, q) => q);
      const lambdas = lambdaGrid(40);
      const s = sweep(view, random, rows, predictions, lambdas);
      const realised = (q: number, model: string, budget: Manifest['budgets'][number]) => {
        const m = names.indexOf(model);
        const cell = (q * names.length + m) * budgets.length + budgets.indexOf(budget);
        const prices = random.pool.models[m]!;
        const tokens = random.tokens[cell]!;
        const input = estimateInputTokens(random.prompts[q]!);
        return {
          quality: random.scores[cell]!,
          cost: (input * prices.inputPerMillion + tokens * prices.outputPerMillion) / 1e6,
        };
      };
      lambdas.forEach((lambda, l) => {
        const sums = { r2: { quality: 0, cost: 0 }, reactive: { quality: 0, cost: 0 } };
        rows.forEach((q) => {
          const query = {
            curves: buildCurves(view.manifest, predictions[q]!, view.manifest.pool, () => true),
            lambda,
            inputTokens: estimateInputTokens(random.prompts[q]!),
            cap: null,
            continuous: false,
          };
          for (const [router, best] of [
            ['r2', route(query).best!],
            ['reactive', routeReactive(query).best!],
          ] as const) {
            const r = realised(q, best.model, best.budget);
            sums[router].quality += r.quality;
            sums[router].cost += r.cost;
          }
        });
        for (const router of ['r2', 'reactive'] as const) {
          expect(s[router][l]!.quality).toBeCloseTo(sums[router].quality / n, 12);
          expect(s[router][l]!.cost).toBeCloseTo(sums[router].cost / n, 15);
        }
      });
    }
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
