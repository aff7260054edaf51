import { UNLIMITED } from '../bundle/manifest';
import type { HistoryEntry } from './history';

/**
 * How well the predictor held on the answers actually sent: predicted against judged quality,
 * predicted against actual output tokens, and how often each LLM kept to its length budget,
 * next to the paper's Figure 8 (share of answers within 1.1 × the budget).
 */

/** An answer "obeys" a budget k when it is at most 1.1 × k tokens long: the paper's tolerance. */
export function withinTolerance(tokens: number, budget: number): boolean {
  // × 10 against × 11 rather than × 1.1: 1.1 × 50 is 55.00000000000001 in floating point.
  return tokens * 10 <= budget * 11;
}

/** The budgets Figure 8 reports. */
export const FIGURE8_BUDGETS = [10, 20, 50, 100, 500] as const;
export type Figure8Budget = (typeof FIGURE8_BUDGETS)[number];

/** A figure read off Figure 8: one value, or a range for a size class. */
export type PaperFigure = { value: number } | { low: number; high: number };

export interface PaperCompliance {
  /** Whose figures these are: the LLM itself, or its size class. */
  source: string;
  at: Partial<Record<Figure8Budget, PaperFigure>>;
}

const exact = (values: readonly number[]) =>
  Object.fromEntries(FIGURE8_BUDGETS.map((k, i) => [k, { value: values[i]! }])) as Record<Figure8Budget, PaperFigure>;

/** Figure 8's figures as shared/r2-facts.md quotes them; nothing is read off for other budgets or LLMs. */
const PAPER = {
  qwen3: { source: 'Qwen3-235B in the paper', at: exact([0.86, 0.92, 0.95, 0.97, 0.99]) },
  deepseek: { source: 'DeepSeek-V3 in the paper', at: exact([0.82, 0.87, 0.92, 0.98, 0.99]) },
  mid: {
    source: 'mid-size (7–70B) models in the paper',
    at: { 10: { low: 0.1, high: 0.6 }, 100: { low: 0.6, high: 0.96 } },
  },
  small: {
    source: 'models under ~4B in the paper',
    at: {
      10: { low: 0.03, high: 0.12 },
      50: { low: 0.12, high: 0.15 },
      100: { low: 0.52, high: 0.67 },
      500: { low: 0.71, high: 0.76 },
    },
  },
} satisfies Record<string, PaperCompliance>;

/** Parameters in billions from a name such as Llama-3.1-70B-Instruct or gemma-3-270m-it; null when it says none. */
export function parameterBillions(name: string): number | null {
  const m = /(?:^|[-_ ])(\d+(?:\.\d+)?)([bm])(?=$|[-_ ])/i.exec(name);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2]!.toLowerCase() === 'm' ? n / 1000 : n;
}

/** The Figure 8 figures that apply to an LLM: its own, or its size class's; null when none does. */
export function paperCompliance(model: string): PaperCompliance | null {
  if (/qwen3-235b/i.test(model)) return PAPER.qwen3;
  if (/deepseek-v3/i.test(model)) return PAPER.deepseek;
  const size = parameterBillions(model);
  if (size === null) return null;
  if (size <= 4) return PAPER.small;
  if (size >= 7 && size <= 70) return PAPER.mid;
  return null;
}

export interface QualityRow {
  model: string;
  n: number;
  /** Mean of judged − predicted: negative when the predictor was optimistic. */
  meanError: number;
  meanAbsError: number;
}

export interface TokenRow {
  model: string;
  n: number;
  meanPredicted: number;
  meanActual: number;
  /** Mean of actual − predicted tokens. */
  meanError: number;
}

export interface ComplianceCell {
  n: number;
  within: number;
  share: number;
}

export interface ComplianceRow extends ComplianceCell {
  model: string;
  /** At the budgets Figure 8 reports, where there are answers. */
  at: Partial<Record<Figure8Budget, ComplianceCell>>;
  paper: PaperCompliance | null;
}

export interface Calibration {
  /** Judged answers (a valid verdict): predicted and judged quality. */
  qualityPoints: { model: string; predicted: number; judged: number }[];
  quality: QualityRow[];
  /** Overall over every judged answer; null when there is none. */
  qualityOverall: Omit<QualityRow, 'model'> | null;
  tokenPoints: { model: string; predicted: number; actual: number }[];
  tokens: TokenRow[];
  compliance: ComplianceRow[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function byModel<T extends { model: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.model, [...(groups.get(item.model) ?? []), item]);
  return groups;
}

function cell(entries: readonly HistoryEntry[]): ComplianceCell {
  const within = entries.filter(
    (e) => e.budget !== UNLIMITED && withinTolerance(e.actualCompletionTokens, e.budget),
  ).length;
  return { n: entries.length, within, share: within / entries.length };
}

/**
 * Every answer that came back whole counts for tokens and compliance (a stopped or broken one
 * says nothing about length); judged quality needs a valid verdict.
 */
export function calibrate(entries: readonly HistoryEntry[]): Calibration {
  const whole = entries.filter((e) => e.outcome === 'complete' || e.outcome === 'cut-off');
  const qualityPoints = whole
    .filter((e): e is HistoryEntry & { judgedQuality: number } => e.judgedQuality !== null)
    .map((e) => ({ model: e.model, predicted: e.predictedQuality, judged: e.judgedQuality }));
  const qualityStats = (ps: typeof qualityPoints) => ({
    n: ps.length,
    meanError: mean(ps.map((p) => p.judged - p.predicted)),
    meanAbsError: mean(ps.map((p) => Math.abs(p.judged - p.predicted))),
  });
  const tokenPoints = whole.map((e) => ({
    model: e.model,
    predicted: e.predictedTokens,
    actual: e.actualCompletionTokens,
  }));
  const budgeted = whole.filter((e) => e.budget !== UNLIMITED);
  return {
    qualityPoints,
    quality: [...byModel(qualityPoints)].map(([model, ps]) => ({ model, ...qualityStats(ps) })),
    qualityOverall: qualityPoints.length > 0 ? qualityStats(qualityPoints) : null,
    tokenPoints,
    tokens: [...byModel(tokenPoints)].map(([model, ps]) => ({
      model,
      n: ps.length,
      meanPredicted: mean(ps.map((p) => p.predicted)),
      meanActual: mean(ps.map((p) => p.actual)),
      meanError: mean(ps.map((p) => p.actual - p.predicted)),
    })),
    compliance: [...byModel(budgeted)].map(([model, es]) => {
      const at: ComplianceRow['at'] = {};
      for (const k of FIGURE8_BUDGETS) {
        const atK = es.filter((e) => e.budget === k);
        if (atK.length > 0) at[k] = cell(atK);
      }
      return { model, ...cell(es), at, paper: paperCompliance(model) };
    }),
  };
}
