import { useStore } from 'zustand';
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
