import { describe, expect, it } from 'vitest';
import { STORAGE_KEYS } from './storage';
import { MemoryStorage } from './testing/memoryStorage';
import { viewToSearch } from './url';
import { createViewStore } from './viewStore';
import { DEFAULT_VIEW } from './viewState';

const saved = { 'GLM-4.5-Air': { outputPerMillion: 1.55 } };
const linked = { 'Qwen3-0.6B': { enabled: false } };

function storageWith(entries: Record<string, string>): MemoryStorage {
  const storage = new MemoryStorage();
  for (const [k, v] of Object.entries(entries)) storage.setItem(k, v);
  return storage;
}

describe('the view store at start-up', () => {
  it('starts from the defaults with nothing saved and no link', () => {
    const view = createViewStore({ storage: new MemoryStorage(), search: '' }).getState();
    expect(view).toMatchObject(DEFAULT_VIEW);
  });

  it('takes the pool saved for the bundle when the link has none', () => {
    const storage = storageWith({ [STORAGE_KEYS.pool('default')]: JSON.stringify(saved) });
    expect(createViewStore({ storage, search: '?lambda=0.5' }).getState()).toMatchObject({ lambda: 0.5, pool: saved });
  });

  it('lets the link win over the saved pool, and reads the saved pool of the link’s bundle', () => {
    const storage = storageWith({
      [STORAGE_KEYS.pool('default')]: JSON.stringify(saved),
      [STORAGE_KEYS.pool('other')]: JSON.stringify(linked),
    });
    const fromLink = createViewStore({
      storage,
      search: viewToSearch({ ...DEFAULT_VIEW, pool: { x: { enabled: false } } }),
    });
    expect(fromLink.getState().pool).toEqual({ x: { enabled: false } });
    expect(createViewStore({ storage, search: '?bundle=other' }).getState()).toMatchObject({
      bundleId: 'other',
      pool: linked,
    });
  });

  it('ignores a saved pool that fails validation, and works with no storage at all', () => {
    const storage = storageWith({ [STORAGE_KEYS.pool('default')]: '{"a":{"inputPerMillion":-3}}' });
    expect(createViewStore({ storage, search: '' }).getState().pool).toEqual({});
    const memoryOnly = createViewStore({ storage: null, search: '' });
    memoryOnly.getState().overrideModel('a', { enabled: false });
    expect(memoryOnly.getState().pool).toEqual({ a: { enabled: false } });
  });
});

describe('the view store’s pool edits', () => {
  it('saves edits per bundle and switches to each bundle’s own', () => {
    const storage = new MemoryStorage();
    const store = createViewStore({ storage, search: '' });
    store.getState().overrideModel('a', { inputPerMillion: 2 });
    expect(JSON.parse(storage.getItem(STORAGE_KEYS.pool('default'))!)).toEqual({ a: { inputPerMillion: 2 } });
    store.getState().setBundleId('other');
    expect(store.getState().pool).toEqual({});
    store.getState().setBundleId('default');
    expect(store.getState().pool).toEqual({ a: { inputPerMillion: 2 } });
    store.getState().resetPool();
    expect(storage.getItem(STORAGE_KEYS.pool('default'))).toBeNull();
  });

  it('clamps λ and clears the cap when its unit changes', () => {
    const store = createViewStore({ storage: null, search: '?cap=tokens:300' });
    store.getState().setLambda(3);
    expect(store.getState().lambda).toBe(1);
    store.getState().setCapKind('usd');
    expect(store.getState()).toMatchObject({ capKind: 'usd', cap: null });
  });
});
