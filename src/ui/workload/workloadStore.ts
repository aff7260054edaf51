import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { predictor } from '../../predictor/sharedClient';
import { pageReady } from '../../predictor/useReadiness';
import { createWorkloadStore, type WorkloadStore } from '../../workload/store';

/** The page's one workload: predictions come from the page's predictor worker and its loaded bundle. */
export const workloadStore = createWorkloadStore({
  ready: pageReady,
  predictBatch: (texts, options) => predictor().predictBatch(texts, options),
});

export function useWorkload<T>(selector: (state: WorkloadStore) => T): T {
  return useStore(workloadStore, selector);
}

/** Queries predicted per second since the run began predicting (null before the first chunk lands), for the progress line. */
export const paceStore = createStore<{ perSecond: number | null }>(() => ({ perSecond: null }));
let since = { at: 0, done: 0 };
workloadStore.subscribe((s, prev) => {
  if (s.status !== 'predicting') {
    if (prev.status === 'predicting') paceStore.setState({ perSecond: null });
    return;
  }
  if (prev.status !== 'predicting') {
    since = { at: performance.now(), done: s.progress.done };
    paceStore.setState({ perSecond: null });
  } else if (s.progress.done !== prev.progress.done) {
    const seconds = (performance.now() - since.at) / 1000;
    if (seconds > 0) paceStore.setState({ perSecond: (s.progress.done - since.done) / seconds });
  }
});
