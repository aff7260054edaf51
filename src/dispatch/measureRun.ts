import type { Budget, PoolEntry } from '../bundle/manifest';
import { dispatch } from './client';
import { measure, type Actual } from './compare';
import { DispatchError, type DispatchFailure } from './errors';
import { historyEntry, withJudgement, type HistoryEntry } from './history';
import { budgetedRequest } from './instruction';
import { judgeAnswer } from './judgeCall';
import type { ResolvedJudge } from './judgeStore';
import type { MeasurePlan } from './measure';
import { scrubProviderText } from './scrub';
import type { DispatchSettings } from './settings';

export interface MeasureContext {
  plan: MeasurePlan;
  entry: PoolEntry;
  providerModelId: string;
  query: string;
  inputTokens: number;
  judge: ResolvedJudge;
  judgeTemplate: string;
  reference: string;
  settings: DispatchSettings;
  /** When the run began (ISO 8601): the points' `measureRun`. */
  runId: string;
}

/** An answer received whose judge call failed: a resumed run judges it without asking again. */
export interface PendingAnswer {
  row: HistoryEntry;
  text: string;
}

/** Where a run stopped, and why: the budget, and whether the answer or its judging failed. */
export interface MeasureStop {
  index: number;
  budget: Budget;
  stage: 'answer' | 'judge';
  failure: DispatchFailure;
  pending: PendingAnswer | null;
}

export interface MeasureEvents {
  /** A budget's call is about to go out. */
  onProgress: (index: number, stage: 'answer' | 'judge') => void;
  /** An answer arrived: its history row, unjudged. */
  onAnswer: (row: HistoryEntry) => HistoryEntry;
  /** Its verdict arrived: the row replaced by the judged one. */
  onJudged: (old: HistoryEntry, judged: HistoryEntry) => void;
}

function failureOf(err: unknown, apiKey: string): DispatchFailure {
  if (err instanceof DispatchError) return err.failure;
  return { kind: 'stream-broken', partialText: '', message: `Failed: ${scrubProviderText(String(err), apiKey)}` };
}

/**
 * Sends the planned calls one after another from `from` (a resumed run starts where the last
 * stopped, judging a pending answer first). Nothing is retried: the first failure ends the run
 * and says where; the points so far stay in the history.
 */
export async function runMeasure(
  ctx: MeasureContext,
  from: { index: number; pending: PendingAnswer | null },
  signal: AbortSignal,
  events: MeasureEvents,
): Promise<MeasureStop | null> {
  const { plan, settings } = ctx;
  const unstreamed = { ...settings, stream: false };
  let pending = from.pending;
  for (let index = from.index; index < plan.budgets.length; index++) {
    const budget = plan.budgets[index]!;
    const predicted = plan.predicted[index]!;
    if (pending === null) {
      events.onProgress(index, 'answer');
      try {
        const result = await dispatch(
          budgetedRequest(ctx.providerModelId, ctx.query, budget),
          unstreamed,
          signal,
          () => {},
        );
        const actual: Actual = measure(result, budget, ctx.entry, ctx.inputTokens);
        const row = events.onAnswer(
          historyEntry({
            router: 'measure',
            query: ctx.query,
            choice: { model: plan.model, budget, ...predicted },
            providerModelId: ctx.providerModelId,
            actual,
            finishReason: result.finishReason,
            outcome: result.finishReason === 'length' ? 'cut-off' : 'complete',
            response: result.text,
            apiKey: settings.apiKey,
            at: new Date(),
            measureRun: ctx.runId,
          }),
        );
        pending = { row, text: result.text };
      } catch (err) {
        return { index, budget, stage: 'answer', failure: failureOf(err, settings.apiKey), pending: null };
      }
    }
    events.onProgress(index, 'judge');
    try {
      const input = { question: ctx.query, answer: pending.text, reference: ctx.reference };
      const call = await judgeAnswer(input, ctx.judgeTemplate, ctx.judge, settings, signal);
      events.onJudged(pending.row, withJudgement(pending.row, call, settings.apiKey));
      pending = null;
    } catch (err) {
      return { index, budget, stage: 'judge', failure: failureOf(err, settings.apiKey), pending };
    }
  }
  return null;
}
