import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { URL_SYNC_DELAY_MS } from '../config';
import type { Cap, CostUnit } from '../router/types';
import { browserStorage, migrateStorage, readJson, STORAGE_KEYS, writeItem } from './storage';
import { bundleIdOf, searchToView, viewToSearch } from './url';
import {
  DEFAULT_VIEW,
  poolOverridesSchema,
  type PoolOverride,
  type PoolOverrides,
  type ViewPatch,
  type ViewState,
} from './viewState';

export interface ViewActions {
  setQuery: (query: string) => void;
  setLambda: (lambda: number) => void;
  setCapKind: (kind: CostUnit) => void;
  setCap: (cap: Cap) => void;
  setXAxis: (mode: CostUnit) => void;
  setContinuous: (on: boolean) => void;
  setPresent: (on: boolean) => void;
  setAppRules: (on: boolean) => void;
  setView: (view: ViewState['view']) => void;
  setBundleId: (id: string) => void;
  setTour: (step: number | null) => void;
  setGuess: (on: boolean) => void;
  /** The embeddings server the encoder now is, or null when it is not one. */
  setEmbeddingsServer: (server: { url: string; model: string } | null) => void;
  /** Several fields at once, as a tour step sets them. */
  applyView: (patch: ViewPatch) => void;
  overrideModel: (name: string, change: PoolOverride) => void;
  resetPool: () => void;
}

export type ViewStore = ViewState & ViewActions;

export interface ViewStoreDeps {
  /** Where pool edits are saved per bundle; null keeps them in memory only. */
  storage: Storage | null;
  /** The link the page was opened with (location.search). */
  search: string;
}

function savedPool(storage: Storage | null, bundleId: string): PoolOverrides {
  return readJson(storage, STORAGE_KEYS.pool(bundleId), poolOverridesSchema) ?? {};
}

function savePool(storage: Storage | null, bundleId: string, pool: PoolOverrides): void {
  writeItem(storage, STORAGE_KEYS.pool(bundleId), Object.keys(pool).length ? JSON.stringify(pool) : null);
}

/** The view: the link wins, then the pool saved on this device for the link's bundle, then defaults. */
export function createViewStore({ storage, search }: ViewStoreDeps): StoreApi<ViewStore> {
  migrateStorage(storage);
  const fromLink = searchToView(search);
  const bundleId = bundleIdOf(fromLink);
  return createStore<ViewStore>()((set, get) => ({
    ...DEFAULT_VIEW,
    pool: savedPool(storage, bundleId),
    ...fromLink,
    bundleId,
    setQuery: (query) => set({ query }),
    setLambda: (lambda) => set({ lambda: Math.min(1, Math.max(0, lambda)) }),
    setCapKind: (capKind) => set({ capKind, cap: null }),
    setCap: (cap) => set({ cap }),
    setXAxis: (xAxis) => set({ xAxis }),
    setContinuous: (continuous) => set({ continuous }),
    setPresent: (present) => set({ present }),
    setAppRules: (appRules) => set({ appRules }),
    setView: (view) => set({ view }),
    setBundleId: (id) => set({ bundleId: id, pool: savedPool(storage, id) }),
    setTour: (tour) => set({ tour }),
    setGuess: (guess) => set({ guess }),
    setEmbeddingsServer: (server) =>
      set({ embeddingsUrl: server?.url.trim() ?? null, embeddingsModel: server?.model.trim() ?? null }),
    applyView: (patch) => set(patch),
    overrideModel: (name, change) => {
      const pool = { ...get().pool, [name]: { ...get().pool[name], ...change } };
      savePool(storage, get().bundleId, pool);
      set({ pool });
    },
    resetPool: () => {
      savePool(storage, get().bundleId, {});
      set({ pool: {} });
    },
  }));
}

/** The page's one view store. */
export const viewStore = createViewStore({
  storage: browserStorage(),
  search: typeof location === 'undefined' ? '' : location.search,
});

/** One field (or a derived value) of the view; a component re-renders only when it changes. */
export function useView<T>(selector: (view: ViewStore) => T): T {
  return useStore(viewStore, selector);
}

/** Keeps the address bar in step with the view, batched so slider drags don't flood history. */
export function syncViewToUrl(store: StoreApi<ViewStore> = viewStore, delayMs = URL_SYNC_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return store.subscribe((view) => {
    clearTimeout(timer);
    timer = setTimeout(() => history.replaceState(null, '', viewToSearch(view) + location.hash), delayMs);
  });
}
