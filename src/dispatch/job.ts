import type { Prices } from '../router/types';
import { dispatch, estimateCompletionTokens, type DispatchResult } from './client';
import { measure, type Actual } from './compare';
import { DispatchError, type DispatchFailure } from './errors';
import {
  historyEntry,
  withJudgement,
  type Dispatched,
  type HistoryEntry,
  type Outcome,
  type RouterName,
} from './history';
import { budgetedRequest } from './instruction';
import { judgeAnswer, type JudgeCall } from './judgeCall';
import type { ResolvedJudge } from './judgeStore';
import { scrubProviderText } from './scrub';
import type { DispatchSettings } from './settings';

/** One chosen call: who chose it, what was predicted for it, and how the provider names and the pool prices it. */
export interface CallSpec {
  router: RouterName;
  query: string;
  choice: Dispatched['choice'];
  providerModelId: string;
  prices: Prices;
  /** The app's estimate of the input tokens, for a provider that reports none. */
  inputTokens: number;
  settings: DispatchSettings;
  /** For a measure run's points: when the run began (ISO 8601). */
  measureRun?: string;
}

/** Who judges, with which prompt and reference answer. */
export interface JudgeSpec {
  judge: ResolvedJudge;
  template: string;
  reference: string;
}

/** An answer as kept: whole (with the provider's result), or the part received before a stop or a break. */
export interface Answer {
  text: string;
  /** Null for a partial answer. */
  result: DispatchResult | null;
  actual: Actual;
  /** Its row in the session history: the one a verdict replaces. */
  row: HistoryEntry;
}

export type JobStage = 'answer' | 'judge';

export interface JobEvents {
  /** A stage's call is about to go out. */
  onStage?: (stage: JobStage) => void;
  /** The answer's text so far, as it streams. */
  onText?: (textSoFar: string) => void;
  /** An answer to keep in the history; returns the row as kept. */
  onAnswer: (row: HistoryEntry) => HistoryEntry;
  /** The verdict arrived: the row replaced by the judged one. */
  onJudged: (old: HistoryEntry, judged: HistoryEntry) => void;
}

/**
 * Done (the answer, and the verdict when judged), or ended at a stage: a failure, or `stopped`.
 * An answer that failed at `answer` is the part received (kept, never judged); at `judge` it is
 * the whole answer, to be judged later without asking for it again.
 */
export type JobOutcome =
  | { ok: true; answer: Answer; judgement: JudgeCall | null }
  | { ok: false; stage: JobStage; failure: DispatchFailure; answer: Answer | null };

function failureOf(err: unknown, apiKey: string): DispatchFailure {
  if (err instanceof DispatchError) return err.failure;
  return {
    kind: 'stream-broken',
    partialText: '',
    message: `The call failed: ${scrubProviderText(String(err), apiKey)}`,
  };
}

/** Measures an answer the way the prediction was made and adds it to the history. */
function keep(
  call: CallSpec,
  result: DispatchResult | null,
  text: string,
  outcome: Outcome,
  events: JobEvents,
): Answer {
  // A partial answer's tokens are usually billed: estimated from its text.
  const usage = result ?? {
    completionTokens: estimateCompletionTokens(text),
    usageReported: false,
    promptTokens: null,
  };
  const actual = measure(usage, call.choice.budget, call.prices, call.inputTokens);
  const row = events.onAnswer(
    historyEntry({
      router: call.router,
      query: call.query,
      choice: call.choice,
      providerModelId: call.providerModelId,
      actual,
      finishReason: result?.finishReason ?? null,
      outcome,
      response: text,
      apiKey: call.settings.apiKey,
      at: new Date(),
      measureRun: call.measureRun,
    }),
  );
  return { text, result, actual, row };
}

/**
 * One dispatch-and-judge job, the one way the dispatch panel and a measure run send a chosen
 * call and judge its answer: sends the call (unless `from` is an answer already received),
 * then, when `judge` is given, judges the answer. Nothing is retried; `signal` aborts whichever
 * request is in flight, and a failure or a stop says the stage it ended.
 */
export async function runJob(
  call: CallSpec,
  from: Answer | null,
  judge: JudgeSpec | null,
  signal: AbortSignal,
  events: JobEvents,
): Promise<JobOutcome> {
  const { apiKey } = call.settings;
  let answer = from;
  if (answer === null) {
    events.onStage?.('answer');
    let result: DispatchResult;
    try {
      const request = budgetedRequest(call.providerModelId, call.query, call.choice.budget);
      result = await dispatch(request, call.settings, signal, events.onText ?? (() => {}));
    } catch (err) {
      const failure = failureOf(err, apiKey);
      const partial =
        failure.partialText === ''
          ? null
          : keep(call, null, failure.partialText, failure.kind === 'stopped' ? 'stopped' : 'partial', events);
      return { ok: false, stage: 'answer', failure, answer: partial };
    }
    answer = keep(call, result, result.text, result.finishReason === 'length' ? 'cut-off' : 'complete', events);
  }
  if (judge === null) return { ok: true, answer, judgement: null };

  events.onStage?.('judge');
  let judgement: JudgeCall;
  try {
    const input = { question: call.query, answer: answer.text, reference: judge.reference };
    judgement = await judgeAnswer(input, judge.template, judge.judge, call.settings, signal);
  } catch (err) {
    return { ok: false, stage: 'judge', failure: failureOf(err, apiKey), answer };
  }
  const row = withJudgement(answer.row, judgement, apiKey);
  events.onJudged(answer.row, row);
  return { ok: true, answer: { ...answer, row }, judgement };
}
