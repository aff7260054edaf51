import { createHash } from 'node:crypto';
import type { FileCache, PinnedFiles } from '../releaseDownload';

/** A release served from memory, as the tests stand in for raw.githubusercontent.com and Cache Storage. */

/** Sizes and SHA-256 digests of `files`, in the form the page pins the authors' release with. */
export function pinFiles(files: ReadonlyMap<string, Uint8Array>): PinnedFiles {
  return Object.fromEntries(
    [...files].map(([path, bytes]) => [
      path,
      { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    ]),
  );
}

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

export type Answer = Uint8Array | number | 'offline';

/**
 * A fetch that answers base + path with the file, and anything else with 404. `answers` replaces a
 * path's answer: other bytes, an HTTP status, or a network failure. Every requested URL is recorded.
 */
export function fakeRemote(base: string, files: ReadonlyMap<string, Uint8Array>, answers: Record<string, Answer> = {}) {
  const requests: string[] = [];
  const fetch = (input: RequestInfo | URL): Promise<Response> => {
    const url = urlOf(input);
    requests.push(url);
    const path = url.startsWith(base) ? url.slice(base.length) : null;
    const answer: Answer = path === null ? 404 : (answers[path] ?? files.get(path) ?? 404);
    if (answer === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
    if (typeof answer === 'number') return Promise.resolve(new Response(null, { status: answer }));
    return Promise.resolve(new Response(answer.slice()));
  };
  return { fetch, requests };
}

/** Cache Storage's one bucket, in memory: Node has no Cache Storage. */
export class MemoryCache implements FileCache {
  readonly entries = new Map<string, Uint8Array>();

  match(request: RequestInfo | URL): Promise<Response | undefined> {
    const bytes = this.entries.get(urlOf(request));
    return Promise.resolve(bytes ? new Response(bytes.slice()) : undefined);
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(urlOf(request), new Uint8Array(await response.arrayBuffer()));
  }

  delete(request: RequestInfo | URL): Promise<boolean> {
    return Promise.resolve(this.entries.delete(urlOf(request)));
  }
}
