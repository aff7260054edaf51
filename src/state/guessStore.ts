import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GuessPick } from '../router/guess';

/**
 * Guess mode's rounds, for a classroom: the pick made for one situation (query, λ, cap, pool)
 * and the running score. Kept in memory only: a score is this tab's, not the link's.
 */
export interface GuessState {
  /** The situation the last pick was made in; a new situation hides R2's choice again. */
  round: { situation: string; pick: GuessPick } | null;
  right: number;
  played: number;
  guess: (situation: string, pick: GuessPick, right: boolean) => void;
  resetScore: () => void;
}

export function createGuessStore(): StoreApi<GuessState> {
  return createStore<GuessState>()((set, get) => ({
    round: null,
    right: 0,
    played: 0,
    guess: (situation, pick, right) => {
      // One guess per situation: a second click on the same question changes nothing.
      if (get().round?.situation === situation) return;
      set((s) => ({ round: { situation, pick }, right: s.right + (right ? 1 : 0), played: s.played + 1 }));
    },
    resetScore: () => set({ round: null, right: 0, played: 0 }),
  }));
}

export const guessStore = createGuessStore();

export function useGuess<T>(selector: (s: GuessState) => T): T {
  return useStore(guessStore, selector);
}
