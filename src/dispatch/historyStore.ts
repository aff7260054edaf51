import { createStore } from 'zustand/vanilla';
import type { HistoryEntry } from './history';

export interface HistoryState {
  entries: HistoryEntry[];
  add: (entry: HistoryEntry) => void;
  clear: () => void;
}

/** The session's dispatches, newest last. Memory only: answers can be private. */
export const dispatchHistoryStore = createStore<HistoryState>()((set) => ({
  entries: [],
  add: (entry) => set((s) => ({ entries: [...s.entries, entry] })),
  clear: () => set({ entries: [] }),
}));
