import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HistoryEntry } from './history';

export interface HistoryState {
  entries: HistoryEntry[];
  add: (entry: HistoryEntry) => void;
  clear: () => void;
}

/** The session's dispatches, newest last. Memory only: answers can be private. */
export function createHistoryStore(): StoreApi<HistoryState> {
  return createStore<HistoryState>()((set) => ({
    entries: [],
    add: (entry) => set((s) => ({ entries: [...s.entries, entry] })),
    clear: () => set({ entries: [] }),
  }));
}

/** The page's one history store. */
export const dispatchHistoryStore = createHistoryStore();
