import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { DEFAULT_SERVER_URL } from '../encoder/server/serverUrl';
import { DEFAULT_SERVER_MODEL, SERVER_DEFAULTS, type ServerSettings } from '../encoder/server/settings';
import { browserStorage, readJson, STORAGE_KEYS, writeItem } from '../state/storage';

/**
 * The embeddings server the encoder panel connects to. The base URL, model id, batch and
 * concurrency are saved on this device; the key follows the dispatch key's rules (memory only
 * unless "remember" is ticked) and one more: it belongs to the server origin it was typed for,
 * so a base URL on another origin (typed, or from a link) never gets it.
 */

export interface ServerSettingsState extends ServerSettings {
  /** Keep the key in this browser's localStorage. */
  remember: boolean;
  /** The origin the key in memory was typed for. */
  keyOrigin: string | null;
  update: (patch: Partial<Omit<ServerSettings, 'apiKey'>>) => void;
  setApiKey: (apiKey: string) => void;
  setRemember: (remember: boolean) => void;
  /** Clears the key from memory and from storage. */
  forget: () => void;
}

type Stored = Omit<ServerSettings, 'apiKey'>;

/** Field by field: a field of the wrong type falls back to its default alone. */
const storedSchema = z.object({
  baseUrl: z.string().optional().catch(undefined),
  model: z.string().optional().catch(undefined),
  batch: z.number().optional().catch(undefined),
  concurrency: z.number().optional().catch(undefined),
  timeoutSeconds: z.number().optional().catch(undefined),
});
const rememberedSchema = z.object({ origin: z.string(), key: z.string() });

export const DEFAULT_SERVER_SETTINGS: Stored = {
  baseUrl: DEFAULT_SERVER_URL,
  model: DEFAULT_SERVER_MODEL,
  batch: SERVER_DEFAULTS.batch,
  concurrency: SERVER_DEFAULTS.concurrency,
  timeoutSeconds: SERVER_DEFAULTS.timeoutSeconds,
};

function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url.trim());
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function createServerSettingsStore(storage: Storage | null): StoreApi<ServerSettingsState> {
  const stored = readJson(storage, STORAGE_KEYS.encoderServer, storedSchema) ?? {};
  const settings: Stored = {
    ...DEFAULT_SERVER_SETTINGS,
    ...Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== undefined)),
  };
  const remembered = () => readJson(storage, STORAGE_KEYS.rememberedEncoderKey, rememberedSchema);
  const keyFor = (origin: string | null) => {
    const r = remembered();
    return r && r.origin === origin ? r.key : '';
  };
  const writeKey = (s: Pick<ServerSettingsState, 'remember' | 'apiKey' | 'keyOrigin'>) =>
    writeItem(
      storage,
      STORAGE_KEYS.rememberedEncoderKey,
      s.remember && s.apiKey && s.keyOrigin ? JSON.stringify({ origin: s.keyOrigin, key: s.apiKey }) : null,
    );

  const origin = originOf(settings.baseUrl);
  const store = createStore<ServerSettingsState>()((set, get) => ({
    ...settings,
    apiKey: keyFor(origin),
    keyOrigin: origin,
    remember: remembered() !== null,
    update: (patch) =>
      set((s) => {
        const next = patch.baseUrl === undefined ? null : originOf(patch.baseUrl);
        // Another server: the key typed for the last one stays behind; one remembered for this one comes back.
        return next === null || next === s.keyOrigin ? patch : { ...patch, apiKey: keyFor(next), keyOrigin: next };
      }),
    setApiKey: (apiKey) => {
      set({ apiKey, keyOrigin: originOf(get().baseUrl) });
      writeKey(get());
    },
    setRemember: (remember) => {
      set({ remember });
      writeKey(get());
    },
    forget: () => {
      set({ apiKey: '', remember: false });
      writeKey(get());
    },
  }));
  store.subscribe((s) => {
    const { baseUrl, model, batch, concurrency, timeoutSeconds } = s;
    const saved: Stored = { baseUrl, model, batch, concurrency, timeoutSeconds };
    writeItem(storage, STORAGE_KEYS.encoderServer, JSON.stringify(saved));
  });
  return store;
}

/** The page's one embeddings-server settings store. */
export const serverSettingsStore = createServerSettingsStore(browserStorage());

export function useServerSettings<T>(selector: (s: ServerSettingsState) => T): T {
  return useStore(serverSettingsStore, selector);
}
