import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HistoryEntry } from './history';

export interface HistoryState {
  entries: HistoryEntry[];
  /** Adds an entry; returns it, the handle to update it by. */
  add: (entry: HistoryEntry) => HistoryEntry;
  /** Replaces an entry (a verdict attached); nothing when it was cleared meanwhile. */
  replace: (old: HistoryEntry, next: HistoryEntry) => void;
  clear: () => void;
}

/** The session's dispatches, newest last. Memory only: answers can be private. */
export function createHistoryStore(): StoreApi<HistoryState> {
  return createStore<HistoryState>()((set) => ({
    entries: [],
    add: (entry) => {
      set((s) => ({ entries: [...s.entries, entry] }));
      return entry;
    },
    replace: (old, next) => set((s) => ({ entries: s.entries.map((e) => (e === old ? next : e)) })),
    clear: () => set({ entries: [] }),
  }));
}

/** The page's one history store. */
export const dispatchHistoryStore = createHistoryStore();
