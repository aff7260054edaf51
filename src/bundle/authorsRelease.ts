import type { DownloadProgress } from './releaseDownload';

/**
 * The R2-Router its authors released, as a built-in bundle: fetched in the page from their
 * public repository at one commit and imported there. Nothing of it is in this repository
 * but the digests of its files. This module stays small: the page's entry chunk reads it.
 */

export const AUTHORS_RELEASE = {
  id: 'r2-router',
  title: 'R2-Router (released by the authors)',
  repo: 'UCF-ML-Research/R2-Router',
  commit: 'b0b2291aeee08feb4bedbd199ab014ec60d0004f',
  /** The Cache Storage bucket that keeps the downloaded files, so that later visits work offline. */
  cache: 'r2-router-release',
} as const;

/** The release folder (config.json, checkpoints/) in the repository at the pinned commit. */
export const RELEASE_BASE = `https://raw.githubusercontent.com/${AUTHORS_RELEASE.repo}/${AUTHORS_RELEASE.commit}/r2_router/`;

export const RELEASE_PIN = `commit ${AUTHORS_RELEASE.commit.slice(0, 7)} of ${AUTHORS_RELEASE.repo}`;

/** Where the page stands with the release: shown beside the bundle picker. */
export interface ReleaseStatus {
  state: 'downloading' | 'ready' | 'failed';
  /** Null until the list of pinned files has been read. */
  progress: DownloadProgress | null;
  warnings: string[];
}

/** Cache Storage exists only in secure contexts; without it every visit downloads the release. */
function cacheStorage(): CacheStorage | null {
  return typeof caches === 'undefined' ? null : caches;
}

export async function openReleaseCache(): Promise<Cache | null> {
  try {
    return (await cacheStorage()?.open(AUTHORS_RELEASE.cache)) ?? null;
  } catch {
    // Some private modes refuse storage; the release still loads, from the network.
    return null;
  }
}

/** Whether this browser keeps any file of the release. */
export async function releaseCached(): Promise<boolean> {
  const storage = cacheStorage();
  if (!storage || !(await storage.has(AUTHORS_RELEASE.cache))) return false;
  return (await (await storage.open(AUTHORS_RELEASE.cache)).keys()).length > 0;
}

export async function forgetRelease(): Promise<void> {
  await cacheStorage()?.delete(AUTHORS_RELEASE.cache);
}
