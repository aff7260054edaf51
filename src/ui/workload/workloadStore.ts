import { useStore } from 'zustand';
import { encoderGate, encoderStore } from '../../predictor/useEncoder';
import { predictorStore } from '../../predictor/usePredictor';
import { predictor } from '../../predictor/sharedClient';
import { createWorkloadStore, type WorkloadStore } from '../../workload/store';

/** The page's one workload: predictions come from the page's predictor worker and its loaded bundle. */
export const workloadStore = createWorkloadStore({
  bundle: () => {
    const { status, key, manifest } = predictorStore.getState();
    const gate = encoderGate(manifest?.encoder ?? null, encoderStore.getState().info);
    if (status !== 'ready' || key === null || manifest === null || gate.needed) return null;
    return { key: `${key}|${gate.key}`, manifest };
  },
  predictBatch: (texts, options) => predictor().predictBatch(texts, options),
});

export function useWorkload<T>(selector: (state: WorkloadStore) => T): T {
  return useStore(workloadStore, selector);
}
