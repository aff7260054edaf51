import type { Rng } from '../../core/rng';

/** The seven task families, after the sources R2-Bench draws from. */
export type FamilyId = 'mmlu' | 'gpqa' | 'gsm' | 'math' | 'code' | 'chat' | 'rag';

/** Visible difficulty tier: easy, medium, hard, expert. It shows in the wording. */
export type Tier = 0 | 1 | 2 | 3;

/** What a family's writer returns for one query. */
export interface Draft {
  text: string;
  goldenAnswer: string;
  /** Median of the fewest output tokens a correct answer needs, implied by the content. */
  tokenComplexity: number;
}

export interface Family {
  id: FamilyId;
  /** Prefix of the simulated keys, after the source dataset the family imitates. */
  source: string;
  /** Share of queries (R2-Bench's mix, rounded). */
  share: number;
  /** Probability of each tier. */
  tiers: readonly [number, number, number, number];
  /** Mean difficulty (logits) before the tier shift. */
  difficulty: number;
  /** Chance of a right answer by guessing (1 / options for multiple choice). */
  guess: number;
  /**
   * Expected credit of an answer cut off by truncation, per unit of its success probability,
   * as a function of the share r of the natural answer that survived: final-answer tasks
   * lose almost everything, open-ended ones keep partial credit.
   */
  truncatedCredit: (r: number) => number;
  /** Judge style: binary verdicts (final answers) or graded ones (open-ended). */
  graded: boolean;
  write: (rng: Rng, tier: Tier) => Draft;
}
