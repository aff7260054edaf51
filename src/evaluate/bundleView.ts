import { UNLIMITED, type Manifest } from '../bundle/manifest';
import type { Prediction } from '../router/curves';
import type { Dataset } from './dataset';
import { DatasetError } from './errors';

/**
 * A bundle seen through a dataset: only the LLMs (by name) and budgets both have. The
 * router then chooses among options whose true outcome the dataset records. Prices come
 * from the dataset's pool.json, which also prices the realised cost.
 */
export interface BundleView {
  manifest: Manifest;
  /** For each view LLM: its index in the bundle and in the dataset. */
  bundleModel: number[];
  dataModel: number[];
  /** For each view budget: its index in the bundle and in the dataset. */
  bundleBudget: number[];
  dataBudget: number[];
  skippedModels: string[];
  skippedBudgets: (number | string)[];
}

export function viewBundle(manifest: Manifest, data: Dataset): BundleView {
  const bundleModel: number[] = [];
  const dataModel: number[] = [];
  manifest.pool.forEach((entry, i) => {
    const j = data.pool.models.findIndex((m) => m.name === entry.name);
    if (j >= 0) {
      bundleModel.push(i);
      dataModel.push(j);
    }
  });
  const bundleBudget: number[] = [];
  const dataBudget: number[] = [];
  manifest.budgets.forEach((b, i) => {
    const j = data.pool.budgets.indexOf(b);
    if (j >= 0) {
      bundleBudget.push(i);
      dataBudget.push(j);
    }
  });
  if (dataModel.length === 0)
    throw new DatasetError(
      `the bundle's LLMs (${manifest.pool.map((p) => p.name).join(', ')}) are not in ${data.root}/pool.json`,
    );
  if (!bundleBudget.some((i) => manifest.budgets[i] === UNLIMITED))
    throw new DatasetError(`${data.root} has no unlimited run to compare with`);
  const budgets = bundleBudget.map((i) => manifest.budgets[i]!);
  const pool = dataModel.map((j) => {
    const m = data.pool.models[j]!;
    return {
      name: m.name,
      providerId: m.providerId,
      inputPerMillion: m.inputPerMillion,
      outputPerMillion: m.outputPerMillion,
    };
  });
  return {
    manifest: {
      ...manifest,
      budgets,
      pool,
      io: {
        ...manifest.io,
        quality: { ...manifest.io.quality, shape: ['batch', pool.length, budgets.length] },
        naturalTokens: { ...manifest.io.naturalTokens, shape: ['batch', pool.length] },
      },
    },
    bundleModel,
    dataModel,
    bundleBudget,
    dataBudget,
    skippedModels: manifest.pool.filter((_, i) => !bundleModel.includes(i)).map((p) => p.name),
    skippedBudgets: manifest.budgets.filter((_, i) => !bundleBudget.includes(i)),
  };
}

export function viewPrediction(view: BundleView, p: Prediction): Prediction {
  return {
    quality: view.bundleModel.map((m) => view.bundleBudget.map((b) => p.quality[m]![b]!)),
    naturalTokens: view.bundleModel.map((m) => p.naturalTokens[m]!),
  };
}
