import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { EncoderError } from './encoderError';
import { exportOptions, type Precision } from './exportFiles';
import { hubReader, listHubExport } from './hub';
import { folderReader, listFolder } from './nodeFolder';
import { loadQwen3Encoder, type LoadOptions, type Qwen3Encoder } from './qwen3';

/**
 * The page's Qwen3 encoder on onnxruntime-node, for the command line and the tests: an export
 * folder on disk, or a Hub model id (downloaded on every call; nothing is cached in Node).
 */
export async function loadNodeEncoder(
  model: string,
  precision: Precision,
  dim: number,
  /** The KV caches' memory and who hears what they give each text (loadQwen3Encoder's options); none by default. */
  cache: Pick<LoadOptions, 'cacheBytes' | 'onActivity'> = {},
): Promise<Qwen3Encoder> {
  const isFolder = statSync(model, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const folder = resolve(model);
  const listed = isFolder ? listFolder(folder) : await listHubExport(model, null);
  const option = exportOptions(listed, model).find((o) => o.precision === precision);
  if (!option) throw new EncoderError('not-an-export', `${model} has no ${precision} weights.`);
  const files = isFolder ? folderReader(folder) : hubReader(model, null);
  return loadQwen3Encoder({ files, ort, label: model, option, device: 'cpu', dim, ...cache });
}
