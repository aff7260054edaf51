import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { AUTHORS_RELEASE, type ReleaseStatus } from '../bundle/authorsRelease';
import type { Manifest } from '../bundle/manifest';
import { fetchBundle, type LoadedBundle } from '../bundle/fetchBundle';
import { DEFAULT_BUNDLE_ID, isLocalBundle } from '../config';
import type { LoadInfo } from './client';
import { loadIntoWorker, takePreloaded } from './preload';

export interface PredictorState {
  status: 'loading' | 'ready' | 'failed';
  /** The bundle the worker holds now. */
  key: string | null;
  manifest: Manifest | null;
  load: LoadInfo | null;
  /** Last bundle failure, kept on screen after falling back to the default. */
  error: string | null;
  /** Bundles picked from disk or imported in this tab, by key; they are not refetchable. */
  local: Map<string, LoadedBundle>;
  /** The authors' release's download, once it has been asked for. */
  release: ReleaseStatus | null;
  dismissError: () => void;
  addLocal: (bundle: LoadedBundle) => void;
}

/** The predictor as the page sees it: which bundle the worker holds, and how loading went. */
export function createPredictorStore(): StoreApi<PredictorState> {
  return createStore<PredictorState>()((set, get) => ({
    status: 'loading',
    key: null,
    manifest: null,
    load: null,
    error: null,
    local: new Map(),
    release: null,
    dismissError: () => set({ error: null }),
    addLocal: (bundle) => set({ local: new Map(get().local).set(bundle.key, bundle) }),
  }));
}

/** The page's one predictor store. */
export const predictorStore = createPredictorStore();

export function usePredictor<T>(selector: (state: PredictorState) => T): T {
  return useStore(predictorStore, selector);
}

const RELEASE_STARTED: ReleaseStatus = { state: 'downloading', progress: null, warnings: [] };

/** Downloads (or reads from the cache) and imports the authors' release, reporting progress to the store. */
async function obtainAuthorsRelease(): Promise<LoadedBundle> {
  const report = (next: Partial<ReleaseStatus>) =>
    predictorStore.setState((s) => ({ release: { ...(s.release ?? RELEASE_STARTED), ...next } }));
  predictorStore.setState({ release: RELEASE_STARTED });
  try {
    // The importer (pickle reader, ONNX writer) loads only when this bundle is picked.
    const { fetchAuthorsRelease } = await import('../bundle/fetchAuthorsRelease');
    const { bundle, warnings } = await fetchAuthorsRelease((progress) => report({ progress }));
    report({ state: 'ready', warnings });
    return bundle;
  } catch (e) {
    report({ state: 'failed' });
    throw e;
  }
}

async function obtain(key: string): Promise<LoadedBundle> {
  if (key === AUTHORS_RELEASE.id) return obtainAuthorsRelease();
  if (!isLocalBundle(key)) return fetchBundle(key);
  const bundle = predictorStore.getState().local.get(key);
  if (!bundle) throw new Error('a bundle picked from disk is not kept across reloads: pick its folder again');
  return bundle;
}

/** Loads `bundleId` into the worker; a failing bundle reports why and hands back to the default. */
export function useBundleLoader(bundleId: string, fallBack: () => void): void {
  useEffect(() => {
    let cancelled = false;
    predictorStore.setState({ status: 'loading' });
    void (async () => {
      try {
        let loading = takePreloaded(bundleId);
        if (!loading) {
          const obtained = await obtain(bundleId);
          // A bundle left while it downloaded must not replace, in the worker, the one picked since.
          if (cancelled) return;
          loading = loadIntoWorker(obtained);
        }
        const { bundle, load } = await loading;
        if (!cancelled) predictorStore.setState({ status: 'ready', key: bundle.key, manifest: bundle.manifest, load });
      } catch (e) {
        if (cancelled) return;
        const name = bundleId === AUTHORS_RELEASE.id ? AUTHORS_RELEASE.title : `Bundle "${bundleId}"`;
        predictorStore.setState({ status: 'failed', error: `${name} could not be loaded. ${(e as Error).message}` });
        if (bundleId !== DEFAULT_BUNDLE_ID) fallBack();
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [bundleId, fallBack]);
}
