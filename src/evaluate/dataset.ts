import type { Pool } from './poolFile';

/**
 * A loaded dataset: one row per query, and per (query, LLM, budget) cell the judge score
 * and the response's token count, in flat typed arrays (31k queries × 11 LLMs × 16
 * budgets is 5.5M cells, 44 MB). Response texts are never kept.
 */
export interface Dataset {
  root: string;
  pool: Pool;
  keys: string[];
  prompts: string[];
  /** correctness_score per cell, index cellIndex(). */
  scores: Float32Array;
  /** actual_token_count per cell. */
  tokens: Float32Array;
  /** Queries left out because some file lacked them (only with allowMissing). */
  dropped: number;
}

export function cellIndex(d: Pick<Dataset, 'pool'>, query: number, model: number, budget: number): number {
  return (query * d.pool.models.length + model) * d.pool.budgets.length + budget;
}
