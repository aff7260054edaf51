import type { Prediction } from '../../src/router/curves';
import type { Dataset } from '../../src/evaluate/dataset';
import { DatasetError } from '../../src/evaluate/errors';
import { evaluateHeldOut } from '../../src/evaluate/evaluate';
import type { Report } from '../../src/evaluate/report';
import type { NodeBundle } from '../bundle/nodeBundle';
import { predictRows } from '../bundle/nodeBundle';
import { denseRows, encodeRows } from '../train/features';

const BATCH = 256;

/** A Qwen3-kind bundle's input rows for the prompts, one after another (from an embeddings server). */
export type EmbedRows = (prompts: readonly string[]) => Promise<Float32Array>;

/**
 * Runs the bundle's ONNX graph (onnxruntime-node) on the held-out queries, in batches: a
 * hashed-ngrams bundle encodes them itself, a Qwen3-kind one reads the rows `embed` gives.
 */
export async function predictHeldOut(
  bundle: NodeBundle,
  prompts: readonly string[],
  embed?: EmbedRows,
): Promise<Prediction[]> {
  const { encoder } = bundle.manifest;
  if (encoder.kind !== 'hashed-ngrams') {
    if (!embed)
      throw new DatasetError(
        `this bundle reads ${encoder.model} embeddings: give an embeddings server (--embeddings-url) to evaluate it`,
      );
    return predictRows(bundle, await embed(prompts), prompts.length);
  }
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
  embed?: EmbedRows,
): Promise<Report> {
  return evaluateHeldOut(bundle.manifest, data, (prompts) => predictHeldOut(bundle, prompts, embed), onProgress);
}
