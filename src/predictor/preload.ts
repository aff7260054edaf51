import { AUTHORS_RELEASE } from '../bundle/authorsRelease';
import { fetchBundle, type LoadedBundle } from '../bundle/fetchBundle';
import { isLocalBundle } from '../config';
import type { LoadInfo } from './client';
import { predictor } from './sharedClient';

export interface LoadedIntoWorker {
  bundle: LoadedBundle;
  load: LoadInfo;
}

export async function loadIntoWorker(bundle: LoadedBundle): Promise<LoadedIntoWorker> {
  // The worker takes ownership of the buffer it is sent; keep ours for later switches.
  return { bundle, load: await predictor().load(bundle.manifest, bundle.onnx.slice(0)) };
}

const early = new Map<string, Promise<LoadedIntoWorker>>();

/**
 * Starts the worker, downloads the bundle and hands it to the worker from the page's small
 * entry chunk, before the app's own code has arrived: the runtime, the bundle and the UI
 * load side by side.
 */
export function preloadPredictor(bundleId: string): void {
  predictor();
  // Only a bundle served with the app: the authors' release needs the importer, which the app loads.
  if (!isLocalBundle(bundleId) && bundleId !== AUTHORS_RELEASE.id) {
    const pending = fetchBundle(bundleId).then(loadIntoWorker);
    pending.catch(() => undefined); // reported when the loader takes it
    early.set(bundleId, pending);
  }
}

/** What preloadPredictor started for `key`, once; null when it started nothing. */
export function takePreloaded(key: string): Promise<LoadedIntoWorker> | null {
  const pending = early.get(key) ?? null;
  early.delete(key);
  return pending;
}
