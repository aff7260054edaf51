import { HASHED_DIR, type BuildManifest } from './buildManifest';
import { ISOLATION_HEADERS } from './isolation';

/** The service worker's decisions, apart from its events so that they can be tested in Node. */

const CACHE_PREFIX = 'r2-app ';

/**
 * One Cache Storage bucket per build and per scope (the app's base URL): two deployments on one
 * origin, under different paths, never share or delete each other's files.
 */
export function appCacheName(scope: string, build: string): string {
  return `${CACHE_PREFIX}${scope} ${build}`;
}

/**
 * The buckets a newly active build deletes: this scope's older builds, except the newest of them,
 * which a tab still open on the previous deployment may need for the chunks it has not loaded yet.
 * `names` come in creation order, as `caches.keys()` gives them.
 */
export function staleCaches(names: readonly string[], scope: string, build: string): string[] {
  const own = appCacheName(scope, build);
  const older = names.filter((n) => n.startsWith(`${CACHE_PREFIX}${scope} `) && n !== own);
  return older.slice(0, -1);
}

/**
 * - `page`: the app's page, from the network when there is one (so a new deployment shows on the
 *   next visit), else this build's copy;
 * - `hashed`: a file whose name is its content's hash, from any kept copy, else the network;
 * - `unhashed`: another file this build keeps (the bundle list, the default bundle), from the
 *   network when there is one, else the kept copy;
 * - `pass`: everything else (other origins, other bundles, POSTs) goes on as if there were no worker.
 */
export type RequestPlan = 'page' | 'hashed' | 'unhashed' | 'pass';

export function requestPlan(
  request: { url: string; method: string; mode: string },
  scope: string,
  manifest: BuildManifest,
): RequestPlan {
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return 'pass';
  const path = new URL(request.url).pathname.slice(new URL(scope).pathname.length);
  if (request.mode === 'navigate') return path === '' || path === 'index.html' ? 'page' : 'pass';
  if (path.startsWith(HASHED_DIR)) return 'hashed';
  return manifest.required.some((f) => f.path === path) ? 'unhashed' : 'pass';
}

/** Statuses whose responses have no body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * The response with the cross-origin isolation headers added, unless the server sent its own
 * embedder policy (then its choice stands) or the response cannot be rewritten (a redirect
 * answered to a navigation, an opaque response).
 */
export function withIsolation(response: Response): Response {
  if (
    response.status === 0 ||
    response.type === 'opaqueredirect' ||
    response.headers.has('Cross-Origin-Embedder-Policy')
  )
    return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(NULL_BODY.has(response.status) ? null : response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
