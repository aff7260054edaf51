import { describe, expect, it } from 'vitest';
import { commonPrefix, PrefixCache } from './prefixCache';

const ids = (...values: number[]) => values.map(BigInt);

describe('PrefixCache', () => {
  it('finds the entry sharing the most leading ids', () => {
    const cache = new PrefixCache<string>(100);
    cache.put(ids(1, 2, 3), 'a', 10);
    cache.put(ids(1, 5), 'b', 10);
    expect(cache.best(ids(1, 2, 9))).toMatchObject({ entry: { cache: 'a' }, common: 2 });
    expect(cache.best(ids(1, 5, 5))).toMatchObject({ entry: { cache: 'b' }, common: 2 });
    expect(cache.best(ids(7))).toBeNull();
    expect(commonPrefix(ids(1, 2), ids(1, 2, 3))).toBe(2);
  });

  it('keeps one entry for a text and the texts it begins with', () => {
    const cache = new PrefixCache<string>(100);
    cache.put(ids(1, 2), 'short', 10);
    cache.put(ids(1, 2, 3), 'long', 20);
    expect(cache.stats()).toEqual({ entries: 1, bytes: 20, capBytes: 100 });
    // A text the kept entry begins with adds nothing: that entry serves it.
    expect(cache.put(ids(1), 'shorter', 5)).toBe(true);
    expect(cache.stats().entries).toBe(1);
    expect(cache.best(ids(1))).toMatchObject({ entry: { cache: 'long' } });
  });

  it('evicts the least recently used entries to stay within its cap, and keeps nothing larger than it', () => {
    const cache = new PrefixCache<string>(30);
    cache.put(ids(1), 'a', 10);
    cache.put(ids(2), 'b', 10);
    cache.put(ids(3), 'c', 10);
    cache.best(ids(1)); // a is now the most recently used
    cache.put(ids(4), 'd', 10);
    expect(cache.best(ids(2))).toBeNull();
    expect(cache.stats()).toEqual({ entries: 3, bytes: 30, capBytes: 30 });
    expect(cache.put(ids(5), 'huge', 31)).toBe(false);
    expect(cache.best(ids(5))).toBeNull();
    cache.clear();
    expect(cache.stats().entries).toBe(0);
  });

  it('drops an entry when asked', () => {
    const cache = new PrefixCache<string>(100);
    cache.put(ids(1, 2), 'a', 10);
    cache.drop(cache.best(ids(1, 2))!.entry);
    expect(cache.best(ids(1, 2))).toBeNull();
  });
});
