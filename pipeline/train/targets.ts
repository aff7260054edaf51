import { UNLIMITED } from '../../src/bundle/manifest';
import { cellIndex, type Dataset } from '../../src/evaluate/dataset';

/**
 * What each head learns: quality[q][m][k] is the judge score of LLM m at budget k (the
 * dataset's own layout), logTokens[q][m] = log1p(tokens of the unlimited answer).
 */
export interface Targets {
  models: number;
  budgets: number;
  quality: Float32Array;
  logTokens: Float32Array;
}

export function targetsOf(d: Dataset): Targets {
  const models = d.pool.models.length;
  const budgets = d.pool.budgets.length;
  const unlimited = d.pool.budgets.indexOf(UNLIMITED);
  const logTokens = new Float32Array(d.keys.length * models);
  for (let q = 0; q < d.keys.length; q++) {
    for (let m = 0; m < models; m++) logTokens[q * models + m] = Math.log1p(d.tokens[cellIndex(d, q, m, unlimited)]!);
  }
  return { models, budgets, quality: d.scores, logTokens };
}

/** Per-output means and variances over some rows (the constant-mean baseline's parameters). */
export function columnStats(
  values: Float32Array,
  width: number,
  rows: readonly number[],
): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(width);
  const variance = new Float64Array(width);
  for (const r of rows) for (let j = 0; j < width; j++) mean[j]! += values[r * width + j]!;
  for (let j = 0; j < width; j++) mean[j]! /= Math.max(1, rows.length);
  for (const r of rows) {
    for (let j = 0; j < width; j++) {
      const d = values[r * width + j]! - mean[j]!;
      variance[j]! += d * d;
    }
  }
  for (let j = 0; j < width; j++) variance[j]! /= Math.max(1, rows.length);
  return { mean, variance };
}
