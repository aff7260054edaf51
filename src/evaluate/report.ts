import { costRange, curveMetrics, type CurveMetrics } from '../router/metrics';
import type { HeadsReport } from './heads';
import type { Sweep, SweepPoint } from './sweep';

/** report.json: what `evaluate` prints and `train` writes next to the bundle. */
export interface Report {
  heldOut: { queries: number; r2: CurveMetrics; reactive: CurveMetrics; oracle: CurveMetrics };
  singleModels: Record<string, { quality: number; costUsd: number; normalisedCost: number }>;
  heads: HeadsReport;
  bestSingleModel: { name: string; quality: number };
  costRangeUsd: { min: number; max: number };
  method: Record<string, string>;
  curves: { r2: SweepPoint[]; reactive: SweepPoint[]; oracle: SweepPoint[] };
}

export const METHOD_NOTES = {
  split:
    'held-out test split: queries whose key hashes to bucket 0 of 10 (src/evaluate/split.ts); the trainer never sees them',
  quality: "realised quality = the dataset's correctness_score of the chosen (LLM, budget)",
  cost: 'realised cost = estimateInputTokens(original_prompt) × input price + actual_token_count of the chosen response × output price (USD per query)',
  prices: "from the dataset's pool.json, for routing and for realised cost",
  lambdas: 'λ = 0, 1 and r/(1 + r) for log10 r = −1, −0.95, …, 9',
  audc: 'area under the Pareto frontier of the λ points, cost normalised to [0, 1] by the min and max cost over r2, reactive, oracle and single LLMs (src/router/metrics.ts)',
  qnc: "normalised cost at which a method's frontier first reaches the best single LLM's average quality (1 if never)",
  singleModels: 'each LLM alone, no length instruction (the unlimited run)',
  reactive: 'each LLM as one point: its predicted unlimited quality at its predicted natural length (routeReactive)',
  oracle: 'per query the (LLM, budget) with the best realised (1 − λ)·quality − λ·cost',
};

export function buildReport(
  s: Sweep,
  heads: HeadsReport,
  queries: number,
  extraNotes: Record<string, string> = {},
): Report {
  const singlePoints = s.singles.map((m) => ({ cost: m.cost, quality: m.quality }));
  const range = costRange([s.r2, s.reactive, s.oracle, singlePoints]);
  const best = s.singles.reduce((a, b) => (b.quality > a.quality ? b : a));
  const metrics = (points: SweepPoint[]) => curveMetrics(points, range, best.quality);
  const span = range.max - range.min;
  return {
    heldOut: { queries, r2: metrics(s.r2), reactive: metrics(s.reactive), oracle: metrics(s.oracle) },
    singleModels: Object.fromEntries(
      s.singles.map((m) => [
        m.name,
        { quality: m.quality, costUsd: m.cost, normalisedCost: span > 0 ? (m.cost - range.min) / span : 0 },
      ]),
    ),
    heads,
    bestSingleModel: { name: best.name, quality: best.quality },
    costRangeUsd: range,
    method: { ...METHOD_NOTES, ...extraNotes },
    curves: { r2: s.r2, reactive: s.reactive, oracle: s.oracle },
  };
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The flat figures the model card carries. */
export function cardMetrics(r: Report): Record<string, number | string> {
  const out: Record<string, number | string> = { heldOutQueries: r.heldOut.queries };
  for (const method of ['r2', 'reactive', 'oracle'] as const) {
    const m = r.heldOut[method];
    out[`${method}.audc`] = r4(m.audc);
    out[`${method}.qnc`] = r4(m.qnc);
    out[`${method}.peak`] = r4(m.peak);
  }
  out.bestSingleModel = r.bestSingleModel.name;
  out['bestSingleModel.quality'] = r4(r.bestSingleModel.quality);
  out['quality.mse'] = r4(r.heads.quality.mse);
  out['quality.baselineMse'] = r4(r.heads.quality.baselineMse);
  out['naturalTokensLog1p.mse'] = r4(r.heads.naturalTokensLog1p.mse);
  out['naturalTokensLog1p.baselineMse'] = r4(r.heads.naturalTokensLog1p.baselineMse);
  return out;
}

/** A few lines for a person at a terminal. */
export function humanSummary(r: Report): string {
  const f = (x: number) => x.toFixed(3).padStart(7);
  const lines = [`held-out queries: ${r.heldOut.queries}`, `method       AUDC     QNC    peak`];
  for (const method of ['r2', 'reactive', 'oracle'] as const) {
    const m = r.heldOut[method];
    lines.push(`${method.padEnd(9)}${f(m.audc)} ${f(m.qnc)} ${f(m.peak)}`);
  }
  lines.push('', 'single LLM (unlimited)            quality   USD/query');
  for (const [name, m] of Object.entries(r.singleModels))
    lines.push(`${name.padEnd(32)}${f(m.quality)}   ${m.costUsd.toExponential(2)}`);
  const h = r.heads;
  lines.push(
    '',
    `quality heads:      MSE ${h.quality.mse.toFixed(4)} (constant-mean baseline ${h.quality.baselineMse.toFixed(4)})`,
    `natural-length heads (log1p tokens): MSE ${h.naturalTokensLog1p.mse.toFixed(4)} (baseline ${h.naturalTokensLog1p.baselineMse.toFixed(4)})`,
  );
  return lines.join('\n');
}
