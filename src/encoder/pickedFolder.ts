import type { ExportFile } from './exportFiles';

/**
 * An export folder the person picked (<input webkitdirectory>), served to transformers.js
 * without copying it anywhere: transformers.js reads local models at
 * env.localModelPath + <model id> + <file> through env.fetch, which answers from the picked
 * File objects. Nothing leaves the machine and nothing is written to the cache.
 */

export interface PickedFile {
  /** Path inside the picked folder, e.g. "onnx/model.onnx". */
  path: string;
  file: File;
}

/**
 * A path, not a URL: transformers.js only looks for local files at non-URL paths. Every
 * request under it is answered by pickedFetch, none reaches the network.
 */
export const PICKED_ROOT = '/picked-folder/';
let picks = 0;

/** Paths relative to the picked folder: the browser prefixes each with the folder's own name. */
export function pickedFiles(files: readonly File[]): { name: string; files: PickedFile[] } {
  const name = files[0]?.webkitRelativePath.split('/')[0] || 'picked folder';
  return {
    name,
    files: files.map((file) => ({ path: file.webkitRelativePath.split('/').slice(1).join('/') || file.name, file })),
  };
}

export function listPicked(files: readonly PickedFile[]): ExportFile[] {
  return files.map(({ path, file }) => ({ path, size: file.size }));
}

/**
 * The model id to give transformers.js for the picked files, and a fetch that answers
 * PICKED_ROOT/<model id>/<path> from them and passes anything else on. Each call gets a new
 * id, since transformers.js memoises what it learnt about a model id's files.
 */
export function servePicked(
  files: readonly PickedFile[],
  fallback: typeof fetch,
): { model: string; fetch: typeof fetch } {
  const model = `picked/folder-${++picks}`;
  const byUrl = new Map(files.map(({ path, file }) => [`${PICKED_ROOT}${model}/${path}`, file]));
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(PICKED_ROOT)) return fallback(input, init);
    const file = byUrl.get(url);
    if (!file) return new Response(null, { status: 404, statusText: 'not in the picked folder' });
    return new Response(file, {
      status: 200,
      headers: { 'content-length': String(file.size), 'content-type': 'application/octet-stream' },
    });
  };
  return { model, fetch };
}
