import type { PrefixCacheStats } from './prefixCache';
import type { ServerActivity } from './server/serverEncoder';

/** After each text an in-page encoder that continues cached prefixes embeds: what it took from its cache. */
export interface CacheActivity {
  kind: 'cache';
  /** The KV caches of recent texts, against their cap. */
  cache: PrefixCacheStats;
  /** The text: tokens whose keys and values came from the cache, tokens run, and whether its cache was kept (not when larger than the cap). */
  lastText: { reused: number; computed: number; kept: boolean };
}

/** What an encoder reports of its work as it goes, for the encoder panel: a server's answers and retries, a cache's reuse. */
export type EncoderActivity = ServerActivity | CacheActivity;

/**
 * What the predictor worker embeds queries with, whatever computes them: the Qwen3 export in
 * this page (`qwen3.ts`) or an embeddings server. Every vector is the encoder's own (the
 * worker L2-normalises it when the bundle asks), one per text, in the texts' order.
 */
export interface QueryEncoder {
  /** The vectors' width. */
  readonly dim: number;
  /** Texts it embeds well in one call: a workload is handed over this many at a time, so progress and Cancel keep up. */
  readonly chunk: number;
  /**
   * Embeds `texts`. Once `signal` aborts, it stops at its next step with the 'cancelled'
   * EncoderError; a step already running (one graph run, one request) finishes first.
   */
  embedBatch(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** Frees what the encoder holds; it embeds nothing afterwards. */
  dispose(): Promise<void>;
}
