import type * as Ort from 'onnxruntime-web';
import { throwIfCancelled } from './encoderError';
import { PrefixCache, type PrefixCacheStats } from './prefixCache';
import { firstPositions, presentOf, type Feeds, type KvTensors, type OnnxRuntime } from './sessionFeeds';

/**
 * Embeds token ids through a graph whose attention reads a past KV cache (kvCache.ts,
 * `incremental`), continuing from the cached text that shares the most leading ids: a person
 * typing at the end of a query has only the new tokens run. A text is run in steps of at most
 * STEP_TOKENS tokens, each continuing the previous one's cache, which bounds the attention's
 * memory on long texts and lets a cancel land between steps.
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

function bytesOf(cache: KvTensors): number {
  return Object.values(cache).reduce((sum, t) => sum + (t.data as Float32Array | Uint16Array).byteLength, 0);
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
  const cache = new PrefixCache<KvTensors>(options.capBytes);
  const pastNames = session.inputNames.filter((n) => n.startsWith('past_key_values.'));
  const fetches = [output, ...pastNames.map(presentOf)];

  async function run(ids: BigInt64Array, signal?: AbortSignal): Promise<CachedRun> {
    const hit = cache.best(ids);
    // At least the last token runs: its hidden state is what is read, and the cache holds keys and values only.
    const reused = Math.min(hit?.common ?? 0, ids.length - 1);
    let past: KvTensors | undefined =
      hit && reused > 0
        ? Object.fromEntries(pastNames.map((n) => [n, firstPositions(ort, hit.entry.cache[n]!, reused)]))
        : undefined;
    let position = reused;
    let hidden: Ort.Tensor | undefined;
    try {
      while (position < ids.length) {
        throwIfCancelled(signal);
        const step = ids.subarray(position, Math.min(ids.length, position + STEP_TOKENS));
        const out = await session.run(feeds(step, position, past), fetches);
        hidden = out[output];
        past = Object.fromEntries(pastNames.map((n) => [n, out[presentOf(n)]!]));
        position += step.length;
      }
    } catch (e) {
      if (signal?.aborted && past && position > reused) cache.put(ids.slice(0, position), past, bytesOf(past));
      else if (hit) cache.drop(hit.entry);
      throw e;
    }
    const kept = cache.put(ids, past!, bytesOf(past!));
    return { hidden: hidden!, reused, computed: ids.length - reused, kept };
  }

  return { run, stats: () => cache.stats(), clear: () => cache.clear() };
}
