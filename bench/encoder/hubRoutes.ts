import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import type { ExportFile } from '../../src/encoder/exportFiles';
import type { BenchExport } from './exportFolder';

/**
 * The export served at its Hugging Face Hub URLs, so the page's real Hub path runs offline
 * (file list, downloads, Cache Storage), as in e2e/encoder.spec.ts. The Hub answers the file
 * list and small files itself and redirects weights to its CDN; here the weights redirect to
 * the loopback file server, which streams them from disk (a gigabyte cannot go through
 * Playwright's protocol in one message).
 */

const CORS = { 'access-control-allow-origin': '*' };
const SMALL = 1 << 20;

/** What GET /api/models/<id>/tree/main/<folder> answers: the folder's files and subfolders. */
function tree(files: readonly ExportFile[], folder: string) {
  const prefix = folder ? `${folder}/` : '';
  const entries = new Map<string, { type: 'file' | 'directory'; path: string; size: number }>();
  for (const f of files.filter((f) => f.path.startsWith(prefix))) {
    const [head, ...rest] = f.path.slice(prefix.length).split('/');
    const path = `${prefix}${head}`;
    entries.set(path, rest.length ? { type: 'directory', path, size: 0 } : { type: 'file', path, size: f.size });
  }
  return [...entries.values()];
}

/** Counts the weight downloads, so a load from the browser's cache can be told from one over the wire. */
export async function serveAsHub(
  context: BrowserContext,
  modelId: string,
  exp: BenchExport,
  cdn: string,
): Promise<{ downloads: string[] }> {
  const downloads: string[] = [];
  const escaped = modelId.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  await context.route('https://huggingface.co/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const listing = new RegExp(`^/api/models/${escaped}/tree/main(?:/(.+))?$`).exec(path);
    if (listing) return route.fulfill({ json: tree(exp.files, listing[1] ?? ''), headers: CORS });
    const file = new RegExp(`^/${escaped}/resolve/main/(.+)$`).exec(path)?.[1];
    const entry = exp.files.find((f) => f.path === file);
    if (!file || !entry) return route.fulfill({ status: 404, headers: CORS });
    if (entry.size <= SMALL) return route.fulfill({ body: readFileSync(join(exp.dir, file)), headers: CORS });
    downloads.push(file);
    return route.fulfill({ status: 302, headers: { ...CORS, location: `${cdn}/export/${file}` } });
  });
  return { downloads };
}
