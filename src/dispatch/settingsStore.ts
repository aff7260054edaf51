import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { browserStorage, migrateStorage, readItem, readJson, STORAGE_KEYS, writeItem } from '../state/storage';
import { PROVIDER_IDS, PROVIDERS, presetForEndpoint, type ModelIdEdits, type ProviderId } from './providers';
import { DEFAULT_SETTINGS, isLoopback, type DispatchSettings } from './settings';

export interface SettingsState extends DispatchSettings {
  /** Keep the key in this browser's localStorage. */
  remember: boolean;
  /** The person's edits to each provider's model ids (pool name → id). */
  modelIds: ModelIdEdits;
  /** Picks a preset: its base URL replaces the endpoint (custom keeps the one typed). */
  choosePreset: (provider: ProviderId) => void;
  /** Sets the id a provider gets for a pool LLM; a blank one means the preset's. */
  setModelId: (provider: ProviderId, poolName: string, id: string) => void;
  /** Back to the preset's model ids. */
  resetModelIds: (provider: ProviderId) => void;
  update: (patch: Partial<Omit<DispatchSettings, 'apiKey' | 'provider'>>) => void;
  setApiKey: (apiKey: string) => void;
  setRemember: (remember: boolean) => void;
  /** Clears the key from memory and from storage. */
  forget: () => void;
}

type Stored = Omit<DispatchSettings, 'apiKey'> & { modelIds: ModelIdEdits };

/** What was saved, field by field: a field of the wrong type falls back to its default alone. */
const storedSchema = z.object({
  endpoint: z.string().optional().catch(undefined),
  extraHeaders: z.string().optional().catch(undefined),
  stream: z.boolean().optional().catch(undefined),
  timeoutSeconds: z.number().optional().catch(undefined),
  provider: z.enum(PROVIDER_IDS).optional().catch(undefined),
  modelIds: z.partialRecord(z.enum(PROVIDER_IDS), z.record(z.string(), z.string())).optional().catch(undefined),
});

function readStored(storage: Storage | null): Partial<Stored> {
  const stored = readJson(storage, STORAGE_KEYS.dispatchSettings, storedSchema) ?? {};
  const kept: Partial<Stored> = Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== undefined));
  // Settings saved before presets existed name no provider: the endpoint says which it is.
  return { provider: presetForEndpoint(kept.endpoint ?? DEFAULT_SETTINGS.endpoint), ...kept };
}

/**
 * The preset after the base URL was edited: the preset it now matches; a local preset keeps
 * its model names on another loopback port; anything else is a custom URL.
 */
function providerAfterEdit(current: ProviderId, endpoint: string): ProviderId {
  const matched = presetForEndpoint(endpoint);
  if (matched !== 'custom') return matched;
  return PROVIDERS[current].local && isLoopback(endpoint) ? current : 'custom';
}

export function createSettingsStore(storage: Storage | null): StoreApi<SettingsState> {
  migrateStorage(storage);
  const rememberedKey = readItem(storage, STORAGE_KEYS.rememberedApiKey);
  const store = createStore<SettingsState>()((set) => ({
    ...DEFAULT_SETTINGS,
    apiKey: rememberedKey ?? '',
    remember: rememberedKey !== null,
    modelIds: {},
    ...readStored(storage),
    choosePreset: (provider) =>
      set((s) => ({ provider, endpoint: provider === 'custom' ? s.endpoint : PROVIDERS[provider].baseUrl })),
    setModelId: (provider, poolName, id) =>
      set((s) => ({ modelIds: { ...s.modelIds, [provider]: { ...s.modelIds[provider], [poolName]: id } } })),
    resetModelIds: (provider) =>
      set((s) => {
        const { [provider]: _dropped, ...rest } = s.modelIds;
        return { modelIds: rest };
      }),
    update: (patch) =>
      set((s) =>
        patch.endpoint === undefined ? patch : { ...patch, provider: providerAfterEdit(s.provider, patch.endpoint) },
      ),
    setApiKey: (apiKey) => set({ apiKey }),
    setRemember: (remember) => set({ remember }),
    forget: () => set({ apiKey: '', remember: false }),
  }));
  store.subscribe((s) => {
    const stored: Stored = {
      provider: s.provider,
      modelIds: s.modelIds,
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
