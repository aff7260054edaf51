import { z } from 'zod';
import { MAX_QUERY_IN_URL } from '../config';
import { hash32 } from '../evaluate/hash32';
import { readJson, STORAGE_KEYS, writeItem } from './storage';

/**
 * A query too long for a link (MAX_QUERY_IN_URL) is kept on this device, and the link names it
 * by a digest instead (`qkept`): a reload finds it again, and a link opened anywhere else can
 * say that its query was left out rather than silently show another.
 */

/** The link parameter that names a kept query. */
export const KEPT_QUERY_PARAM = 'qkept';

/** The last few long queries are kept, so each tab's link still finds its own. */
const KEEP = 5;

const keptSchema = z.array(z.object({ digest: z.string(), query: z.string() })).max(KEEP);

export function isTooLongForLink(query: string): boolean {
  return query.length > MAX_QUERY_IN_URL;
}

/** A short name for a query: its length and two 32-bit hashes, in base 36. */
export function queryDigest(query: string): string {
  return [query.length, hash32(query), hash32(query, 1)].map((n) => n.toString(36)).join('-');
}

/** Keeps a long query on this device, the most recent first. */
export function keepQuery(storage: Storage | null, query: string): void {
  const digest = queryDigest(query);
  const kept = readJson(storage, STORAGE_KEYS.keptQueries, keptSchema) ?? [];
  if (kept[0]?.digest === digest) return;
  const next = [{ digest, query }, ...kept.filter((k) => k.digest !== digest)].slice(0, KEEP);
  writeItem(storage, STORAGE_KEYS.keptQueries, JSON.stringify(next));
}

/**
 * What a link says of its query beyond `q`: the kept query it names when this device has it,
 * `leftOut` when it names one this device does not have.
 */
export function keptQueryOf(storage: Storage | null, search: string): { query: string } | { leftOut: true } | null {
  const digest = new URLSearchParams(search).get(KEPT_QUERY_PARAM);
  if (digest === null) return null;
  const hit = (readJson(storage, STORAGE_KEYS.keptQueries, keptSchema) ?? []).find((k) => k.digest === digest);
  return hit && queryDigest(hit.query) === digest ? { query: hit.query } : { leftOut: true };
}
