import { importRelease } from '../importer/importRelease';
import { releaseConfigSchema } from '../importer/releaseConfig';
import type { LoadedBundle } from './fetchBundle';

/**
 * A released R2-Router folder (config.json beside checkpoints/) picked in the page, turned
 * into a bundle there by the same importer the command line uses.
 */

/** The path inside the picked folder: the browser prefixes each file with the folder's name. */
function inside(file: File): string {
  return (file.webkitRelativePath || file.name).split('/').slice(1).join('/');
}

/**
 * Whether the folder is a release: config.json beside checkpoints/, or a release's config.json
 * alone (its checkpoints/ left behind), which is then read as a release so the message names
 * the checkpoints it lacks rather than a manifest.json it never had.
 */
export async function isReleaseFolder(files: readonly File[]): Promise<boolean> {
  const config = files.find((f) => inside(f) === 'config.json');
  if (!config) return false;
  if (files.some((f) => inside(f).startsWith('checkpoints/'))) return true;
  if (files.some((f) => inside(f) === 'manifest.json')) return false;
  try {
    return releaseConfigSchema.safeParse(JSON.parse(await config.text())).success;
  } catch {
    return false;
  }
}

export async function readReleaseFolder(files: readonly File[]): Promise<{ bundle: LoadedBundle; warnings: string[] }> {
  const wanted = files.filter((f) => inside(f) === 'config.json' || inside(f).startsWith('checkpoints/'));
  const entries = await Promise.all(
    wanted.map(async (f) => [inside(f), new Uint8Array(await f.arrayBuffer())] as const),
  );
  const { manifest, onnxBytes, warnings } = await importRelease(new Map(entries), {
    reproduce: 'opened in the playground with “Open bundle folder…” on the release folder',
  });
  const folder = files[0]?.webkitRelativePath.split('/')[0] || manifest.id;
  const onnx = onnxBytes.buffer.slice(onnxBytes.byteOffset, onnxBytes.byteOffset + onnxBytes.byteLength) as ArrayBuffer;
  return { bundle: { key: `file:${folder}`, manifest, onnx }, warnings };
}
