import type { Budget } from '../bundle/manifest';

export type { Budget };

export interface Prices {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** One LLM's predicted quality-vs-length curve for one query. */
export interface ModelCurve {
  model: string;
  prices: Prices;
  /** Ascending token budgets (the anchors). */
  anchors: readonly number[];
  /** Predicted quality (0..1) at each anchor. */
  quality: readonly number[];
  /** Predicted quality with no length instruction. */
  unlimitedQuality: number;
  /** Predicted natural output length (tokens) with no length instruction. */
  naturalTokens: number;
}

/** How a length is priced on screen: in output tokens, or in USD per call (input + output). */
export type CostUnit = 'tokens' | 'usd';

/** A cap on one call: output tokens, or total USD (input + output). */
export type Cap = { kind: CostUnit; max: number } | null;

export interface Candidate {
  model: string;
  /** An integer token budget, or 'unlimited' (no instruction). */
  budget: Budget;
  /** Output tokens paid for: the budget, or the predicted natural length. */
  outputTokens: number;
  quality: number;
  costUsd: number;
  score: number;
}

/**
 * Whose arithmetic decides: the playground's (exact scores, equal scores to the cheaper call,
 * continuous budgets allowed) or the released R2-Router's (src/router/releaseRules.ts).
 */
export type DecisionRules = 'playground' | 'release';

export interface RouteQuery {
  curves: readonly ModelCurve[];
  lambda: number;
  inputTokens: number;
  cap: Cap;
  /** Search budgets between anchors too (the paper's continuous extension); the release's rules never do. */
  continuous: boolean;
  /** The playground's when absent. */
  rules?: DecisionRules;
}
