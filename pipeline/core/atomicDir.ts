import { chmod, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Builds an output folder in a hidden sibling and renames it into place only when `fill`
 * succeeds, so a failure (bad data, a crash mid-training) never leaves a half-written
 * folder. An existing folder at `target` is replaced only after the new one is complete.
 */
export async function writeFolderAtomically<T>(target: string, fill: (tempDir: string) => Promise<T>): Promise<T> {
  const out = resolve(target);
  await mkdir(dirname(out), { recursive: true });
  const temp = await mkdtemp(join(dirname(out), `.${basename(out)}.partial-`));
  try {
    const result = await fill(temp);
    await chmod(temp, 0o755); // mkdtemp makes it private; the result is an ordinary folder
    const previous = await stat(out).then(
      () => `${temp}.previous`,
      () => null,
    );
    if (previous) await rename(out, previous);
    await rename(temp, out);
    if (previous) await rm(previous, { recursive: true, force: true });
    return result;
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}
