import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EncoderSpec } from '../bundle/manifest';
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
  error: string | null;
  load: (request: EncoderLoad) => Promise<void>;
}

/** The encoder's status in the page, loading through `client` (the worker's). */
export function createEncoderStore(client: () => PredictorClient): StoreApi<EncoderState> {
  return createStore<EncoderState>()((set) => ({
    status: 'not loaded',
    info: null,
    progress: null,
    error: null,
    load: async (request) => {
      set({ status: 'loading', info: null, progress: null, error: null });
      try {
        const info = await client().loadEncoder(request, (loaded, total) => set({ progress: { loaded, total } }));
        set((s) => ({
          status: 'ready',
          info,
          progress: { loaded: s.progress?.total ?? info.bytes, total: s.progress?.total ?? info.bytes },
        }));
      } catch (e) {
        set({ status: 'not loaded', error: (e as Error).message });
      }
    },
  }));
}

/** The page's one encoder store. */
export const encoderStore = createEncoderStore(predictor);

export function useEncoder<T>(selector: (state: EncoderState) => T): T {
  return useStore(encoderStore, selector);
}

export interface EncoderGate {
  /** The bundle cannot predict until its encoder is loaded; `message` says so. */
  needed: boolean;
  message: string | null;
  /** Changes with the loaded encoder, so predictions made with one are never shown for another. */
  key: string;
}

export function encoderGate(spec: EncoderSpec | null, info: EncoderInfo | null): EncoderGate {
  if (spec?.kind !== 'qwen3-embedding') return { needed: false, message: null, key: 'built-in' };
  if (!info || info.dim !== spec.dim) {
    const name = spec.model.split('/').pop();
    return { needed: true, message: `This bundle needs the ${name} encoder: load it to see predictions.`, key: 'none' };
  }
  return { needed: false, message: null, key: `${info.label}|${info.precision}|${info.device}|${info.loadMs}` };
}
