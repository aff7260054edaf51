import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { parseManifest, type Manifest } from '../../src/bundle/manifest';
import { decodeOutputs } from '../../src/worker/decode';
import type { Prediction } from '../../src/router/curves';

/** A bundle folder opened in Node with onnxruntime-node (CPU). */
export interface NodeBundle {
  dir: string;
  manifest: Manifest;
  session: ort.InferenceSession;
}

export async function openBundle(dir: string): Promise<NodeBundle> {
  const manifestPath = join(dir, 'manifest.json');
  const text = await readFile(manifestPath, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${manifestPath}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  const manifest = parseManifest(text, manifestPath);
  const onnxPath = join(dir, manifest.onnx);
  const bytes = await readFile(onnxPath).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${onnxPath}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  const session = await ort.InferenceSession.create(bytes);
  return { dir, manifest, session };
}

/** Runs the predictor on `batch` input rows laid out one after another in `inputs`. */
export async function predictRows(bundle: NodeBundle, inputs: Float32Array, batch: number): Promise<Prediction[]> {
  const { manifest, session } = bundle;
  const dim = manifest.encoder.dim;
  if (inputs.length !== batch * dim) throw new Error(`expected ${batch} × ${dim} input values, got ${inputs.length}`);
  const feeds = { [manifest.io.input.name]: new ort.Tensor('float32', inputs, [batch, dim]) };
  const out = await session.run(feeds);
  const quality = out[manifest.io.quality.name];
  const natural = out[manifest.io.naturalTokens.name];
  if (!quality || !natural)
    throw new Error(
      `the ONNX graph lacks output ${quality ? manifest.io.naturalTokens.name : manifest.io.quality.name}`,
    );
  return decodeOutputs(manifest, quality.data as Float32Array, natural.data as Float32Array, batch);
}
