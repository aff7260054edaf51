import { budgetIndex, type Manifest, type PoolEntry } from '../bundle/manifest';
import type { ModelCurve } from './types';

/** What the predictor returns for one query, in the manifest's pool and budget order. */
export interface Prediction {
  /** quality[model][budget], budgets in manifest order (including 'unlimited'). */
  quality: number[][];
  naturalTokens: number[];
}

/** Turns one prediction into curves, with the pool as the person edited it (prices, enabled). */
export function buildCurves(
  manifest: Manifest,
  prediction: Prediction,
  pool: readonly PoolEntry[],
  enabled: (name: string) => boolean,
): ModelCurve[] {
  const { anchors, anchorIdx, unlimitedIdx } = budgetIndex(manifest);
  return manifest.pool.flatMap((entry, m) => {
    if (!enabled(entry.name)) return [];
    const row = prediction.quality[m]!;
    const edited = pool.find((p) => p.name === entry.name) ?? entry;
    return [
      {
        model: entry.name,
        prices: { inputPerMillion: edited.inputPerMillion, outputPerMillion: edited.outputPerMillion },
        anchors,
        quality: anchorIdx.map((i) => row[i]!),
        unlimitedQuality: row[unlimitedIdx]!,
        naturalTokens: Math.max(0, prediction.naturalTokens[m]!),
      },
    ];
  });
}
