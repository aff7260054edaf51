import { describe, expect, it } from 'vitest';
import { KEPT_QUERY_PARAM, keepQuery, queryDigest } from './keptQuery';
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

describe('the tour and guess mode keep the person’s setup', () => {
  const mine = { query: 'my own query', lambda: 1, xAxis: 'usd' as const, cap: { kind: 'tokens' as const, max: 300 } };

  it('puts the query, λ, cap and axis back when the tour closes, and can keep the tour’s instead', () => {
    const store = createViewStore({ storage: null, search: '' });
    store.getState().applyView(mine);
    store.getState().setTour(1);
    store.getState().applyView({ query: 'the story', lambda: 0.5, xAxis: 'tokens', cap: null });
    store.getState().setTour(4);
    store.getState().setTour(null);
    expect(store.getState()).toMatchObject({ ...mine, tour: null, restored: { by: 'tour' } });
    store.getState().undoRestore();
    expect(store.getState()).toMatchObject({ query: 'the story', lambda: 0.5, cap: null, restored: null });
    // A tour opened again remembers the view it opens on now.
    store.getState().setTour(2);
    store.getState().applyView({ lambda: 0.25 });
    store.getState().setTour(null);
    expect(store.getState()).toMatchObject({ query: 'the story', lambda: 0.5 });
  });

  it('takes a link into the tour as the setup to return to', () => {
    const store = createViewStore({ storage: null, search: '?tour=3&lambda=0.25' });
    store.getState().applyView({ lambda: 0.5 });
    store.getState().setTour(null);
    expect(store.getState().lambda).toBe(0.25);
  });

  it('puts the setup back when guess mode ends after a next question, and only then', () => {
    const store = createViewStore({ storage: null, search: '' });
    store.getState().applyView(mine);
    store.getState().setGuess(true);
    store.getState().setLambda(0.75);
    store.getState().setGuess(false);
    // No question was changed for the person: their own moves stay.
    expect(store.getState()).toMatchObject({ lambda: 0.75, restored: null });

    store.getState().setGuess(true);
    store.getState().nextQuestion({ query: 'example one', lambda: 0.3 });
    store.getState().nextQuestion({ query: 'example two', lambda: 0.4 });
    store.getState().setGuess(false);
    expect(store.getState()).toMatchObject({
      query: mine.query,
      lambda: 0.75,
      guess: false,
      restored: { by: 'guess' },
    });
  });

  it('goes back to an entry’s place without touching λ, the query or the pool', () => {
    const store = createViewStore({ storage: null, search: '?view=workload' });
    store.getState().setLambda(0.5);
    store.getState().restoreNavigation({ lambda: 0.1 });
    expect(store.getState()).toMatchObject({ view: 'main', present: false, tour: null, guess: false, lambda: 0.5 });
    store.getState().restoreNavigation({ view: 'workload', present: true });
    expect(store.getState()).toMatchObject({ view: 'workload', present: true });
  });
});

describe('a query too long for the link', () => {
  const long = 'a long query, '.repeat(200);

  it('is named in the link and found again on this device', () => {
    const storage = new MemoryStorage();
    const search = viewToSearch({ ...DEFAULT_VIEW, query: long });
    expect(new URLSearchParams(search).has('q')).toBe(false);
    expect(new URLSearchParams(search).get(KEPT_QUERY_PARAM)).toBe(queryDigest(long));
    keepQuery(storage, long);
    expect(createViewStore({ storage, search }).getState()).toMatchObject({ query: long, queryLeftOut: false });
  });

  it('is said to be left out on a device that does not have it', () => {
    const search = viewToSearch({ ...DEFAULT_VIEW, query: long });
    const store = createViewStore({ storage: new MemoryStorage(), search });
    expect(store.getState()).toMatchObject({ query: DEFAULT_VIEW.query, queryLeftOut: true });
    store.getState().setQuery('typed here');
    expect(store.getState().queryLeftOut).toBe(false);
  });

  it('keeps the last few, the most recent first', () => {
    const storage = new MemoryStorage();
    const queries = Array.from({ length: 7 }, (_, i) => `${long}${i}`);
    for (const q of queries) keepQuery(storage, q);
    const found = (q: string) => createViewStore({ storage, search: viewToSearch({ ...DEFAULT_VIEW, query: q }) });
    expect(found(queries[6]!).getState().query).toBe(queries[6]);
    expect(found(queries[2]!).getState().query).toBe(queries[2]);
    expect(found(queries[1]!).getState().queryLeftOut).toBe(true);
  });
});
