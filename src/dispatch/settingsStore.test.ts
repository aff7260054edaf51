import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsProblems } from './settings';
import { STORAGE_KEYS } from '../state/storage';
import { MemoryStorage } from '../state/testing/memoryStorage';
import { createSettingsStore } from './settingsStore';

const SETTINGS_STORAGE_KEY = STORAGE_KEYS.dispatchSettings;
const REMEMBERED_KEY_STORAGE_KEY = STORAGE_KEYS.rememberedApiKey;

const KEY = 'sk-test-not-a-real-key-123';

describe('settings store', () => {
  it('starts from the defaults with no key', () => {
    const s = createSettingsStore(new MemoryStorage()).getState();
    expect(s.endpoint).toBe('https://openrouter.ai/api/v1');
    expect(s.apiKey).toBe('');
    expect(s.remember).toBe(false);
  });

  it('keeps the key in memory only unless remember is ticked', () => {
    const storage = new MemoryStorage();
    const store = createSettingsStore(storage);
    store.getState().setApiKey(KEY);
    store.getState().update({ endpoint: 'http://127.0.0.1:9000/v1', extraHeaders: 'X-Title: t' });
    expect(store.getState().apiKey).toBe(KEY);
    expect(storage.dump()).not.toContain(KEY);
    expect(JSON.parse(storage.getItem(SETTINGS_STORAGE_KEY)!)).toEqual({
      provider: 'custom',
      modelIds: {},
      endpoint: 'http://127.0.0.1:9000/v1',
      extraHeaders: 'X-Title: t',
      stream: true,
      timeoutSeconds: 90,
    });
    const reloaded = createSettingsStore(storage).getState();
    expect(reloaded.endpoint).toBe('http://127.0.0.1:9000/v1');
    expect(reloaded.apiKey).toBe('');
  });

  it('a preset sets the base URL; editing it keeps a local preset on another port, else becomes custom', () => {
    const store = createSettingsStore(new MemoryStorage());
    store.getState().choosePreset('groq');
    expect(store.getState()).toMatchObject({ provider: 'groq', endpoint: 'https://api.groq.com/openai/v1' });
    store.getState().choosePreset('ollama');
    store.getState().update({ endpoint: 'http://127.0.0.1:11500/v1' });
    expect(store.getState().provider).toBe('ollama');
    store.getState().update({ endpoint: 'https://api.deepinfra.com/v1/openai' });
    expect(store.getState().provider).toBe('deepinfra');
    store.getState().update({ endpoint: 'https://llm.example.org/v1' });
    expect(store.getState().provider).toBe('custom');
    store.getState().choosePreset('custom');
    expect(store.getState().endpoint).toBe('https://llm.example.org/v1');
  });

  it('saves model-id edits per provider, never the key, and resets them', () => {
    const storage = new MemoryStorage();
    const store = createSettingsStore(storage);
    store.getState().setApiKey(KEY);
    store.getState().setModelId('together', 'Qwen3-0.6B', 'Qwen/Qwen3-0.6B-Turbo');
    store.getState().setModelId('ollama', 'Qwen3-0.6B', '');
    const reloaded = createSettingsStore(storage).getState();
    expect(reloaded.modelIds).toEqual({
      together: { 'Qwen3-0.6B': 'Qwen/Qwen3-0.6B-Turbo' },
      ollama: { 'Qwen3-0.6B': '' },
    });
    expect(storage.dump()).not.toContain(KEY);
    reloaded.resetModelIds('together');
    expect(storage.getItem(SETTINGS_STORAGE_KEY)).not.toContain('Turbo');
  });

  it('settings saved before presets name their provider from the endpoint', () => {
    const storage = new MemoryStorage();
    storage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ endpoint: 'https://api.together.xyz/v1' }));
    expect(createSettingsStore(storage).getState().provider).toBe('together');
  });

  it('remembers the key under its own storage key, and a reload finds it', () => {
    const storage = new MemoryStorage();
    const store = createSettingsStore(storage);
    store.getState().setApiKey(KEY);
    store.getState().setRemember(true);
    expect(storage.getItem(REMEMBERED_KEY_STORAGE_KEY)).toBe(KEY);
    expect(storage.getItem(SETTINGS_STORAGE_KEY)).not.toContain(KEY);
    const reloaded = createSettingsStore(storage).getState();
    expect(reloaded.apiKey).toBe(KEY);
    expect(reloaded.remember).toBe(true);
  });

  it('unticking remember removes the key from storage but keeps it for this session', () => {
    const storage = new MemoryStorage();
    const store = createSettingsStore(storage);
    store.getState().setApiKey(KEY);
    store.getState().setRemember(true);
    store.getState().setRemember(false);
    expect(storage.getItem(REMEMBERED_KEY_STORAGE_KEY)).toBeNull();
    expect(store.getState().apiKey).toBe(KEY);
  });

  it('forget clears the key from memory and storage', () => {
    const storage = new MemoryStorage();
    const store = createSettingsStore(storage);
    store.getState().setApiKey(KEY);
    store.getState().setRemember(true);
    store.getState().forget();
    expect(store.getState().apiKey).toBe('');
    expect(store.getState().remember).toBe(false);
    expect(storage.dump()).not.toContain(KEY);
  });

  it('moves settings and a remembered key saved under the old key names, keeping both', () => {
    const storage = new MemoryStorage();
    storage.setItem('r2-playground.dispatch.settings', JSON.stringify({ endpoint: 'http://127.0.0.1:9000/v1' }));
    storage.setItem('r2-playground.dispatch.remembered-api-key', KEY);
    const s = createSettingsStore(storage).getState();
    expect(s.endpoint).toBe('http://127.0.0.1:9000/v1');
    expect(s.apiKey).toBe(KEY);
    expect(s.remember).toBe(true);
    expect(storage.getItem('r2-playground.dispatch.settings')).toBeNull();
    expect(storage.getItem('r2-playground.dispatch.remembered-api-key')).toBeNull();
    expect(storage.getItem(REMEMBERED_KEY_STORAGE_KEY)).toBe(KEY);
    expect(JSON.parse(storage.getItem(SETTINGS_STORAGE_KEY)!)).toMatchObject({ endpoint: 'http://127.0.0.1:9000/v1' });
  });

  it('ignores stored settings of the wrong shape, and works without storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ endpoint: 42, stream: 'yes', timeoutSeconds: 30 }));
    const s = createSettingsStore(storage).getState();
    expect(s.endpoint).toBe(DEFAULT_SETTINGS.endpoint);
    expect(s.stream).toBe(true);
    expect(s.timeoutSeconds).toBe(30);
    const none = createSettingsStore(null);
    none.getState().setApiKey(KEY);
    expect(none.getState().apiKey).toBe(KEY);
  });
});

describe('settingsProblems', () => {
  const good = { ...DEFAULT_SETTINGS, apiKey: KEY };

  it('accepts good settings', () => {
    expect(settingsProblems(good, null)).toEqual([]);
  });

  it('lists every problem at once, quoting neither key nor header values', () => {
    const problems = settingsProblems(
      {
        ...good,
        apiKey: 'k3y w1th gap',
        endpoint: 'https://example.com/v1',
        extraHeaders: 'Authorization: x',
        timeoutSeconds: 0,
      },
      null,
    );
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/spaces or characters/);
    expect(problems[1]).toMatch(/would be blocked/);
    expect(problems[2]).toMatch(/^Extra headers, line 1: /);
    expect(problems[3]).toMatch(/between 1 and 600 seconds/);
    expect(problems.join(' ')).not.toContain('w1th');
  });

  it('asks for a key when there is none, except for a server on this machine', () => {
    expect(settingsProblems({ ...good, apiKey: '  ' }, null)).toEqual(['Enter an API key.']);
    expect(settingsProblems({ ...good, apiKey: '', endpoint: 'http://localhost:11434/v1' }, null)).toEqual([]);
  });
});
