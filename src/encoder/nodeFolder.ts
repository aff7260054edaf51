import { openAsBlob, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { EncoderError } from './encoderError';
import type { ExportFile } from './exportFiles';
import type { ExportReader } from './exportReader';

/** Every file under `dir` with its size, by path relative to it (Node only). */
export function listFolder(dir: string): ExportFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((full) => statSync(full).isFile())
    .map((full) => ({ path: relative(dir, full).split(sep).join('/'), size: statSync(full).size }));
}

/** Reads an export folder on disk (Node only). */
export function folderReader(dir: string): ExportReader {
  return {
    open: async (path) => {
      try {
        return (await openAsBlob(join(dir, path))).stream();
      } catch (e) {
        throw new EncoderError('not-an-export', `Could not read ${path} in ${dir}: ${(e as Error).message}`);
      }
    },
  };
}
