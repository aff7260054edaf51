import { UNLIMITED, type Budget } from '../bundle/manifest';
import { callCost, estimateInputTokens } from '../router/cost';
import type { ModelCurve, Prices } from '../router/types';
import type { HistoryEntry } from './history';
import { chatMessages } from './instruction';
import { fillJudgePrompt } from './judge';

/**
 * Measuring one LLM's curve for real: the query at every anchor budget and unlimited, each
 * answer judged. Before anything is sent, the plan lists every call with its estimated cost.
 */

/** Tokens a verdict takes: one JSON object with a one-line reason. */
export const VERDICT_TOKENS_ESTIMATE = 40;

export interface PlannedCall {
  budget: Budget;
  kind: 'answer' | 'judge';
  inputTokens: number;
  outputTokens: number;
  /** null when the judge's price is unknown. */
  costUsd: number | null;
}

export interface MeasurePlan {
  model: string;
  budgets: Budget[];
  /** What the run predicts at each budget: quality, output tokens, cost. */
  predicted: { quality: number; outputTokens: number; costUsd: number }[];
  calls: PlannedCall[];
  /** The sum of the calls' estimated costs (those with a known price). */
  costUsd: number;
  /** Every call has a price: false when the judge's is unknown. */
  complete: boolean;
}

export interface PlanInput {
  curve: ModelCurve;
  query: string;
  /** The app's input estimate for the query alone, as the prediction used. */
  inputTokens: number;
  judgePrices: Prices | null;
  judgeTemplate: string;
  reference: string;
}

/** Estimated output of an answer: its budget (the paper's C(b)), or the predicted natural length. */
function answerTokens(curve: ModelCurve, budget: Budget): number {
  return budget === UNLIMITED ? Math.max(1, Math.round(curve.naturalTokens)) : budget;
}

/** The anchors in order, then unlimited. */
export function measureBudgets(curve: ModelCurve): Budget[] {
  return [...curve.anchors, UNLIMITED];
}

export function planMeasure({
  curve,
  query,
  inputTokens,
  judgePrices,
  judgeTemplate,
  reference,
}: PlanInput): MeasurePlan {
  const budgets = measureBudgets(curve);
  // The judge reads the prompt with the query and reference filled in, plus the answer itself.
  const judgeBase = estimateInputTokens(fillJudgePrompt(judgeTemplate, { question: query, answer: '', reference }));
  const calls = budgets.flatMap((budget): PlannedCall[] => {
    const messagesText = chatMessages(query, budget)
      .map((m) => m.content)
      .join('\n');
    const answerIn = estimateInputTokens(messagesText);
    const answerOut = answerTokens(curve, budget);
    const judgeIn = judgeBase + answerOut;
    return [
      {
        budget,
        kind: 'answer',
        inputTokens: answerIn,
        outputTokens: answerOut,
        costUsd: callCost(curve.prices, answerIn, answerOut),
      },
      {
        budget,
        kind: 'judge',
        inputTokens: judgeIn,
        outputTokens: VERDICT_TOKENS_ESTIMATE,
        costUsd: judgePrices ? callCost(judgePrices, judgeIn, VERDICT_TOKENS_ESTIMATE) : null,
      },
    ];
  });
  const predicted = budgets.map((budget, k) => {
    const outputTokens = budget === UNLIMITED ? curve.naturalTokens : budget;
    return {
      quality: budget === UNLIMITED ? curve.unlimitedQuality : curve.quality[k]!,
      outputTokens,
      costUsd: callCost(curve.prices, inputTokens, outputTokens),
    };
  });
  return {
    model: curve.model,
    budgets,
    predicted,
    calls,
    costUsd: calls.reduce((sum, c) => sum + (c.costUsd ?? 0), 0),
    complete: calls.every((c) => c.costUsd !== null),
  };
}

/** One measured point: what the LLM wrote at a budget and how the judge scored it. */
export interface MeasuredPoint {
  budget: Budget;
  tokens: number;
  costUsd: number;
  /** null when the verdict was invalid, or when there is none yet. */
  quality: number | null;
  /** False while the answer waits for a verdict (its judging failed or was stopped): a resumed run judges it. */
  judged: boolean;
}

export interface MeasuredCurve {
  model: string;
  /** The run's start (ISO 8601). */
  run: string;
  points: MeasuredPoint[];
}

const budgetOrder = (b: Budget) => (b === UNLIMITED ? Infinity : b);

/**
 * The measured curves for a query, from the session history: per LLM, its latest run's points
 * in budget order. The history is the one record, so the curves are exported and imported with it.
 */
export function measuredCurves(entries: readonly HistoryEntry[], query: string): MeasuredCurve[] {
  const latest = new Map<string, string>();
  for (const e of entries) {
    if (e.router !== 'measure' || e.measureRun === null || e.query !== query) continue;
    const seen = latest.get(e.model);
    if (seen === undefined || e.measureRun > seen) latest.set(e.model, e.measureRun);
  }
  return [...latest].map(([model, run]) => ({
    model,
    run,
    points: entries
      .filter((e) => e.router === 'measure' && e.query === query && e.model === model && e.measureRun === run)
      .map((e) => ({
        budget: e.budget,
        tokens: e.actualCompletionTokens,
        costUsd: e.actualCostUsd,
        quality: e.judgedQuality,
        judged: e.judgedQuality !== null || e.judgeModel !== null,
      }))
      .sort((a, b) => budgetOrder(a.budget) - budgetOrder(b.budget)),
  }));
}
