import type { ExportFile } from './exportFiles';

/**
 * An export folder the person picked (<input webkitdirectory>), served to transformers.js
 * without copying it anywhere: transformers.js fetches local models from
 * env.localModelPath + <model id> + <file>, and env.fetch answers those URLs from the
 * picked File objects. Nothing leaves the machine and nothing is written to the cache.
 */

export interface PickedFile {
  /** Path inside the picked folder, e.g. "onnx/model.onnx". */
  path: string;
  file: File;
}

/** A URL base no request can reach, so a bug could never send a picked file anywhere. */
export const PICKED_ROOT = 'https://picked-folder.invalid/';
/** The model id transformers.js is given for a picked folder. */
export const PICKED_MODEL = 'picked/export';

/** Paths relative to the picked folder: the browser prefixes each with the folder's own name. */
export function pickedFiles(files: readonly File[]): { name: string; files: PickedFile[] } {
  const name = files[0]?.webkitRelativePath.split('/')[0] || 'picked folder';
  return { name, files: files.map((file) => ({ path: file.webkitRelativePath.split('/').slice(1).join('/') || file.name, file })) };
}

export function listPicked(files: readonly PickedFile[]): ExportFile[] {
  return files.map(({ path, file }) => ({ path, size: file.size }));
}

/** A fetch that answers PICKED_ROOT/picked/export/<path> from the picked files and passes anything else on. */
export function pickedFetch(files: readonly PickedFile[], fallback: typeof fetch): typeof fetch {
  const byUrl = new Map(files.map(({ path, file }) => [`${PICKED_ROOT}${PICKED_MODEL}/${path}`, file]));
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(PICKED_ROOT)) return fallback(input, init);
    const file = byUrl.get(url);
    if (!file) return new Response(null, { status: 404, statusText: 'not in the picked folder' });
    return new Response(file, { status: 200, headers: { 'content-length': String(file.size), 'content-type': 'application/octet-stream' } });
  };
}
