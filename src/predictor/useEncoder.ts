import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { problemOf, type EncoderProblem } from '../encoder/encoderError';
import type { EncoderRunStats } from '../encoder/queryEncoder';
import type { EncoderInfo, EncoderLoad } from '../worker/encoderProtocol';
import type { PredictorClient } from './client';
import { predictor } from './sharedClient';

/** The query encoder as the page sees it; the encoder itself lives in the predictor worker. */

export type EncoderStatus = 'not loaded' | 'loading' | 'ready';

export interface EncoderState {
  status: EncoderStatus;
  info: EncoderInfo | null;
  /** Bytes read over bytes to read for the load in progress, or the last one. */
  progress: { loaded: number; total: number } | null;
  /** Why the last load ended without an encoder; `problem` is its EncoderError's kind ('cancelled' for a cancel). */
  error: { message: string; problem: EncoderProblem | null } | null;
  /** What the loaded encoder said after its last prediction: its KV cache, the last text's reuse. */
  stats: EncoderRunStats | null;
  load: (request: EncoderLoad) => Promise<void>;
}

/** The encoder's status in the page, loading through `client` (the worker's). */
export function createEncoderStore(client: () => PredictorClient): StoreApi<EncoderState> {
  let listening = false;
  return createStore<EncoderState>()((set) => ({
    status: 'not loaded',
    info: null,
    progress: null,
    error: null,
    stats: null,
    load: async (request) => {
      if (!listening) client().onEncoderStats((stats) => set({ stats }));
      listening = true;
      set({ status: 'loading', info: null, progress: null, error: null, stats: null });
      try {
        const info = await client().loadEncoder(request, (loaded, total) => set({ progress: { loaded, total } }));
        set((s) => ({
          status: 'ready',
          info,
          progress: { loaded: s.progress?.total ?? info.bytes, total: s.progress?.total ?? info.bytes },
        }));
      } catch (e) {
        set({ status: 'not loaded', error: { message: (e as Error).message, problem: problemOf(e) } });
      }
    },
  }));
}

/** The page's one encoder store. */
export const encoderStore = createEncoderStore(predictor);

export function useEncoder<T>(selector: (state: EncoderState) => T): T {
  return useStore(encoderStore, selector);
}
