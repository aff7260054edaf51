import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ReleaseError, type ReleaseFiles } from '../../src/importer/importRelease';

/** The files importRelease reads (config.json and the joblib checkpoints), by path relative to `dir`. */
export async function readReleaseFolder(dir: string): Promise<ReleaseFiles> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory())
    throw new ReleaseError(`${dir} is not a folder (give the release folder holding config.json and checkpoints/)`);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const wanted = entries.filter((e) => e.isFile() && (e.name.endsWith('.joblib') || e.name === 'config.json'));
  const files = await Promise.all(
    wanted.map(async (e) => {
      const path = join(e.parentPath, e.name);
      return [relative(dir, path).split(sep).join('/'), new Uint8Array(await readFile(path))] as const;
    }),
  );
  return new Map(files);
}
