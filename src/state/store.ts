import { create } from 'zustand';
import type { Cap } from '../router/types';
import type { CapKind } from '../router/capScale';
import { bundleIdOf, searchToView, viewToSearch } from './url';
import {
  DEFAULT_VIEW,
  poolOverridesSchema,
  type AxisMode,
  type PoolOverride,
  type PoolOverrides,
  type ViewState,
} from './viewState';

interface ViewActions {
  setQuery: (query: string) => void;
  setLambda: (lambda: number) => void;
  setCapKind: (kind: CapKind) => void;
  setCap: (cap: Cap) => void;
  setXAxis: (mode: AxisMode) => void;
  setContinuous: (on: boolean) => void;
  setPresent: (on: boolean) => void;
  setBundleId: (id: string) => void;
  overrideModel: (name: string, change: PoolOverride) => void;
  resetPool: () => void;
}

const poolKey = (bundleId: string) => `r2-playground:pool:${bundleId}`;

function savedPool(bundleId: string): PoolOverrides {
  try {
    const parsed = poolOverridesSchema.safeParse(JSON.parse(localStorage.getItem(poolKey(bundleId)) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function savePool(bundleId: string, pool: PoolOverrides): void {
  try {
    if (Object.keys(pool).length) localStorage.setItem(poolKey(bundleId), JSON.stringify(pool));
    else localStorage.removeItem(poolKey(bundleId));
  } catch {
    // Storage can be full or disabled; the pool still lives in the URL.
  }
}

/** The initial view: the link wins, then the pool saved on this device, then defaults. */
function initialView(): ViewState {
  const fromUrl = typeof location === 'undefined' ? {} : searchToView(location.search);
  const bundleId = bundleIdOf(fromUrl);
  return { ...DEFAULT_VIEW, pool: savedPool(bundleId), ...fromUrl, bundleId };
}

export const useView = create<ViewState & ViewActions>()((set, get) => ({
  ...initialView(),
  setQuery: (query) => set({ query }),
  setLambda: (lambda) => set({ lambda: Math.min(1, Math.max(0, lambda)) }),
  setCapKind: (capKind) => set({ capKind, cap: null }),
  setCap: (cap) => set({ cap }),
  setXAxis: (xAxis) => set({ xAxis }),
  setContinuous: (continuous) => set({ continuous }),
  setPresent: (present) => set({ present }),
  setBundleId: (bundleId) => set({ bundleId, pool: savedPool(bundleId) }),
  overrideModel: (name, change) => {
    const pool = { ...get().pool, [name]: { ...get().pool[name], ...change } };
    savePool(get().bundleId, pool);
    set({ pool });
  },
  resetPool: () => {
    savePool(get().bundleId, {});
    set({ pool: {} });
  },
}));

/** Keeps the address bar in step with the view, batched so slider drags don't flood history. */
export function syncViewToUrl(delayMs = 200): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return useView.subscribe((view) => {
    clearTimeout(timer);
    timer = setTimeout(() => history.replaceState(null, '', viewToSearch(view) + location.hash), delayMs);
  });
}
