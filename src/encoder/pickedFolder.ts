import { EncoderError } from './encoderError';
import type { ExportFile } from './exportFiles';
import type { ExportReader } from './exportReader';

/**
 * An export folder the person picked (<input webkitdirectory>), read from the picked File
 * objects: nothing leaves the machine and nothing is written to the cache.
 */

export interface PickedFile {
  /** Path inside the picked folder, e.g. "onnx/model.onnx". */
  path: string;
  file: File;
}

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

/** Reads the picked files themselves: nothing is copied, cached or sent anywhere. */
export function pickedReader(files: readonly PickedFile[]): ExportReader {
  const byPath = new Map(files.map(({ path, file }) => [path, file]));
  return {
    open: (path) => {
      const file = byPath.get(path);
      return file
        ? Promise.resolve(file.stream())
        : Promise.reject(new EncoderError('not-an-export', `The picked folder has no ${path}.`));
    },
  };
}
