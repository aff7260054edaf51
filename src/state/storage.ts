import type { z } from 'zod';

/**
 * What the stores keep on this device, under one key scheme: `r2-playground:<area>:<name>`.
 * Storage can throw (private modes, quota, blocked cookies) or hold anything a person or an
 * older version left there, so every read is validated and every failure leaves the store in
 * memory, never broken.
 */

const PREFIX = 'r2-playground';

export const STORAGE_KEYS = {
  /** The pool edits for one bundle. */
  pool: (bundleId: string) => `${PREFIX}:pool:${bundleId}`,
  /** Endpoint, extra headers, streaming and timeout: never the key. */
  dispatchSettings: `${PREFIX}:dispatch:settings`,
  /** The API key, present only while "remember on this device" is ticked. */
  rememberedApiKey: `${PREFIX}:dispatch:remembered-api-key`,
  /** The judge's model, prompt and prices. */
  judgeSettings: `${PREFIX}:dispatch:judge`,
  /** Queries too long for a link, each under the digest the link names it by. */
  keptQueries: `${PREFIX}:view:kept-queries`,
  /** The embeddings server's base URL, model id, batch and concurrency: never its key. */
  encoderServer: `${PREFIX}:encoder:server`,
  /** The embeddings server's key with the origin it is for, present only while "remember" is ticked. */
  rememberedEncoderKey: `${PREFIX}:encoder:remembered-key`,
} as const;

/** Keys earlier versions wrote, and where their values live now. */
const RENAMED: ReadonlyArray<readonly [string, string]> = [
  ['r2-playground.dispatch.settings', STORAGE_KEYS.dispatchSettings],
  ['r2-playground.dispatch.remembered-api-key', STORAGE_KEYS.rememberedApiKey],
];

export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readItem(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Sets the value, or removes the key for null. */
export function writeItem(storage: Storage | null, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Nothing to recover: the store in memory stays correct.
  }
}

/** The stored JSON when it parses and passes the schema, else null. */
export function readJson<T>(storage: Storage | null, key: string, schema: z.ZodType<T>): T | null {
  const raw = readItem(storage, key);
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Moves values from the keys earlier versions used to the current ones, once: a value
 * already under the new key wins, and the old key is removed either way.
 */
export function migrateStorage(storage: Storage | null): void {
  for (const [from, to] of RENAMED) {
    const old = readItem(storage, from);
    if (old === null) continue;
    if (readItem(storage, to) === null) writeItem(storage, to, old);
    writeItem(storage, from, null);
  }
}
