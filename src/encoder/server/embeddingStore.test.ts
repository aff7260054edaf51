import { describe, expect, it } from 'vitest';
import { EmbeddingStore } from './embeddingStore';

const vec = (n: number, x = 1) => new Float32Array(n).fill(x);

describe('EmbeddingStore', () => {
  it('keeps a vector by its text', () => {
    const store = new EmbeddingStore();
    store.set('a', vec(4, 2));
    expect(store.get('a')).toEqual(vec(4, 2));
    expect(store.get('b')).toBeUndefined();
    expect(store.size).toBe(1);
  });

  it('drops the oldest vectors past its bound, never the one just set', () => {
    const store = new EmbeddingStore(8);
    store.set('a', vec(4));
    store.set('b', vec(4));
    store.set('c', vec(4));
    expect([store.get('a'), store.get('b'), store.get('c')].map(Boolean)).toEqual([false, true, true]);
    store.set('huge', vec(20));
    expect(store.size).toBe(1);
    expect(store.get('huge')).toBeDefined();
  });

  it('replaces a text’s vector without counting it twice', () => {
    const store = new EmbeddingStore(8);
    store.set('a', vec(4, 1));
    store.set('a', vec(4, 3));
    store.set('b', vec(4));
    expect(store.get('a')).toEqual(vec(4, 3));
    expect(store.size).toBe(2);
  });
});
