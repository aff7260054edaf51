import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ExportFile } from './exportFiles';

/** Every file under `dir` with its size, by path relative to it (Node only). */
export function listFolder(dir: string): ExportFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((full) => statSync(full).isFile())
    .map((full) => ({ path: relative(dir, full).split(sep).join('/'), size: statSync(full).size }));
}
