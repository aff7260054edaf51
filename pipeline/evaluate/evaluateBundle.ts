import type { Prediction } from '../../src/router/curves';
import type { NodeBundle } from '../bundle/nodeBundle';
import { predictRows } from '../bundle/nodeBundle';
import type { Dataset } from '../data/dataset';
import { DatasetError } from '../data/errors';
import { splitIndices } from '../data/split';
import { denseRows, encodeRows } from '../train/features';
import { viewBundle, viewPrediction } from './bundleView';
import { headErrors } from './heads';
import { lambdaGrid } from './lambdas';
import { buildReport, type Report } from './report';
import { sweep } from './sweep';

const BATCH = 256;

/** Runs the bundle's ONNX graph (onnxruntime-node) on the held-out queries, in batches. */
export async function predictHeldOut(bundle: NodeBundle, prompts: readonly string[]): Promise<Prediction[]> {
  const { encoder } = bundle.manifest;
  if (encoder.kind !== 'hashed-ngrams')
    throw new DatasetError(`evaluate runs bundles with the hashed-ngrams encoder; this one uses ${encoder.kind}`);
  const x = encodeRows(prompts, encoder);
  const out: Prediction[] = [];
  for (let s = 0; s < prompts.length; s += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, prompts.length - s) }, (_, i) => s + i);
    out.push(...(await predictRows(bundle, denseRows(x, rows), rows.length)));
  }
  return out;
}

export async function evaluateBundle(
  bundle: NodeBundle,
  data: Dataset,
  onProgress?: (done: number, total: number) => void,
): Promise<Report> {
  const view = viewBundle(bundle.manifest, data);
  const split = splitIndices(data.keys);
  if (split.test.length === 0)
    throw new DatasetError(`${data.root}: no query falls in the held-out split (too few queries)`);
  const raw = await predictHeldOut(
    bundle,
    split.test.map((q) => data.prompts[q]!),
  );
  const predictions = raw.map((p) => viewPrediction(view, p));
  const notes: Record<string, string> = {};
  if (view.skippedModels.length)
    notes.skippedModels = `in the bundle but not in the data: ${view.skippedModels.join(', ')}`;
  if (view.skippedBudgets.length)
    notes.skippedBudgets = `in the bundle but not in the data: ${view.skippedBudgets.join(', ')}`;
  const result = sweep(view, data, split.test, predictions, lambdaGrid(), onProgress);
  return buildReport(result, headErrors(view, data, split.test, split.train, predictions), split.test.length, notes);
}
