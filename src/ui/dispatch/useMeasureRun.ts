import { useCallback, useEffect, useRef, useState } from 'react';
import { dispatchHistoryStore } from '../../dispatch/historyStore';
import type { JobStage } from '../../dispatch/job';
import { runMeasure, type MeasureContext, type MeasureStop } from '../../dispatch/measureRun';

/** Idle; a plan waiting for its confirm; running at a budget; stopped part-way; or done. */
export type MeasureState =
  | { phase: 'idle' }
  | { phase: 'confirm'; ctx: MeasureContext }
  | { phase: 'running'; ctx: MeasureContext; index: number; stage: JobStage }
  | { phase: 'stopped'; ctx: MeasureContext; stop: MeasureStop }
  | { phase: 'done'; ctx: MeasureContext };

/** Drives one measure run at a time; its points go to the session history as they land. */
export function useMeasureRun() {
  const [state, setState] = useState<MeasureState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const go = useCallback((ctx: MeasureContext, from: { index: number; pending: MeasureStop['pending'] }) => {
    const ctl = new AbortController();
    controller.current = ctl;
    setState({ phase: 'running', ctx, index: from.index, stage: 'answer' });
    const history = dispatchHistoryStore.getState();
    void runMeasure(ctx, from, ctl.signal, {
      onProgress: (index, stage) => setState({ phase: 'running', ctx, index, stage }),
      onAnswer: (row) => history.add(row),
      onJudged: (old, judged) => history.replace(old, judged),
    }).then((stop) => {
      if (controller.current === ctl) setState(stop ? { phase: 'stopped', ctx, stop } : { phase: 'done', ctx });
    });
  }, []);

  return {
    state,
    plan: useCallback((ctx: MeasureContext) => setState({ phase: 'confirm', ctx }), []),
    confirm: useCallback(() => {
      if (state.phase === 'confirm') go(state.ctx, { index: 0, pending: null });
    }, [state, go]),
    resume: useCallback(() => {
      if (state.phase === 'stopped') go(state.ctx, { index: state.stop.index, pending: state.stop.pending });
    }, [state, go]),
    stop: useCallback(() => controller.current?.abort(), []),
    dismiss: useCallback(() => setState({ phase: 'idle' }), []),
  };
}
