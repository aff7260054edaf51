import { describe, expect, it } from 'vitest';
import type { Manifest } from '../bundle/manifest';
import { estimateInputTokens } from '../router/cost';
import { buildCurves, type Prediction } from '../router/curves';
import { route, routeReactive } from '../router/search';
import type { Candidate } from '../router/types';
import { curvesCsv, planCsv, planExportRows, planJson } from './exports';
import {
  indexMaps,
  planTotals,
  predictedCurve,
  queriesRoutedTo,
  queryMaps,
  samePlanFilter,
  type RoutingSettings,
} from './plan';
import { savings } from './savings';

const manifest: Manifest = {
  format: 'r2-bundle/1',
  id: 'hand',
  onnx: 'p.onnx',
  encoder: { kind: 'hashed-ngrams', dim: 8, seed: 1, charNgrams: [3], wordNgrams: [1], maxChars: 100 },
  budgets: [10, 100, 'unlimited'],
  pool: [
    { name: 'strong', providerId: 's', inputPerMillion: 1, outputPerMillion: 10 },
    { name: 'weak', providerId: 'w', inputPerMillion: 0.1, outputPerMillion: 1 },
  ],
  io: {
    input: { name: 'features', shape: ['batch', 8] },
    quality: { name: 'quality', shape: ['batch', 2, 3] },
    naturalTokens: { name: 'natural_tokens', shape: ['batch', 2] },
  },
  card: { title: 't', summary: 's', trainedOn: 'd', simulated: true, reproduce: 'r', metrics: {} },
};

const settings: RoutingSettings = {
  manifest,
  pool: manifest.pool,
  enabled: () => true,
  cap: null,
  continuous: false,
  rules: 'playground',
};

const texts = ['what is 2 + 2?', 'write a long essay on the history of the printing press'];
const predictions: Prediction[] = [
  {
    quality: [
      [0.5, 0.8, 0.9],
      [0.1, 0.3, 0.5],
    ],
    naturalTokens: [600, 900],
  },
  {
    quality: [
      [0.2, 0.6, 0.95],
      [0.05, 0.2, 0.4],
    ],
    naturalTokens: [2000, 1500],
  },
];

const candidate = (model: string, budget: Candidate['budget'], quality: number, costUsd: number, outputTokens = 10) =>
  ({ model, budget, quality, costUsd, outputTokens, score: 0 }) satisfies Candidate;

describe('workload plan', () => {
  const maps = texts.map((t, i) => queryMaps(t, predictions[i]!, settings));
  const index = indexMaps(maps);

  it('chooses what the router chooses, at every λ', () => {
    for (const lambda of [0, 0.3, 0.9, 0.999, 0.99999, 0.9999999, 1]) {
      texts.forEach((text, i) => {
        const q = {
          curves: buildCurves(manifest, predictions[i]!, manifest.pool, () => true),
          lambda,
          inputTokens: estimateInputTokens(text),
          cap: null,
          continuous: false,
        };
        const r2 = index.r2.choicesAt(lambda)[i];
        const reactive = index.reactive.choicesAt(lambda)[i];
        expect([r2?.model, r2?.budget]).toEqual([route(q).best?.model, route(q).best?.budget]);
        expect(reactive?.model).toBe(routeReactive(q).best?.model);
      });
    }
  });

  it('counts queries per (LLM, budget) and averages over the routed ones', () => {
    const t = planTotals([
      candidate('a', 10, 0.5, 1e-5, 10),
      null,
      candidate('a', 10, 0.7, 3e-5, 10),
      candidate('b', 'unlimited', 0.9, 8e-5, 400),
    ]);
    expect(t.routed).toBe(3);
    expect(t.unrouted).toBe(1);
    expect(t.meanQuality).toBeCloseTo(0.7, 12);
    expect(t.meanCostUsd).toBeCloseTo(4e-5, 15);
    expect(t.totalCostUsd).toBeCloseTo(1.2e-4, 15);
    expect(t.meanOutputTokens).toBeCloseTo(140, 12);
    expect(t.cells).toEqual([
      { model: 'a', budget: 10, queries: 2 },
      { model: 'b', budget: 'unlimited', queries: 1 },
    ]);
  });

  it('lists the queries routed to a cell, or to an LLM at any budget, matching the cell counts', () => {
    const choices = [
      candidate('a', 10, 0.5, 1e-5),
      null,
      candidate('b', 10, 0.6, 2e-5),
      candidate('a', 'unlimited', 0.9, 8e-5),
      candidate('a', 10, 0.7, 3e-5),
    ];
    expect(queriesRoutedTo(choices, { router: 'r2', model: 'a', budget: 10 })).toEqual([0, 4]);
    expect(queriesRoutedTo(choices, { router: 'r2', model: 'a', budget: 'unlimited' })).toEqual([3]);
    expect(queriesRoutedTo(choices, { router: 'r2', model: 'a', budget: null })).toEqual([0, 3, 4]);
    expect(queriesRoutedTo(choices, { router: 'r2', model: 'b', budget: 100 })).toEqual([]);
    for (const cell of planTotals(choices).cells)
      expect(queriesRoutedTo(choices, { router: 'r2', ...cell })).toHaveLength(cell.queries);
  });

  it('tells the same pick from another', () => {
    const pick = { router: 'r2', model: 'a', budget: 10 } as const;
    expect(samePlanFilter(pick, { ...pick })).toBe(true);
    expect(samePlanFilter(pick, { ...pick, budget: null })).toBe(false);
    expect(samePlanFilter(pick, { ...pick, router: 'reactive' })).toBe(false);
    expect(samePlanFilter(pick, null)).toBe(false);
    expect(samePlanFilter(null, null)).toBe(true);
  });

  it('honours a cap: a query with nothing under it is counted as unrouted', () => {
    const capped = texts.map((t, i) =>
      queryMaps(t, predictions[i]!, { ...settings, cap: { kind: 'usd', max: 1e-12 } }),
    );
    expect(planTotals(indexMaps(capped).r2.choicesAt(0.5)).unrouted).toBe(2);
  });

  it('sweeps λ: the mean quality and cost of what the routers choose, at every point', () => {
    const lambdas = [0.5, 0, 0.99, 0.99999, 0.9999999, 1];
    for (const [router, best] of [
      ['r2', route],
      ['reactive', routeReactive],
    ] as const) {
      predictedCurve(indexMaps(maps)[router], lambdas).forEach((p, l) => {
        const lambda = lambdas[l]!;
        expect(p.lambda).toBe(lambda);
        const chosen = texts.map(
          (text, i) =>
            best({
              curves: buildCurves(manifest, predictions[i]!, manifest.pool, () => true),
              lambda,
              inputTokens: estimateInputTokens(text),
              cap: null,
              continuous: false,
            }).best!,
        );
        expect(p.cost).toBeCloseTo(chosen.reduce((s, c) => s + c.costUsd, 0) / chosen.length, 18);
        expect(p.quality).toBeCloseTo(chosen.reduce((s, c) => s + c.quality, 0) / chosen.length, 15);
      });
    }
  });

  it('sweeps λ: quality falls and cost falls from λ = 0 to λ = 1', () => {
    const curve = predictedCurve(indexMaps(maps).r2, [0, 0.99999, 1]);
    expect(curve.map((p) => p.lambda)).toEqual([0, 0.99999, 1]);
    expect(curve[0]!.quality).toBeCloseTo((0.9 + 0.95) / 2, 12);
    expect(curve[2]!.quality).toBeCloseTo((0.1 + 0.05) / 2, 12);
    expect(curve[0]!.cost).toBeGreaterThan(curve[1]!.cost);
    expect(curve[1]!.cost).toBeGreaterThanOrEqual(curve[2]!.cost);
  });
});

