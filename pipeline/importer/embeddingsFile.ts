import { readFile } from 'node:fs/promises';
import { BundleError, type Manifest } from '../../src/bundle/manifest';
import type { Prediction } from '../../src/router/curves';
import { DatasetError } from '../../src/evaluate/errors';
import { openBundle, predictRows } from '../bundle/nodeBundle';

/** Embeddings from a JSON file holding an array of embedding arrays, checked against the bundle's input width. */
export async function readEmbeddings(
  path: string,
  manifest: Manifest,
): Promise<{ rows: Float32Array; count: number; warnings: string[] }> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new DatasetError(`cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DatasetError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(raw))
    throw new DatasetError(`${path} must hold an array of embeddings (arrays of ${manifest.encoder.dim} numbers)`);
  const dim = manifest.encoder.dim;
  const problems = raw.flatMap((row: unknown, i) =>
    !Array.isArray(row) || row.length !== dim
      ? [`embedding ${i} has ${Array.isArray(row) ? row.length : 'no'} values; the bundle expects ${dim}`]
      : row.some((x) => typeof x !== 'number' || !Number.isFinite(x))
        ? [`embedding ${i} holds something other than finite numbers`]
        : [],
  );
  if (problems.length)
    throw new DatasetError(
      `${path} does not fit bundle ${manifest.id}`,
      problems.slice(0, 10).concat(problems.length > 10 ? [`… and ${problems.length - 10} more`] : []),
    );
  const rows = Float32Array.from((raw as number[][]).flat());
  const warnings: string[] = [];
  if (manifest.encoder.kind === 'qwen3-embedding' && manifest.encoder.normalize) {
    const norms = (raw as number[][]).map((row) => Math.hypot(...row));
    const off = norms.flatMap((n, i) => (Math.abs(n - 1) > 1e-3 ? [`#${i} has norm ${n.toPrecision(4)}`] : []));
    if (off.length)
      warnings.push(
        `${off.length} of ${norms.length} embeddings are not unit length (${off[0]}); the bundle expects L2-normalised ${manifest.encoder.model} embeddings`,
      );
  }
  return { rows, count: raw.length, warnings };
}

/** Opens a bundle and runs it on an embeddings file: what the predict and route commands share. */
export async function predictEmbeddingsFile(
  bundleDir: string,
  embeddingsPath: string,
): Promise<{ manifest: Manifest; predictions: Prediction[]; warnings: string[] }> {
  const bundle = await openBundle(bundleDir).catch((e: unknown) => {
    throw e instanceof BundleError ? e : new BundleError((e as Error).message);
  });
  const { rows, count, warnings } = await readEmbeddings(embeddingsPath, bundle.manifest);
  return { manifest: bundle.manifest, predictions: count ? await predictRows(bundle, rows, count) : [], warnings };
}
