import { EncoderError } from './encoderError';
import { QWEN3_EXPORT, type ExportFile } from './exportFiles';
import type { ExportReader } from './exportReader';

/**
 * The Hugging Face Hub's file list for a model repo, read through its public API
 * (GET /api/models/<id>/tree/main[/<folder>]), so the encoder panel offers only the
 * precisions an export has. Lists are kept in the same Cache Storage as the weights: a
 * second visit, or one offline, needs no request at all.
 */

export const HUB = 'https://huggingface.co';
/** The Hub's own rule for repo ids (as transformers.js checks them): owner/name. */
const REPO_ID = /^[\w.-]+\/[\w.-]{1,96}$/;

/** Where a file of a Hub repo is downloaded from, which is also its Cache Storage key (transformers.js's too). */
export function hubFileUrl(id: string, file: string): string {
  return `${HUB}/${id}/resolve/main/${file}`;
}

interface TreeEntry {
  type: 'file' | 'directory';
  path: string;
  size: number;
  lfs?: { size: number };
}

export function offlineError(detail: string): EncoderError {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return new EncoderError(
    'offline',
    offline
      ? 'Could not reach the Hugging Face Hub: you seem to be offline. Pick a local folder instead.'
      : `Could not reach the Hugging Face Hub (${detail}). Check the connection, or pick a local folder instead.`,
  );
}

async function cachedFetch(url: string, cache: Cache | null): Promise<Response> {
  const hit = await cache?.match(url);
  if (hit) return hit;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw offlineError((e as Error).message);
  }
  if (res.ok) await cache?.put(url, res.clone());
  return res;
}

async function tree(id: string, folder: string, cache: Cache | null): Promise<ExportFile[] | null> {
  const res = await cachedFetch(`${HUB}/api/models/${id}/tree/main${folder ? `/${folder}` : ''}`, cache);
  if (res.status === 404 && folder) return null;
  if (res.status === 401 || res.status === 403 || res.status === 404) {
    throw new EncoderError(
      'not-found',
      `The Hugging Face Hub has no model "${id}" (or it is private or gated, which this page cannot open).`,
    );
  }
  if (!res.ok)
    throw new EncoderError('failed', `The Hugging Face Hub answered HTTP ${res.status} for the file list of "${id}".`);
  const entries = (await res.json()) as TreeEntry[];
  return entries.filter((e) => e.type === 'file').map((e) => ({ path: e.path, size: e.lfs?.size ?? e.size }));
}

/**
 * Reads an export's files from the Hub. With a cache (Cache Storage in the browser), a file
 * found there is read from it with no request, and a downloaded one is written to it as the
 * Hub served it while it is read; a download that fails or is cancelled leaves no entry.
 * `written()` settles once every write has.
 */
export function hubReader(
  id: string,
  cache: Cache | null,
  fetchFile: typeof fetch = fetch,
): ExportReader & { written: () => Promise<void> } {
  const writes: Promise<void>[] = [];
  return {
    async open(path, signal) {
      const url = hubFileUrl(id, path);
      const hit = await cache?.match(url);
      if (hit?.body) return hit.body;
      let res: Response;
      try {
        res = await fetchFile(url, { signal });
      } catch (e) {
        signal?.throwIfAborted();
        throw offlineError((e as Error).message);
      }
      if (!res.ok || !res.body)
        throw new EncoderError(
          res.status === 404 ? 'not-found' : 'failed',
          `The Hugging Face Hub answered HTTP ${res.status} for ${path} of "${id}".`,
        );
      if (!cache) return res.body;
      const [kept, read] = res.body.tee();
      writes.push(cache.put(url, new Response(kept, { headers: res.headers })).catch(() => undefined));
      return read;
    },
    written: async () => void (await Promise.all(writes)),
  };
}

/** Every file at the top of the repo and under onnx/, with sizes. */
export async function listHubExport(id: string, cache: Cache | null): Promise<ExportFile[]> {
  if (!REPO_ID.test(id)) throw new EncoderError('not-found', `"${id}" is not a Hugging Face model id (owner/name).`);
  const [top, onnx] = await Promise.all([tree(id, '', cache), tree(id, 'onnx', cache)]);
  return [...(top ?? []), ...(onnx ?? [])];
}

/** Hub repos holding an ONNX export of a model that has none of its own (Qwen/Qwen3-0.6B holds safetensors only). */
const EXPORTS: Record<string, string> = { 'Qwen/Qwen3-0.6B': QWEN3_EXPORT };

/** The repo the encoder panel offers first for a bundle's encoder model. */
export function exportIdFor(model: string): string {
  return EXPORTS[model] ?? model;
}
