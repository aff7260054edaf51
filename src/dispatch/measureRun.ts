import type { Budget, PoolEntry } from '../bundle/manifest';
import type { DispatchFailure } from './errors';
import { runJob, type Answer, type CallSpec, type JobEvents, type JobStage } from './job';
import type { ResolvedJudge } from './judgeStore';
import type { MeasurePlan } from './measure';
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

/** Where a run stopped, and why: the budget, and whether the answer or its judging failed. */
export interface MeasureStop {
  index: number;
  budget: Budget;
  stage: JobStage;
  failure: DispatchFailure;
  /** An answer received whose judging failed: a resumed run judges it without asking again. */
  pending: Answer | null;
}

export interface MeasureEvents extends Pick<JobEvents, 'onAnswer' | 'onJudged'> {
  /** A budget's call is about to go out. */
  onProgress: (index: number, stage: JobStage) => void;
}

/**
 * Sends the planned calls one after another from `from` (a resumed run starts where the last
 * stopped, judging a pending answer first). Nothing is retried: the first failure ends the run
 * and says where; the points so far stay in the history.
 */
export async function runMeasure(
  ctx: MeasureContext,
  from: { index: number; pending: Answer | null },
  signal: AbortSignal,
  events: MeasureEvents,
): Promise<MeasureStop | null> {
  const { plan } = ctx;
  const judge = { judge: ctx.judge, template: ctx.judgeTemplate, reference: ctx.reference };
  let pending = from.pending;
  for (let index = from.index; index < plan.budgets.length; index++) {
    const budget = plan.budgets[index]!;
    const call: CallSpec = {
      router: 'measure',
      query: ctx.query,
      choice: { model: plan.model, budget, ...plan.predicted[index]! },
      providerModelId: ctx.providerModelId,
      prices: ctx.entry,
      inputTokens: ctx.inputTokens,
      // Unstreamed: every provider reports its usage then.
      settings: { ...ctx.settings, stream: false },
      measureRun: ctx.runId,
    };
    const outcome = await runJob(call, pending, judge, signal, {
      onStage: (stage) => events.onProgress(index, stage),
      onAnswer: events.onAnswer,
      onJudged: events.onJudged,
    });
    if (!outcome.ok) {
      const { stage, failure, answer } = outcome;
      return { index, budget, stage, failure, pending: stage === 'judge' ? answer : null };
    }
    pending = null;
  }
  return null;
}
