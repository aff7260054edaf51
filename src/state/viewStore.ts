import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { URL_SYNC_DELAY_MS } from '../config';
import type { Cap, CostUnit } from '../router/types';
import { browserStorage, migrateStorage, readJson, STORAGE_KEYS, writeItem } from './storage';
import { isTooLongForLink, keepQuery, keptQueryOf } from './keptQuery';
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
  /** Guess mode's next question: the setup it replaces comes back when guess mode ends. */
  nextQuestion: (patch: ViewPatch) => void;
  /** Back or Forward: the modes and the view of the history entry, each through its own action. */
  restoreNavigation: (entry: Partial<ViewState>) => void;
  /** Puts back the view the tour or guess mode left, after closing them restored the person's setup. */
  undoRestore: () => void;
  /** Drops the note that a setup was restored. */
  forgetRestore: () => void;
  overrideModel: (name: string, change: PoolOverride) => void;
  resetPool: () => void;
}

/** What the tour and guess mode may change, and put back as it was when they end. */
export type Setup = Required<ViewPatch>;

/** Beside the view, never in a link: what the page says about how it got here. */
export interface ViewNotes {
  /** The link named a query too long for it, kept on another device: it was left out. */
  queryLeftOut: boolean;
  /** The person's setup was just put back as the tour or guess mode ended; `replaced` is what they left. */
  restored: { by: 'tour' | 'guess'; setup: Setup; replaced: Setup } | null;
}

export type ViewStore = ViewState & ViewActions & ViewNotes;

export function setupOf(v: ViewState): Setup {
  return { query: v.query, lambda: v.lambda, capKind: v.capKind, cap: v.cap, xAxis: v.xAxis, continuous: v.continuous };
}

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

/**
 * The view: the link wins (a query too long for it comes from this device), then the pool saved
 * on this device for the link's bundle, then defaults.
 */
export function createViewStore({ storage, search }: ViewStoreDeps): StoreApi<ViewStore> {
  migrateStorage(storage);
  const fromLink = searchToView(search);
  const bundleId = bundleIdOf(fromLink);
  const kept = fromLink.query === undefined ? keptQueryOf(storage, search) : null;
  const start: ViewState = {
    ...DEFAULT_VIEW,
    pool: savedPool(storage, bundleId),
    ...fromLink,
    ...(kept && 'query' in kept ? { query: kept.query } : {}),
    bundleId,
  };
  // What the person had set before the tour or guess mode changed it; a link into the tour counts its own view.
  let beforeTour: Setup | null = start.tour === null ? null : setupOf(start);
  let beforeGuess: Setup | null = null;
  return createStore<ViewStore>()((set, get) => {
    /** Puts a setup back, remembering what it replaces so the person can keep that instead. */
    const restore = (by: 'tour' | 'guess', setup: Setup, modes: Partial<ViewState>) =>
      set({ ...modes, ...setup, restored: { by, setup, replaced: setupOf(get()) } });
    return {
      ...start,
      queryLeftOut: kept !== null && 'leftOut' in kept,
      restored: null,
      setQuery: (query) => set({ query, queryLeftOut: false }),
      setLambda: (lambda) => set({ lambda: Math.min(1, Math.max(0, lambda)) }),
      setCapKind: (capKind) => set({ capKind, cap: null }),
      setCap: (cap) => set({ cap }),
      setXAxis: (xAxis) => set({ xAxis }),
      setContinuous: (continuous) => set({ continuous }),
      setPresent: (present) => set({ present }),
      setAppRules: (appRules) => set({ appRules }),
      setView: (view) => set({ view }),
      setBundleId: (id) => set({ bundleId: id, pool: savedPool(storage, id) }),
      setTour: (tour) => {
        const open = get().tour !== null;
        if (tour !== null && !open) beforeTour = setupOf(get());
        if (tour === null && open && beforeTour !== null) restore('tour', beforeTour, { tour });
        else set({ tour });
        if (tour === null) beforeTour = null;
      },
      setGuess: (guess) => {
        if (!guess && beforeGuess !== null) restore('guess', beforeGuess, { guess });
        else set({ guess });
        if (!guess) beforeGuess = null;
      },
      setEmbeddingsServer: (server) =>
        set({ embeddingsUrl: server?.url.trim() ?? null, embeddingsModel: server?.model.trim() ?? null }),
      applyView: (patch) => set(patch),
      nextQuestion: (patch) => {
        beforeGuess ??= setupOf(get());
        set(patch);
      },
      restoreNavigation: (entry) => {
        const { setView, setPresent, setTour, setGuess } = get();
        setView(entry.view ?? DEFAULT_VIEW.view);
        setPresent(entry.present ?? DEFAULT_VIEW.present);
        setTour(entry.tour ?? DEFAULT_VIEW.tour);
        setGuess(entry.guess ?? DEFAULT_VIEW.guess);
      },
      undoRestore: () => {
        const restored = get().restored;
        if (restored) set({ ...restored.replaced, restored: null });
      },
      forgetRestore: () => set({ restored: null }),
      overrideModel: (name, change) => {
        const pool = { ...get().pool, [name]: { ...get().pool[name], ...change } };
        savePool(storage, get().bundleId, pool);
        set({ pool });
      },
      resetPool: () => {
        savePool(storage, get().bundleId, {});
        set({ pool: {} });
      },
    };
  });
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

/** The fields that make a new place to go Back from: the view, the stage, the tour (and its step) and guess mode. */
const NAVIGATION = ['view', 'present', 'tour', 'guess'] as const;

/**
 * Keeps the address bar in step with the view. A change of place (NAVIGATION) pushes a history
 * entry at once; λ, cap, query and pool edits replace the current one, batched so slider drags
 * don't flood history. Back and Forward bring each entry's place back and keep the rest as it is
 * now (a workload loaded in the tab stays). A query too long for the link is kept on this device.
 */
export function syncViewToUrl(
  store: StoreApi<ViewStore> = viewStore,
  delayMs = URL_SYNC_DELAY_MS,
  storage: Storage | null = browserStorage(),
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let travelling = false;
  const write = (view: ViewStore, push: boolean) => {
    if (isTooLongForLink(view.query)) keepQuery(storage, view.query);
    const url = viewToSearch(view) + location.hash;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  };
  const unsubscribe = store.subscribe((view, before) => {
    clearTimeout(timer);
    if (!travelling && NAVIGATION.some((k) => view[k] !== before[k])) write(view, true);
    else timer = setTimeout(() => write(store.getState(), false), delayMs);
  });
  const onPopState = () => {
    travelling = true;
    try {
      store.getState().restoreNavigation(searchToView(location.search));
    } finally {
      travelling = false;
    }
  };
  window.addEventListener('popstate', onPopState);
  return () => {
    clearTimeout(timer);
    unsubscribe();
    window.removeEventListener('popstate', onPopState);
  };
}
