import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { browserStorage, migrateStorage, readItem, readJson, STORAGE_KEYS, writeItem } from '../state/storage';
import { DEFAULT_SETTINGS, type DispatchSettings } from './settings';

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

/** What was saved, field by field: a field of the wrong type falls back to its default alone. */
const storedSchema = z.object({
  endpoint: z.string().optional().catch(undefined),
  extraHeaders: z.string().optional().catch(undefined),
  stream: z.boolean().optional().catch(undefined),
  timeoutSeconds: z.number().optional().catch(undefined),
});

function readStored(storage: Storage | null): Partial<Stored> {
  const stored = readJson(storage, STORAGE_KEYS.dispatchSettings, storedSchema) ?? {};
  return Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== undefined));
}

export function createSettingsStore(storage: Storage | null): StoreApi<SettingsState> {
  migrateStorage(storage);
  const rememberedKey = readItem(storage, STORAGE_KEYS.rememberedApiKey);
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
    writeItem(storage, STORAGE_KEYS.dispatchSettings, JSON.stringify(stored));
    writeItem(storage, STORAGE_KEYS.rememberedApiKey, s.remember && s.apiKey ? s.apiKey : null);
  });
  return store;
}

/** The app's one settings store. */
export const dispatchSettingsStore = createSettingsStore(browserStorage());
