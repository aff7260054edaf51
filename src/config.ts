/**
 * App-wide constants, in one place so the page, the benchmark and the tests agree on them.
 * Nothing here imports React or the runtime: Node tools read this file too.
 */

/** Typing settles for this long before the predictor runs. */
export const QUERY_DEBOUNCE_MS = 150;

/** The address bar follows the view after this pause, so a slider drag doesn't flood history. */
export const URL_SYNC_DELAY_MS = 200;

/** R2-Router's own default trade-off (the release's config.json `default_lambda`). */
export const RELEASE_DEFAULT_LAMBDA = 0.99999;

/** The bundle served with the app, and the one every failure falls back to. */
export const DEFAULT_BUNDLE_ID = 'default';

/** Queries longer than this stay out of the share link, which says so. */
export const MAX_QUERY_IN_URL = 2000;

/**
 * The memory the Qwen3 encoder's KV caches of recent texts may take in the worker (the current
 * query, the one before an edit, the examples): about 2,200 tokens' worth in float32, where
 * each token costs 28 layers × 2 × 1,024 floats.
 */
export const ENCODER_KV_CACHE_MB = 512;

/**
 * The highest price the pool accepts, in USD per 1M tokens: far above any LLM's list price
 * (the dearest are in the hundreds), and low enough that every cost stays readable on screen.
 */
export const MAX_PRICE_PER_MILLION = 10_000;

/** The guided tour's number of steps: links address them as ?tour=1 … ?tour=TOUR_STEPS. */
export const TOUR_STEPS = 7;

const LOCAL_BUNDLE_PREFIX = 'local:';

/** The key of a bundle opened from disk in this tab: it lives only in the page's memory. */
export function localBundleKey(name: string): string {
  return `${LOCAL_BUNDLE_PREFIX}${name}`;
}

export function isLocalBundle(key: string): boolean {
  return key.startsWith(LOCAL_BUNDLE_PREFIX);
}
