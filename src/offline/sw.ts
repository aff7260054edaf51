import type { BuildManifest, KeptFile } from './buildManifest';
import type { PageMessage, WorkerStatus } from './protocol';
import { appCacheName, requestPlan, staleCaches, withIsolation } from './swRules';

/**
 * The service worker, built into sw.js at the app's base (vite-plugins/serviceWorker.ts), which
 * writes this build's manifest into it as `self.__R2_BUILD__`. Two jobs:
 * - cross-origin isolation on any host: the isolation headers are added to the app's own
 *   responses, so the Qwen3 encoder gets WASM threads where the server sends no such headers;
 * - offline after one visit: the app shell and the default bundle are kept per build, and a new
 *   deployment's page is taken from the network whenever there is one.
 * Requests to other origins (the Hub, GitHub, LLM APIs) never pass through it.
 */

declare const self: ServiceWorkerGlobalScope & { __R2_BUILD__: BuildManifest };

const manifest = self.__R2_BUILD__;
const scope = self.registration.scope;
const cacheName = appCacheName(scope, manifest.build);
const urlOf = (file: KeptFile) => new URL(file.path, scope).href;
const optionalUrls = new Set(manifest.optional.map(urlOf));

async function sha256(data: ArrayBuffer): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetches and keeps one file of this build. A file without a hash in its name is fetched past
 * the HTTP cache and checked against this build's digest: a deployment replaced halfway through
 * an install fails the install (the next visit installs the newer build) instead of mixing the two.
 */
async function keep(cache: Cache, file: KeptFile): Promise<void> {
  const url = urlOf(file);
  if (await cache.match(url)) return;
  const response = await fetch(url, { cache: file.sha256 ? 'no-cache' : 'default' });
  if (!response.ok) throw new Error(`${file.path}: HTTP ${response.status}`);
  if (file.sha256 && (await sha256(await response.clone().arrayBuffer())) !== file.sha256)
    throw new Error(`${file.path} is not this build's (a newer deployment?)`);
  await cache.put(url, response);
}

/** A runtime the browser already downloaded for the page (before this worker controlled it) is kept without another download. */
async function keepIfAtHand(cache: Cache, file: KeptFile): Promise<void> {
  const url = urlOf(file);
  const response = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => null);
  if (response?.ok) await cache.put(url, response);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(cacheName).then(async (cache) => {
      await Promise.all(manifest.required.map((f) => keep(cache, f)));
      await Promise.all(manifest.optional.map((f) => keepIfAtHand(cache, f)));
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const stale = staleCaches(await caches.keys(), scope, manifest.build);
      await Promise.all(stale.map((name) => caches.delete(name)));
      // The first visit's page is controlled from now on, so what it fetches later is kept too.
      await self.clients.claim();
    })(),
  );
});

/** The network's answer (past the HTTP cache, which may hold a previous deployment's), or the kept copy offline. */
async function networkFirst(request: Request, kept: string): Promise<Response> {
  try {
    return await fetch(request, { cache: 'no-cache' });
  } catch (e) {
    const copy = await (await caches.open(cacheName)).match(kept);
    if (copy) return copy;
    throw e;
  }
}

async function hashed(request: Request): Promise<Response> {
  const copy = await caches.match(request.url);
  if (copy) return copy;
  const response = await fetch(request);
  if (response.ok && optionalUrls.has(request.url))
    await (await caches.open(cacheName)).put(request.url, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const plan = requestPlan(event.request, scope, manifest);
  if (plan === 'pass') return;
  const answer =
    plan === 'page'
      ? networkFirst(event.request, new URL('index.html', scope).href)
      : plan === 'unhashed'
        ? networkFirst(event.request, event.request.url)
        : hashed(event.request);
  event.respondWith(answer.then(withIsolation));
});

async function status(): Promise<WorkerStatus> {
  const cache = await caches.open(cacheName);
  const has = async (f: KeptFile) => (await cache.match(urlOf(f))) !== undefined;
  const required = await Promise.all(manifest.required.map(has));
  return {
    build: manifest.build,
    required: {
      files: manifest.required.length,
      bytes: manifest.required.reduce((sum, f) => sum + f.bytes, 0),
      kept: required.filter(Boolean).length,
    },
    optional: await Promise.all(
      manifest.optional.map(async (f) => ({ path: f.path, bytes: f.bytes, kept: await has(f) })),
    ),
  };
}

async function keepOptional(paths: readonly string[]): Promise<void> {
  const cache = await caches.open(cacheName);
  const files = manifest.optional.filter((f) => paths.includes(f.path));
  await Promise.all(files.map((f) => keep(cache, f).catch(() => undefined)));
}

self.addEventListener('message', (event) => {
  const message = event.data as PageMessage;
  const answer = () => status().then((s) => event.ports[0]?.postMessage(s));
  if (message.type === 'activate') event.waitUntil(self.skipWaiting());
  else if (message.type === 'status') event.waitUntil(answer());
  else if (message.type === 'keep') event.waitUntil(keepOptional(message.paths).then(answer));
});
