import { useCallback, useEffect, useRef, useState } from 'react';
import type { PoolEntry } from '../../bundle/manifest';
import type { Candidate } from '../../router/types';
import type { DispatchFailure } from '../../dispatch/errors';
import type { HistoryEntry, RouterName } from '../../dispatch/history';
import { runJob, type Answer, type CallSpec, type JudgeSpec } from '../../dispatch/job';
import type { JudgeCall } from '../../dispatch/judgeCall';
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
  /** The answer's text so far, as it streams. */
  text: string;
  failure: DispatchFailure | null;
  /** The answer as kept (whole, or the part received before a stop or a break), with its history row. */
  answer: Answer | null;
  judging: Judging | null;
}

/** A judge call on a run's answer, and what came of it. */
export type Judging =
  { status: 'running' } | { status: 'done'; call: JudgeCall } | { status: 'failed'; failure: DispatchFailure };

/** The judge, and the settings that reach it, as they are when Judge is pressed. */
export interface JudgeContext extends JudgeSpec {
  settings: DispatchSettings;
}

function callOf(run: Job & Pick<Run, 'query' | 'inputTokens'>, settings: DispatchSettings): CallSpec {
  return {
    router: run.router,
    query: run.query,
    choice: run.choice,
    providerModelId: run.providerModelId,
    prices: run.entry,
    inputTokens: run.inputTokens,
    settings,
  };
}

/** Runs dispatches side by side and judges their answers; `stop` aborts every call still in flight. */
export function useDispatchRuns(
  record: (entry: HistoryEntry) => HistoryEntry,
  replace: (old: HistoryEntry, next: HistoryEntry) => void,
) {
  const [runs, setRuns] = useState<Run[]>([]);
  // The dispatch on screen: a superseded one's results must not write into the newer one's columns.
  const shown = useRef<object>({});
  // Aborts every call in flight, answers and judge calls alike.
  const controller = useRef(new AbortController());
  useEffect(() => () => controller.current.abort(), []);

  const patch = useCallback((dispatchId: object, router: RouterName, change: Partial<Run>) => {
    if (shown.current === dispatchId) setRuns((rs) => rs.map((r) => (r.router === router ? { ...r, ...change } : r)));
  }, []);

  const start = useCallback(
    (jobs: Job[], query: string, inputTokens: number, settings: DispatchSettings) => {
      controller.current.abort();
      controller.current = new AbortController();
      const { signal } = controller.current;
      const dispatchId = {};
      shown.current = dispatchId;
      const sent = jobs.map((job): Run => ({
        ...job,
        query,
        inputTokens,
        status: 'running',
        text: '',
        failure: null,
        answer: null,
        judging: null,
      }));
      setRuns(sent);
      for (const run of sent) {
        const onText = (text: string) => patch(dispatchId, run.router, { text });
        void runJob(callOf(run, settings), null, null, signal, { onText, onAnswer: record, onJudged: replace }).then(
          (o) =>
            patch(
              dispatchId,
              run.router,
              o.ok
                ? { status: 'done', text: o.answer.text, answer: o.answer }
                : { status: 'failed', text: o.failure.partialText, failure: o.failure, answer: o.answer },
            ),
        );
      }
    },
    [record, replace, patch],
  );

  const stop = useCallback(() => controller.current.abort(), []);

  /** Judges one run's answer, stoppable like the dispatch; the verdict goes beside the prediction and into its history row. */
  const judge = useCallback(
    (run: Run, ctx: JudgeContext) => {
      if (run.answer === null) return;
      const dispatchId = shown.current;
      // A controller that Stop has aborted has nothing left in flight: this call gets a fresh one.
      if (controller.current.signal.aborted) controller.current = new AbortController();
      patch(dispatchId, run.router, { judging: { status: 'running' } });
      void runJob(callOf(run, ctx.settings), run.answer, ctx, controller.current.signal, {
        onAnswer: record,
        onJudged: replace,
      }).then((o) => {
        if (!o.ok) patch(dispatchId, run.router, { judging: { status: 'failed', failure: o.failure } });
        else if (o.judgement)
          patch(dispatchId, run.router, { judging: { status: 'done', call: o.judgement }, answer: o.answer });
      });
    },
    [record, replace, patch],
  );

  return {
    runs,
    running: runs.some((r) => r.status === 'running'),
    judging: runs.some((r) => r.judging?.status === 'running'),
    start,
    stop,
    judge,
  };
}
