import type { Manifest } from '../bundle/manifest';
import type { Prediction } from '../router/curves';
import type { Dataset } from './dataset';
import { DatasetError } from './errors';
import { viewBundle, viewPrediction } from './bundleView';
import { headErrors } from './heads';
import { lambdaGrid } from './lambdas';
import { buildReport, type Report } from './report';
import { splitIndices } from './split';
import { sweep } from './sweep';

/** Predicts the bundle's outputs for these prompts, in order (onnxruntime-node in the CLI, the worker in the page). */
export type PredictPrompts = (prompts: string[]) => Promise<Prediction[]>;

/**
 * The evaluation `npm run evaluate` prints and the page's workload view shows: the held-out
 * split of a dataset routed by the bundle at every λ of the grid, against what actually happened.
 * Only how the predictions are made differs between the two.
 */
export async function evaluateHeldOut(
  manifest: Manifest,
  data: Dataset,
  predict: PredictPrompts,
  onProgress?: (done: number, total: number) => void,
): Promise<Report> {
  const view = viewBundle(manifest, data);
  const split = splitIndices(data.keys);
  if (split.test.length === 0)
    throw new DatasetError(`${data.root}: no query falls in the held-out split (too few queries)`);
  const raw = await predict(split.test.map((q) => data.prompts[q]!));
  const predictions = raw.map((p) => viewPrediction(view, p));
  const notes: Record<string, string> = {};
  if (view.skippedModels.length)
    notes.skippedModels = `in the bundle but not in the data: ${view.skippedModels.join(', ')}`;
  if (view.skippedBudgets.length)
    notes.skippedBudgets = `in the bundle but not in the data: ${view.skippedBudgets.join(', ')}`;
  const result = sweep(view, data, split.test, predictions, lambdaGrid(), onProgress);
  return buildReport(result, headErrors(view, data, split.test, split.train, predictions), split.test.length, notes);
}
