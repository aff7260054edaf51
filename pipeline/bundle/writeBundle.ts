import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../src/bundle/manifest';
import { writeFolderAtomically } from '../core/atomicDir';

/** Writes a bundle folder (manifest.json + its ONNX file) all at once: a failure leaves no half-written bundle. */
export async function writeBundle(dir: string, manifest: Manifest, onnxBytes: Uint8Array): Promise<void> {
  await writeFolderAtomically(dir, async (temp) => {
    // mkdtemp makes the folder private (0700); a bundle is meant to be served and shared like any output folder.
    await chmod(temp, 0o755);
    await writeFile(join(temp, manifest.onnx), onnxBytes);
    await writeFile(join(temp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  });
}
