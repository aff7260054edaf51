import { hash32 } from './hash32';

/**
 * The held-out split, a pure function of the key: the same query is in the same part for
 * every seed, every run of train and evaluate, and every subset of the data. 10% test,
 * 10% validation (early stopping), 80% training.
 */
export type Part = 'train' | 'validation' | 'test';

const SALT = 0x52322d53; // "R2-S": any fixed value; changing it reshuffles every split.

export function partOf(key: string): Part {
  const bucket = hash32(key, SALT) % 10;
  return bucket === 0 ? 'test' : bucket === 1 ? 'validation' : 'train';
}

export function splitIndices(keys: readonly string[]): Record<Part, number[]> {
  const out: Record<Part, number[]> = { train: [], validation: [], test: [] };
  keys.forEach((k, i) => out[partOf(k)].push(i));
  return out;
}
