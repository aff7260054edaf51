import type { DataFolder } from '../evaluate/loader';
import { pickedFiles } from '../encoder/pickedFolder';
import { textChunks } from './fileText';

/** An R2-Bench-format folder the person picked (<input webkitdirectory>), for the shared loader. */
export function pickedDataFolder(files: readonly File[]): DataFolder {
  const { name, files: picked } = pickedFiles(files);
  const byPath = new Map(picked.map(({ path, file }) => [path, file]));
  const open = (path: string) => {
    const file = byPath.get(path);
    if (!file) throw new Error(`${name}/${path}: missing`);
    return file;
  };
  return {
    root: name,
    where: (path) => `${name}/${path}`,
    exists: (path) => Promise.resolve(byPath.has(path)),
    readText: (path) => byPath.get(path)?.text() ?? Promise.resolve(null),
    chunks: (path) => textChunks(open(path)),
  };
}
