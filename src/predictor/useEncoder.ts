import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { problemOf, type EncoderProblem } from '../encoder/encoderError';
import type { CacheActivity, EncoderActivity } from '../encoder/queryEncoder';
import type { ServerActivity } from '../encoder/server/serverEncoder';
import type { EncoderInfo, EncoderLoad } from '../worker/encoderProtocol';
import type { PredictorClient } from './client';
import { predictor } from './sharedClient';

/** The query encoder as the page sees it; the encoder itself lives in the predictor worker. */

export type EncoderStatus = 'not loaded' | 'loading' | 'ready';

type Retry = Extract<ServerActivity, { kind: 'retry' }>;

/** What an embeddings server has been doing since the page connected to it. */
export interface ServerActivityState {
  /** The last answer's round trip, and how many answers came. */
  lastMs: number | null;
  answers: number;
  /** Retries scheduled whose request has not been answered since, oldest first. */
  waiting: Retry[];
  retries: number;
}

const NO_ACTIVITY: ServerActivityState = { lastMs: null, answers: 0, waiting: [], retries: 0 };

function withActivity(state: ServerActivityState, a: ServerActivity): ServerActivityState {
  const others = state.waiting.filter((r) => r.what !== a.what);
  return a.kind === 'answer'
    ? { ...state, lastMs: a.ms, answers: state.answers + 1, waiting: others }
    : { ...state, waiting: [...others, a], retries: state.retries + 1 };
}

export interface EncoderState {
  status: EncoderStatus;
  info: EncoderInfo | null;
  /** Bytes read over bytes to read for the load in progress, or the last one. */
  progress: { loaded: number; total: number } | null;
  /** Why the last load ended without an encoder; `problem` is its EncoderError's kind ('cancelled' for a cancel). */
  error: { message: string; problem: EncoderProblem | null } | null;
  /** An embeddings server's answers and retries (empty for an export). */
  server: ServerActivityState;
  /** An in-page encoder's KV cache, as of the last query it embedded (null until one has been, or for a server). */
  cache: CacheActivity | null;
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
    server: NO_ACTIVITY,
    cache: null,
    load: async (request) => {
      set({ status: 'loading', info: null, progress: null, error: null, server: NO_ACTIVITY, cache: null });
      if (!listening) {
        listening = true;
        client().onEncoderActivity((a: EncoderActivity) =>
          set((s) => (a.kind === 'cache' ? { cache: a } : { server: withActivity(s.server, a) })),
        );
      }
      try {
        const info = await client().loadEncoder(request, (loaded, total) => set({ progress: { loaded, total } }));
        set((s) => ({
          status: 'ready',
          info,
          progress:
            info.from === 'server'
              ? null
              : { loaded: s.progress?.total ?? info.bytes, total: s.progress?.total ?? info.bytes },
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
