import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_SETTINGS, type DispatchSettings } from './settings';

/** Endpoint, extra headers, streaming and timeout: never the key. */
export const SETTINGS_STORAGE_KEY = 'r2-playground.dispatch.settings';
/** The API key, present only while "remember on this device" is ticked. */
export const REMEMBERED_KEY_STORAGE_KEY = 'r2-playground.dispatch.remembered-api-key';

export interface SettingsState extends DispatchSettings {
  /** Keep the key in this browser's localStorage. */
  remember: boolean;
  update: (patch: Partial<Omit<DispatchSettings, 'apiKey'>>) => void;
  setApiKey: (apiKey: string) => void;
  setRemember: (remember: boolean) => void;
  /** Clears the key from memory and from storage. */
  forget: () => void;
}

type Stored = Omit<DispatchSettings, 'apiKey'>;

/** Storage can throw (private modes, quota, blocked cookies); settings then simply live in memory. */
function read(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function readStored(storage: Storage | null): Partial<Stored> {
  try {
    const raw: unknown = JSON.parse(read(storage, SETTINGS_STORAGE_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return {};
    const r = raw as Record<string, unknown>;
    return {
      ...(typeof r.endpoint === 'string' ? { endpoint: r.endpoint } : {}),
      ...(typeof r.extraHeaders === 'string' ? { extraHeaders: r.extraHeaders } : {}),
      ...(typeof r.stream === 'boolean' ? { stream: r.stream } : {}),
      ...(typeof r.timeoutSeconds === 'number' ? { timeoutSeconds: r.timeoutSeconds } : {}),
    };
  } catch {
    return {};
  }
}

function write(storage: Storage | null, action: (s: Storage) => void): void {
  if (!storage) return;
  try {
    action(storage);
  } catch {
    // Nothing to recover: the in-memory settings stay correct.
  }
}

export function createSettingsStore(storage: Storage | null): StoreApi<SettingsState> {
  const rememberedKey = read(storage, REMEMBERED_KEY_STORAGE_KEY);
  const store = createStore<SettingsState>()((set) => ({
    ...DEFAULT_SETTINGS,
    ...readStored(storage),
    apiKey: rememberedKey ?? '',
    remember: rememberedKey !== null,
    update: (patch) => set(patch),
    setApiKey: (apiKey) => set({ apiKey }),
    setRemember: (remember) => set({ remember }),
    forget: () => set({ apiKey: '', remember: false }),
  }));
  store.subscribe((s) => {
    const stored: Stored = {
      endpoint: s.endpoint,
      extraHeaders: s.extraHeaders,
      stream: s.stream,
      timeoutSeconds: s.timeoutSeconds,
    };
    write(storage, (st) => st.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(stored)));
    write(storage, (st) =>
      s.remember && s.apiKey
        ? st.setItem(REMEMBERED_KEY_STORAGE_KEY, s.apiKey)
        : st.removeItem(REMEMBERED_KEY_STORAGE_KEY),
    );
  });
  return store;
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The app's one settings store. */
export const dispatchSettingsStore = createSettingsStore(browserStorage());
