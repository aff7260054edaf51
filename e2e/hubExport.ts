import type { BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportOptions } from '../src/encoder/exportFiles';
import { listFolder } from '../src/encoder/nodeFolder';
import { formatBytes } from '../src/ui/format';

/**
 * Model exports held in memory, served at the Hugging Face Hub's URLs by request interception:
 * GET /api/models/<id>/tree/main[/<folder>] lists a folder, GET /<id>/resolve/main/<file> is a file.
 */

const CORS = { 'access-control-allow-origin': '*' };

/** What the Hub's tree API answers for `folder`: its files and subfolders. */
function tree(files: ReadonlyMap<string, Uint8Array>, folder: string) {
  const prefix = folder ? `${folder}/` : '';
  const entries = new Map<string, { type: 'file' | 'directory'; path: string; size: number }>();
  for (const [file, bytes] of files) {
    if (!file.startsWith(prefix)) continue;
    const [head, ...rest] = file.slice(prefix.length).split('/');
    const path = `${prefix}${head}`;
    entries.set(path, rest.length ? { type: 'directory', path, size: 0 } : { type: 'file', path, size: bytes.length });
  }
  return [...entries.values()];
}

/** An export folder on disk as the files the Hub would hold: path → bytes. */
export function readExportFolder(dir: string): Map<string, Uint8Array> {
  return new Map(listFolder(dir).map((f) => [f.path, readFileSync(join(dir, f.path))]));
}

/** The encoder panel's precision options for an export folder, as its select shows them. */
export function offeredPrecisions(dir: string): string[] {
  return exportOptions(listFolder(dir), 'x').map((o) => `${o.precision} · ${formatBytes(o.bytes)}`);
}

/**
 * Serves `repos` (model id → files by path) as the Hub; returns the paths requested. `hold` may
 * delay a file's answer (a slow download the page can cancel meanwhile).
 */
export async function serveHubExports(
  context: BrowserContext,
  repos: Record<string, ReadonlyMap<string, Uint8Array>>,
  hold: (file: string) => Promise<void> = () => Promise.resolve(),
): Promise<string[]> {
  const requested: string[] = [];
  await context.route('https://huggingface.co/**', async (r) => {
    const path = new URL(r.request().url()).pathname;
    requested.push(path);
    const [, api, id, rest] = /^\/(api\/models\/)?([^/]+\/[^/]+)\/(.*)$/.exec(path) ?? [];
    const files = repos[id ?? ''];
    if (!files) return r.fulfill({ status: 404, headers: CORS });
    const folder = api && /^tree\/main(?:\/(.+))?$/.exec(rest ?? '');
    if (folder) return r.fulfill({ json: tree(files, folder[1] ?? ''), headers: CORS });
    const file = (!api && /^resolve\/main\/(.+)$/.exec(rest ?? '')?.[1]) || '';
    const body = files.get(file);
    if (!body) return r.fulfill({ status: 404, headers: CORS });
    await hold(file);
    // The page may have cancelled the download meanwhile.
    return r
      .fulfill({
        body: Buffer.from(body),
        headers: { ...CORS, 'content-length': String(body.length), 'content-type': 'application/octet-stream' },
      })
      .catch(() => undefined);
  });
  return requested;
}
