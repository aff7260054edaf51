/**
 * The KV caches of recently embedded texts, by their token ids, within a memory cap. Qwen3 is
 * causal: the keys and values of a text's first n tokens depend on those tokens only, so a new
 * text that shares its first n token ids with a cached one needs only its tokens from n on run
 * through the model. Ids are compared, not characters, because byte-pair encoding may merge
 * the last token of a text differently once more is typed after it.
 *
 * Entries are used least recently first out. A text whose ids begin another entry's is covered
 * by it (the longer entry holds its cache too) and is dropped. Pure bookkeeping: what the cache
 * of an entry is (tensors, arrays) is the caller's.
 */

export interface PrefixEntry<T> {
  readonly ids: ArrayLike<bigint>;
  readonly cache: T;
  readonly bytes: number;
}

export interface PrefixCacheStats {
  entries: number;
  bytes: number;
  capBytes: number;
}

/** How many leading ids `a` and `b` share. */
export function commonPrefix(a: ArrayLike<bigint>, b: ArrayLike<bigint>): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

export class PrefixCache<T> {
  /** Least recently used first. */
  private entries: PrefixEntry<T>[] = [];

  constructor(readonly capBytes: number) {}

  /** The entry sharing the most leading ids with `ids` (marked as used), and how many; null when none shares any. */
  best(ids: ArrayLike<bigint>): { entry: PrefixEntry<T>; common: number } | null {
    let found: { entry: PrefixEntry<T>; common: number } | null = null;
    for (const entry of this.entries) {
      const common = commonPrefix(ids, entry.ids);
      if (common > (found?.common ?? 0)) found = { entry, common };
    }
    if (found) this.touch(found.entry);
    return found;
  }

  /**
   * Keeps `cache` for `ids`, dropping entries it covers and then the least recently used ones
   * until the cap holds; a cache larger than the cap is not kept (returns false). A text an
   * entry already covers adds nothing (that entry's cache serves it) and only marks it used.
   */
  put(ids: ArrayLike<bigint>, cache: T, bytes: number): boolean {
    const covers = (longer: ArrayLike<bigint>, shorter: ArrayLike<bigint>) =>
      shorter.length <= longer.length && commonPrefix(longer, shorter) === shorter.length;
    const covering = this.entries.find((e) => covers(e.ids, ids));
    if (covering) {
      this.touch(covering);
      return true;
    }
    this.entries = this.entries.filter((e) => !covers(ids, e.ids));
    if (bytes > this.capBytes) return false;
    this.entries.push({ ids, cache, bytes });
    while (this.bytes() > this.capBytes) this.entries.shift();
    return true;
  }

  drop(entry: PrefixEntry<T>): void {
    this.entries = this.entries.filter((e) => e !== entry);
  }

  clear(): void {
    this.entries = [];
  }

  stats(): PrefixCacheStats {
    return { entries: this.entries.length, bytes: this.bytes(), capBytes: this.capBytes };
  }

  private bytes(): number {
    return this.entries.reduce((sum, e) => sum + e.bytes, 0);
  }

  private touch(entry: PrefixEntry<T>): void {
    this.entries = [...this.entries.filter((e) => e !== entry), entry];
  }
}
