import { describe, expect, it } from 'vitest';
import { STORAGE_KEYS } from '../state/storage';
import { MemoryStorage } from '../state/testing/memoryStorage';
import { createServerSettingsStore, DEFAULT_SERVER_SETTINGS } from './serverSettingsStore';

const KEY = 'sk-embed-not-a-real-key-42';

describe('the embeddings server settings', () => {
  it('starts from the defaults: vLLM on localhost, Qwen/Qwen3-0.6B, 64 texts a request, 4 in flight, no key', () => {
    const s = createServerSettingsStore(new MemoryStorage()).getState();
    expect(s).toMatchObject({
      baseUrl: 'http://localhost:8000/v1',
      model: 'Qwen/Qwen3-0.6B',
      batch: 64,
      concurrency: 4,
      timeoutSeconds: 60,
      apiKey: '',
      remember: false,
    });
  });

  it('saves the server but keeps the key in memory only unless remember is ticked', () => {
    const storage = new MemoryStorage();
    const store = createServerSettingsStore(storage);
    store.getState().update({ baseUrl: 'http://127.0.0.1:9001/v1', batch: 32 });
    store.getState().setApiKey(KEY);
    expect(storage.dump()).not.toContain(KEY);
    expect(JSON.parse(storage.getItem(STORAGE_KEYS.encoderServer)!)).toEqual({
      ...DEFAULT_SERVER_SETTINGS,
      baseUrl: 'http://127.0.0.1:9001/v1',
      batch: 32,
    });
    const reloaded = createServerSettingsStore(storage).getState();
    expect(reloaded).toMatchObject({ baseUrl: 'http://127.0.0.1:9001/v1', batch: 32, apiKey: '' });
  });

  it('remembers the key for its origin when asked, and forgets it', () => {
    const storage = new MemoryStorage();
    const store = createServerSettingsStore(storage);
    store.getState().setApiKey(KEY);
    store.getState().setRemember(true);
    expect(createServerSettingsStore(storage).getState()).toMatchObject({ apiKey: KEY, remember: true });
    store.getState().setRemember(false);
    expect(storage.dump()).not.toContain(KEY);
    expect(store.getState().apiKey).toBe(KEY);
    store.getState().setRemember(true);
    store.getState().forget();
    expect(store.getState()).toMatchObject({ apiKey: '', remember: false });
    expect(storage.dump()).not.toContain(KEY);
  });

  it('never hands the key to another origin: typed, or named by a link; the remembered one comes back with its own', () => {
    const storage = new MemoryStorage();
    const store = createServerSettingsStore(storage);
    store.getState().setApiKey(KEY);
    store.getState().setRemember(true);
    store.getState().update({ baseUrl: 'http://localhost:8000/v1/' });
    expect(store.getState().apiKey).toBe(KEY);
    store.getState().update({ baseUrl: 'https://elsewhere.example.org/v1' });
    expect(store.getState().apiKey).toBe('');
    store.getState().update({ baseUrl: 'http://localhost:8000/v1' });
    expect(store.getState().apiKey).toBe(KEY);

    // A page opened on another server's address does not read the remembered key.
    storage.setItem(STORAGE_KEYS.encoderServer, JSON.stringify({ baseUrl: 'http://10.0.0.5:8000/v1' }));
    expect(createServerSettingsStore(storage).getState().apiKey).toBe('');
  });

  it('reads back what it can of damaged saved settings', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEYS.encoderServer, JSON.stringify({ baseUrl: 42, model: 'm/x', batch: 'many' }));
    storage.setItem(STORAGE_KEYS.rememberedEncoderKey, 'not json');
    expect(createServerSettingsStore(storage).getState()).toMatchObject({
      baseUrl: DEFAULT_SERVER_SETTINGS.baseUrl,
      model: 'm/x',
      batch: DEFAULT_SERVER_SETTINGS.batch,
      apiKey: '',
      remember: false,
    });
  });
});
