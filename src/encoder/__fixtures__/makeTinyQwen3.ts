import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TINY_DIM, tinyBundle, tinyQwen3Files } from './tinyQwen3';
import { tinyTextGenExport } from './tinyQwen3TextGen';

/**
 * Writes the tiny Qwen3 exports (tiny-qwen3/: feature extraction; tiny-qwen3-text-generation/:
 * the same model as a text-generation export) and the bundle over them (tiny-qwen3-bundle/)
 * next to this file. The outputs are checked in; rerun after changing tinyQwen3*.ts:
 *   npx tsx src/encoder/__fixtures__/makeTinyQwen3.ts
 */

export function writeFiles(dir: string, files: Record<string, Uint8Array | object>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content instanceof Uint8Array ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url));
  writeFiles(join(here, 'tiny-qwen3'), tinyQwen3Files());
  writeFiles(join(here, 'tiny-qwen3-text-generation'), Object.fromEntries(tinyTextGenExport(TINY_DIM)));
  const { manifest, onnx } = tinyBundle();
  writeFiles(join(here, 'tiny-qwen3-bundle'), { 'manifest.json': manifest, [manifest.onnx]: onnx });
  console.log(`wrote tiny-qwen3, tiny-qwen3-text-generation and tiny-qwen3-bundle in ${here}`);
}
