import { useEffect } from 'react';
import { create } from 'zustand';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Manifest } from '../bundle/manifest';
import { fetchBundle, type LoadedBundle } from '../bundle/fetchBundle';
import type { LoadInfo } from './client';
import { loadIntoWorker, takePreloaded } from './preload';
import { predictor } from './sharedClient';
import { encoderGate, useEncoder } from './useEncoder';

interface PredictorState {
  status: 'loading' | 'ready' | 'failed';
  /** The bundle the worker holds now. */
  key: string | null;
  manifest: Manifest | null;
  load: LoadInfo | null;
  /** Last bundle failure, kept on screen after falling back to the default. */
  error: string | null;
  /** Bundles picked from disk or imported in this tab, by key; they are not refetchable. */
  local: Map<string, LoadedBundle>;
  dismissError(): void;
  addLocal(bundle: LoadedBundle): void;
}

export const usePredictor = create<PredictorState>()((set, get) => ({
  status: 'loading',
  key: null,
  manifest: null,
  load: null,
  error: null,
  local: new Map(),
  dismissError: () => set({ error: null }),
  addLocal: (bundle) => set({ local: new Map(get().local).set(bundle.key, bundle) }),
}));

async function obtain(key: string): Promise<LoadedBundle> {
  if (!key.startsWith('local:')) return fetchBundle(key);
  const bundle = usePredictor.getState().local.get(key);
  if (!bundle) throw new Error('a bundle picked from disk is not kept across reloads: pick its folder again');
  return bundle;
}

/** Loads `bundleId` into the worker; a failing bundle reports why and hands back to the default. */
export function useBundleLoader(bundleId: string, fallBack: () => void): void {
  useEffect(() => {
    let cancelled = false;
    usePredictor.setState({ status: 'loading' });
    (async () => {
      try {
        const { bundle, load } = await (takePreloaded(bundleId) ?? loadIntoWorker(await obtain(bundleId)));
        if (!cancelled) usePredictor.setState({ status: 'ready', key: bundle.key, manifest: bundle.manifest, load });
      } catch (e) {
        if (cancelled) return;
        const message = `Bundle "${bundleId}" could not be loaded. ${(e as Error).message}`;
        usePredictor.setState({ status: 'failed', error: message });
        if (bundleId !== 'default') fallBack();
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [bundleId, fallBack]);
}

/** Predictions per (bundle, encoder, query), cached; the previous curves stay up while the next arrive. */
export function usePrediction(query: string) {
  const status = usePredictor((s) => s.status);
  const key = usePredictor((s) => s.key);
  const manifest = usePredictor((s) => s.manifest);
  const encoder = useEncoder((s) => s.info);
  const gate = encoderGate(manifest?.encoder ?? null, encoder);
  return useQuery({
    queryKey: ['predict', key, gate.key, query],
    queryFn: () => predictor().predict(query),
    enabled: status === 'ready' && key !== null && !gate.needed && query.trim().length > 0,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: false,
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === key ? keepPreviousData(previous) : undefined,
  });
}
