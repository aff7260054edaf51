import type { Manifest } from '../bundle/manifest';
import type { Prediction } from '../router/curves';

/** Splits a batch's flat output tensors into one Prediction per query (manifest order). */
export function decodeOutputs(
  manifest: Manifest,
  quality: ArrayLike<number>,
  naturalTokens: ArrayLike<number>,
  batch: number,
): Prediction[] {
  const models = manifest.pool.length;
  const budgets = manifest.budgets.length;
  if (quality.length !== batch * models * budgets || naturalTokens.length !== batch * models) {
    throw new Error(
      `predictor returned ${quality.length} qualities and ${naturalTokens.length} lengths for ${batch} queries × ${models} LLMs × ${budgets} budgets`,
    );
  }
  return Array.from({ length: batch }, (_, q) => ({
    quality: Array.from({ length: models }, (_, m) => {
      const start = (q * models + m) * budgets;
      return Array.from({ length: budgets }, (_, b) => quality[start + b]!);
    }),
    naturalTokens: Array.from({ length: models }, (_, m) => naturalTokens[q * models + m]!),
  }));
}
