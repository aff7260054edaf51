import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from '../../src/evaluate/dataset';
import { loadDataset as loadFolder, type DataFolder, type LoadOptions } from '../../src/evaluate/loader';

/** An R2-Bench-format folder on the disk, read by the loader the page uses too (src/evaluate/loader.ts). */
export function diskFolder(root: string): DataFolder {
  const where = (path: string) => join(root, path);
  return {
    root,
    where,
    exists: (path) =>
      access(where(path)).then(
        () => true,
        () => false,
      ),
    readText: (path) =>
      readFile(where(path), 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null;
        throw new Error(`${where(path)}: ${e.message}`);
      }),
    chunks: (path) => createReadStream(where(path), { encoding: 'utf8' }),
  };
}

export function loadDataset(root: string, opts: LoadOptions = {}): Promise<Dataset> {
  return loadFolder(diskFolder(root), opts);
}
