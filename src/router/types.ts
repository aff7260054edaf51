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

/** A cap on one call: output tokens, or total USD (input + output). */
export type Cap = { kind: 'tokens'; max: number } | { kind: 'usd'; max: number } | null;

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

export interface RouteQuery {
  curves: readonly ModelCurve[];
  lambda: number;
  inputTokens: number;
  cap: Cap;
  /** Search budgets between anchors too (the paper's continuous extension). */
  continuous: boolean;
}
