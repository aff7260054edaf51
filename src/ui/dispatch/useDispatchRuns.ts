import { useCallback, useEffect, useRef, useState } from 'react';
import type { PoolEntry } from '../../bundle/manifest';
import type { Candidate } from '../../router/types';
import { dispatch, estimateCompletionTokens, type DispatchResult } from '../../dispatch/client';
import { measure, type Actual } from '../../dispatch/compare';
import { DispatchError, type DispatchFailure } from '../../dispatch/errors';
import { historyEntry, withJudgement, type HistoryEntry, type Outcome, type RouterName } from '../../dispatch/history';
import { judgeAnswer, type JudgeCall } from '../../dispatch/judgeCall';
import type { ResolvedJudge } from '../../dispatch/judgeStore';
import { budgetedRequest } from '../../dispatch/instruction';
import { scrubProviderText } from '../../dispatch/scrub';
import type { DispatchSettings } from '../../dispatch/settings';

/** One choice to send: which router made it, and the pool entry that names and prices its model. */
export interface Job {
  router: RouterName;
  choice: Candidate;
  entry: PoolEntry;
  /** The id the chosen provider knows the LLM by. */
  providerModelId: string;
}

/** A dispatch as sent (query and choice frozen at that moment) and what came back so far. */
export interface Run extends Job {
  query: string;
  inputTokens: number;
  status: 'running' | 'done' | 'failed';
  text: string;
  result: DispatchResult | null;
  failure: DispatchFailure | null;
  actual: Actual | null;
  /** Its row in the session history, once it has one. */
  row: HistoryEntry | null;
  judging: Judging | null;
}

/** A judge call on a run's answer, and what came of it. */
export type Judging =
  { status: 'running' } | { status: 'done'; call: JudgeCall } | { status: 'failed'; failure: DispatchFailure };

export interface JudgeContext {
  judge: ResolvedJudge;
  template: string;
  reference: string;
  settings: DispatchSettings;
}

function failureOf(err: unknown, apiKey: string): DispatchFailure {
  if (err instanceof DispatchError) return err.failure;
  return {
    kind: 'stream-broken',
    partialText: '',
    message: `Dispatch failed: ${scrubProviderText(String(err), apiKey)}`,
  };
}

/** Runs dispatches side by side; `stop` aborts every one still running. */
export function useDispatchRuns(
  record: (entry: HistoryEntry) => HistoryEntry,
  replace: (old: HistoryEntry, next: HistoryEntry) => void,
) {
  const [runs, setRuns] = useState<Run[]>([]);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    (jobs: Job[], query: string, inputTokens: number, settings: DispatchSettings) => {
      controller.current?.abort();
      const ctl = new AbortController();
      controller.current = ctl;
      setRuns(
        jobs.map((job) => ({
          ...job,
          query,
          inputTokens,
          status: 'running',
          text: '',
          result: null,
          failure: null,
          actual: null,
          row: null,
          judging: null,
        })),
      );
      // A superseded dispatch (aborted by a newer one) must not write into the newer one's columns.
      const update = (router: RouterName, patch: Partial<Run>) => {
        if (controller.current === ctl) setRuns((rs) => rs.map((r) => (r.router === router ? { ...r, ...patch } : r)));
      };
      const keep = (job: Job, actual: Actual, outcome: Outcome, text: string, finishReason: string | null) => {
        const row = record(
          historyEntry({
            router: job.router,
            query,
            choice: job.choice,
            providerModelId: job.providerModelId,
            actual,
            finishReason,
            outcome,
            response: text,
            apiKey: settings.apiKey,
            at: new Date(),
          }),
        );
        update(job.router, { row });
      };

      for (const job of jobs) {
        const request = budgetedRequest(job.providerModelId, query, job.choice.budget);
        dispatch(request, settings, ctl.signal, (text) => update(job.router, { text }))
          .then((result) => {
            const actual = measure(result, job.choice.budget, job.entry, inputTokens);
            update(job.router, { status: 'done', text: result.text, result, actual });
            keep(
              job,
              actual,
              result.finishReason === 'length' ? 'cut-off' : 'complete',
              result.text,
              result.finishReason,
            );
          })
          .catch((err: unknown) => {
            const failure = failureOf(err, settings.apiKey);
            const partial = failure.partialText;
            // Tokens already generated are usually billed, so a partial answer is measured and kept.
            const actual = partial
              ? measure(
                  { completionTokens: estimateCompletionTokens(partial), usageReported: false, promptTokens: null },
                  job.choice.budget,
                  job.entry,
                  inputTokens,
                )
              : null;
            update(job.router, { status: 'failed', text: partial, failure, actual });
            if (actual) keep(job, actual, failure.kind === 'stopped' ? 'stopped' : 'partial', partial, null);
          });
      }
    },
    [record],
  );

  const stop = useCallback(() => controller.current?.abort(), []);

  /** Judges one run's answer; the verdict goes beside the prediction and into its history row. */
  const judge = useCallback(
    (run: Run, ctx: JudgeContext) => {
      const ctl = controller.current;
      const set = (patch: Partial<Run>) =>
        setRuns((rs) =>
          controller.current === ctl ? rs.map((r) => (r.router === run.router ? { ...r, ...patch } : r)) : rs,
        );
      set({ judging: { status: 'running' } });
      const input = { question: run.query, answer: run.text, reference: ctx.reference };
      judgeAnswer(input, ctx.template, ctx.judge, ctx.settings, new AbortController().signal)
        .then((call) => {
          const row = run.row && withJudgement(run.row, call, ctx.settings.apiKey);
          if (run.row && row) replace(run.row, row);
          set({ judging: { status: 'done', call }, row });
        })
        .catch((err: unknown) => set({ judging: { status: 'failed', failure: failureOf(err, ctx.settings.apiKey) } }));
    },
    [replace],
  );

  return { runs, running: runs.some((r) => r.status === 'running'), start, stop, judge };
}
