import { route } from './search';
import type { Budget, Candidate, RouteQuery } from './types';

/** A person's guess at R2's choice: one of the points drawn on the chart. */
export interface GuessPick {
  model: string;
  budget: Budget;
}

export interface GuessGrade {
  /** R2's choice among the drawn points (anchor budgets and natural lengths that fit the cap). */
  answer: Candidate;
  /** The picked option, or null when it is not on offer (over the cap, or not in the pool). */
  pick: Candidate | null;
  /** 1 for the answer itself; null when the pick is not on offer. */
  rank: number | null;
  /** Of how many options on offer. */
  options: number;
  /** The answer's score minus the pick's: how much the guess gives up at this λ. */
  gap: number | null;
  right: boolean;
}

/**
 * Grades a guess against the points a person can click: anchors and natural lengths, so a
 * budget between anchors (continuous search under a cap) is never the answer to a guess.
 */
export function gradeGuess(q: RouteQuery, guess: GuessPick): GuessGrade | null {
  const { ranked } = route({ ...q, continuous: false });
  const answer = ranked[0];
  if (answer === undefined) return null;
  const i = ranked.findIndex((c) => c.model === guess.model && c.budget === guess.budget);
  const pick = i < 0 ? null : ranked[i]!;
  return {
    answer,
    pick,
    rank: i < 0 ? null : i + 1,
    options: ranked.length,
    gap: pick === null ? null : answer.score - pick.score,
    right: i === 0,
  };
}
