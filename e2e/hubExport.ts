import type { BrowserContext } from '@playwright/test';

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

/** Serves `repos` (model id → files by path) as the Hub; returns the paths requested. */
export async function serveHubExports(
  context: BrowserContext,
  repos: Record<string, ReadonlyMap<string, Uint8Array>>,
): Promise<string[]> {
  const requested: string[] = [];
  await context.route('https://huggingface.co/**', (r) => {
    const path = new URL(r.request().url()).pathname;
    requested.push(path);
    const [, api, id, rest] = /^\/(api\/models\/)?([^/]+\/[^/]+)\/(.*)$/.exec(path) ?? [];
    const files = repos[id ?? ''];
    if (!files) return r.fulfill({ status: 404, headers: CORS });
    const folder = api && /^tree\/main(?:\/(.+))?$/.exec(rest ?? '');
    if (folder) return r.fulfill({ json: tree(files, folder[1] ?? ''), headers: CORS });
    const body = !api && files.get(/^resolve\/main\/(.+)$/.exec(rest ?? '')?.[1] ?? '');
    if (!body) return r.fulfill({ status: 404, headers: CORS });
    return r.fulfill({
      body: Buffer.from(body),
      headers: { ...CORS, 'content-length': String(body.length), 'content-type': 'application/octet-stream' },
    });
  });
  return requested;
}
