import { EncoderError } from './encoderError';
import type { ExportFile } from './exportFiles';

/**
 * The Hugging Face Hub's file list for a model repo, read through its public API
 * (GET /api/models/<id>/tree/main[/<folder>]), so the encoder panel offers only the
 * precisions an export has. Lists are kept in the same Cache Storage as the weights: a
 * second visit, or one offline, needs no request at all.
 */

export const HUB = 'https://huggingface.co';
/** The Hub's own rule for repo ids (as transformers.js checks them): owner/name. */
const REPO_ID = /^[\w.-]+\/[\w.-]{1,96}$/;

/** Where transformers.js fetches a file from, which is also its cache key. */
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
 * A fetch that answers 404 itself for the repo's files the list does not hold: transformers.js
 * probes optional files (generation_config.json), and a probe that goes out on every visit
 * would make a cached model depend on the network.
 */
export function listedFetch(id: string, files: readonly ExportFile[], fallback: typeof fetch): typeof fetch {
  const base = hubFileUrl(id, '');
  const listed = new Set(files.map((f) => hubFileUrl(id, f.path)));
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(base) && !listed.has(url))
      return Promise.resolve(new Response(null, { status: 404, statusText: 'not in the file list' }));
    return fallback(input, init);
  };
}

/** Every file at the top of the repo and under onnx/, with sizes. */
export async function listHubExport(id: string, cache: Cache | null): Promise<ExportFile[]> {
  if (!REPO_ID.test(id)) throw new EncoderError('not-found', `"${id}" is not a Hugging Face model id (owner/name).`);
  const [top, onnx] = await Promise.all([tree(id, '', cache), tree(id, 'onnx', cache)]);
  return [...(top ?? []), ...(onnx ?? [])];
}