describe('savings', () => {
  it('reads R2’s cost at the reactive quality off its frontier, by hand', () => {
    // R2's frontier: (1, 0.5), (2, 0.7), (4, 0.9); (3, 0.6) is dominated. 0.8 lies halfway from 2 to 4: cost 3.
    const r2 = [
      { cost: 4, quality: 0.9 },
      { cost: 1, quality: 0.5 },
      { cost: 3, quality: 0.6 },
      { cost: 2, quality: 0.7 },
    ];
    const s = savings(r2, { cost: 6, quality: 0.8 });
    expect(s).toMatchObject({ targetQuality: 0.8, reactiveCostUsd: 6 });
    expect(s.r2CostUsd).toBeCloseTo(3, 12);
    expect(s.costRatio).toBeCloseTo(2, 12);
    // A quality R2's curve already has at its cheapest point costs that point.
    expect(savings(r2, { cost: 5, quality: 0.4 }).costRatio).toBe(5);
  });

  it('reaches a quality for free where a free LLM gives it, as the summary must then say', () => {
    const r2 = [
      { cost: 0, quality: 0.351 },
      { cost: 2, quality: 0.7 },
    ];
    expect(savings(r2, { cost: 1, quality: 0.325 })).toMatchObject({ r2CostUsd: 0, costRatio: Infinity });
    expect(savings(r2, { cost: 0, quality: 0.325 })).toMatchObject({ r2CostUsd: 0, costRatio: null });
  });

  it('says so when R2 never reaches the reactive quality', () => {
    expect(savings([{ cost: 1, quality: 0.5 }], { cost: 2, quality: 0.6 })).toMatchObject({
      r2CostUsd: null,
      costRatio: null,
    });
  });
});

describe('exports', () => {
  it('writes the plan as CSV and JSON, and the curves as CSV, that read back', () => {
    const maps = texts.map((t, i) => queryMaps(t, predictions[i]!, settings));
    const rows = planExportRows(texts, indexMaps(maps).r2.choicesAt(0.5), [
      null,
      indexMaps(maps).reactive.choicesAt(0.5)[1]!,
    ]);
    const csv = planCsv(rows);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'query,llm,budget,predicted_quality,output_tokens,cost_usd,reactive_llm,reactive_predicted_quality,reactive_output_tokens,reactive_cost_usd',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/,,,,$/);
    expect(JSON.parse(planJson(rows))).toEqual(rows);
    const curves = curvesCsv([{ name: 'r2 predicted', points: predictedCurve(indexMaps(maps).r2, [0, 1]) }]);
    expect(curves.trimEnd().split('\r\n')).toHaveLength(3);
  });
});
