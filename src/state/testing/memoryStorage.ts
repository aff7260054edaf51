/** A Storage held in a Map, for the stores' tests: what was written can be read back and dumped. */
export class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  /** Every stored value, one per line: a secret must never appear in it. */
  dump(): string {
    return [...this.items.values()].join('\n');
  }
}
