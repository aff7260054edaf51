import { csvTable } from '../export/csv';
import type { Candidate } from '../router/types';
import type { DeferralPoint } from './plan';

/** What the workload view exports: the plan (CSV, JSON) and the deferral curves (CSV). */

export interface PlanExportRow {
  query: string;
  llm: string | null;
  budget: string | null;
  predictedQuality: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  reactiveLlm: string | null;
  reactiveQuality: number | null;
  reactiveOutputTokens: number | null;
  reactiveCostUsd: number | null;
}

export const PLAN_COLUMNS = [
  'query',
  'llm',
  'budget',
  'predicted_quality',
  'output_tokens',
  'cost_usd',
  'reactive_llm',
  'reactive_predicted_quality',
  'reactive_output_tokens',
  'reactive_cost_usd',
] as const;

export function planExportRows(
  texts: readonly string[],
  r2: readonly (Candidate | null)[],
  reactive: readonly (Candidate | null)[],
): PlanExportRow[] {
  return texts.map((query, i) => {
    const a = r2[i] ?? null;
    const b = reactive[i] ?? null;
    return {
      query,
      llm: a?.model ?? null,
      budget: a ? String(a.budget) : null,
      predictedQuality: a?.quality ?? null,
      outputTokens: a?.outputTokens ?? null,
      costUsd: a?.costUsd ?? null,
      reactiveLlm: b?.model ?? null,
      reactiveQuality: b?.quality ?? null,
      reactiveOutputTokens: b?.outputTokens ?? null,
      reactiveCostUsd: b?.costUsd ?? null,
    };
  });
}

/** Empty cells where a router had no choice (nothing fit the cap). */
export function planCsv(rows: readonly PlanExportRow[]): string {
  return csvTable(
    PLAN_COLUMNS,
    rows.map((r) => [
      r.query,
      r.llm,
      r.budget,
      r.predictedQuality,
      r.outputTokens,
      r.costUsd,
      r.reactiveLlm,
      r.reactiveQuality,
      r.reactiveOutputTokens,
      r.reactiveCostUsd,
    ]),
  );
}

export function planJson(rows: readonly PlanExportRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export interface NamedCurve {
  /** e.g. "r2 predicted", "reactive actual", "oracle actual". */
  name: string;
  points: readonly DeferralPoint[];
}

export function curvesCsv(curves: readonly NamedCurve[]): string {
  return csvTable(
    ['curve', 'lambda', 'cost_usd', 'quality'],
    curves.flatMap((c) => c.points.map((p) => [c.name, p.lambda, p.cost, p.quality])),
  );
}
