import type * as Ort from 'onnxruntime-web';
import { throwIfCancelled } from './encoderError';
import { KvBuffers } from './kvBuffers';
import { PrefixCache, type PrefixCacheStats } from './prefixCache';
import { presentOf, type Feeds, type OnnxRuntime } from './sessionFeeds';

/**
 * Embeds token ids through a graph whose attention reads a past KV cache and gives back its new
 * tokens' keys and values (kvCache.ts, `incremental`), continuing from the cached text that
 * shares the most leading ids: a person typing at the end of a query has only the new tokens run.
 * A text is run in steps of at most STEP_TOKENS tokens, each continuing the previous one's
 * cache, which bounds the attention's memory on long texts and lets a cancel land between steps.
 *
 * A text that continues an entry at its end takes that entry's buffers over and writes its rows
 * after the entry's (the longer text covers the shorter); one that departs from it earlier (an
 * edit, a deletion) starts from a copy of the shared part, so the entry stays for an undo.
 *
 * What is kept is only ever what finished runs computed: a failed step keeps nothing and drops
 * the entry it continued; a cancelled one keeps the tokens its finished steps covered, a correct
 * prefix that the next request (the text typed since) continues.
 */

/** Tokens per run. */
export const STEP_TOKENS = 256;

export interface CachedRun {
  /** The last run's hidden-state output, whose last row is the last token's. */
  hidden: Ort.Tensor;
  /** Tokens whose keys and values came from the cache, and tokens run now. */
  reused: number;
  computed: number;
  /** Whether its cache was kept: false when it alone is larger than the cap. */
  kept: boolean;
}

export interface CachedRuns {
  run(ids: BigInt64Array, signal?: AbortSignal): Promise<CachedRun>;
  stats(): PrefixCacheStats;
  clear(): void;
}

export function cachedRuns(options: {
  ort: OnnxRuntime;
  session: Ort.InferenceSession;
  feeds: Feeds;
  /** The hidden-state output. */
  output: string;
  capBytes: number;
}): CachedRuns {
  const { ort, session, feeds, output } = options;
  const cache = new PrefixCache<KvBuffers>(options.capBytes);
  const pastNames = session.inputNames.filter((n) => n.startsWith('past_key_values.'));
  const fetches = [output, ...pastNames.map(presentOf)];

  /** Where the text starts from: an entry's buffers taken over, a copy of its shared part, or nothing. */
  function startFrom(ids: BigInt64Array): { kv: KvBuffers; hit: ReturnType<typeof cache.best> } {
    const hit = cache.best(ids);
    // At least the last token runs: its hidden state is what is read, and the cache holds keys and values only.
    const reused = Math.min(hit?.common ?? 0, ids.length - 1);
    if (!hit || reused === 0) return { kv: KvBuffers.empty(feeds.emptyPast), hit };
    if (reused < hit.entry.cache.length) return { kv: hit.entry.cache.branch(reused), hit };
    cache.drop(hit.entry);
    return { kv: hit.entry.cache, hit: null };
  }

  async function run(ids: BigInt64Array, signal?: AbortSignal): Promise<CachedRun> {
    const { kv, hit } = startFrom(ids);
    const reused = kv.length;
    let hidden: Ort.Tensor | undefined;
    try {
      while (kv.length < ids.length) {
        throwIfCancelled(signal);
        const step = ids.subarray(kv.length, Math.min(ids.length, kv.length + STEP_TOKENS));
        const out = await session.run(feeds(step, { tensors: kv.tensors(ort), length: kv.length }), fetches);
        hidden = out[output];
        kv.append(Object.fromEntries(pastNames.map((n) => [n, out[presentOf(n)]!])));
      }
    } catch (e) {
      if (signal?.aborted && kv.length > reused) cache.put(ids.slice(0, kv.length), kv, kv.bytes);
      else if (hit) cache.drop(hit.entry);
      throw e;
    }
    const kept = cache.put(ids, kv, kv.bytes);
    return { hidden: hidden!, reused, computed: ids.length - reused, kept };
  }

  return { run, stats: () => cache.stats(), clear: () => cache.clear() };
}
