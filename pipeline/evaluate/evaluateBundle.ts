import type { Prediction } from '../../src/router/curves';
import type { Dataset } from '../../src/evaluate/dataset';
import { DatasetError } from '../../src/evaluate/errors';
import { evaluateHeldOut } from '../../src/evaluate/evaluate';
import type { Report } from '../../src/evaluate/report';
import type { NodeBundle } from '../bundle/nodeBundle';
import { predictRows } from '../bundle/nodeBundle';
import { denseRows, encodeRows } from '../train/features';

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

/** The shared evaluation (src/evaluate/evaluate.ts) with the bundle run in Node. */
export function evaluateBundle(
  bundle: NodeBundle,
  data: Dataset,
  onProgress?: (done: number, total: number) => void,
): Promise<Report> {
  return evaluateHeldOut(bundle.manifest, data, (prompts) => predictHeldOut(bundle, prompts), onProgress);
}
