/**
 * When to ask an embeddings server again. A 429 (too many requests) or a 5xx (a replica
 * restarting, a proxy without a healthy upstream) usually passes; anything else will not.
 * The wait is the server's Retry-After when it gives one, else an exponential backoff.
 */

export interface RetryPolicy {
  maxRetries: number;
  /** The first backoff; each retry doubles it, up to maxBackoffMs. */
  baseMs: number;
  maxBackoffMs: number;
  /** A Retry-After longer than this is not waited for. */
  maxWaitMs: number;
}

export function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** What Retry-After-Ms or Retry-After (seconds or an HTTP date) asks for, in ms; null when neither is there. */
export function askedWaitMs(headers: Headers, now: number): number | null {
  const ms = Number(headers.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const text = headers.get('retry-after')?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * How long to wait before retry number `retry` (1-based): what the server asked, or the backoff.
 * `tooLong` when the server asks for more than the policy waits.
 */
export function retryWait(
  retry: number,
  headers: Headers,
  policy: RetryPolicy,
  now: number,
): { ms: number; asked: boolean; tooLong: boolean } {
  const asked = askedWaitMs(headers, now);
  if (asked !== null) return { ms: asked, asked: true, tooLong: asked > policy.maxWaitMs };
  return { ms: Math.min(policy.baseMs * 2 ** (retry - 1), policy.maxBackoffMs), asked: false, tooLong: false };
}
