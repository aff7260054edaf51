import { endpointProblem, EXTRA_ORIGINS_VARIABLE } from '../../dispatch/csp';
import { serverUrlProblem } from './serverUrl';

/**
 * How the page and the command line reach an OpenAI-compatible embeddings server (vLLM's
 * `/v1/embeddings`, or another): its base URL, the model id it serves, an optional key, and
 * how many texts go in one request and how many requests are in flight at once.
 */

export interface ServerSettings {
  /** e.g. http://localhost:8000/v1; `/embeddings` is appended. */
  baseUrl: string;
  /** The id the server knows the model by: `vllm serve <id>`. */
  model: string;
  /** Sent as the bearer token when not empty; vLLM checks it only when started with --api-key. */
  apiKey: string;
  /** Texts per request. */
  batch: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** A request without an answer for this long is an error, not a hang. */
  timeoutSeconds: number;
}

/** The model the released router's embeddings come from, as the authors serve it. */
export const DEFAULT_SERVER_MODEL = 'Qwen/Qwen3-0.6B';

export const SERVER_DEFAULTS = {
  batch: 64,
  concurrency: 4,
  timeoutSeconds: 60,
  /** 429 and 5xx are retried this many times, after backoff or the server's Retry-After. */
  maxRetries: 4,
  /** A Retry-After longer than this stops the run instead: the page would look hung. */
  maxRetryWaitSeconds: 60,
} as const;

export const BATCH_RANGE = { min: 1, max: 2048 } as const;
export const CONCURRENCY_RANGE = { min: 1, max: 64 } as const;
export const TIMEOUT_RANGE = { min: 1, max: 600 } as const;

/**
 * Why the page's Content-Security-Policy would block a valid base URL, and how to allow it, or
 * null. `pageOrigin` is the page's own origin; on the command line no policy applies.
 */
export function blockedByPolicy(baseUrl: string, pageOrigin: string): string | null {
  if (endpointProblem(baseUrl.trim(), pageOrigin) === null) return null;
  const { origin } = new URL(baseUrl.trim());
  return `This page's Content-Security-Policy blocks ${origin}: it reaches servers on this machine (http://localhost and http://127.0.0.1, any port), its own origin, the LLM providers' APIs and the origins added when it was built. To use this server, build the page with it added: ${EXTRA_ORIGINS_VARIABLE}="${origin}" npm run build`;
}

/** Why these settings cannot be used, each for the person to fix before anything is sent. */
export function serverSettingsProblems(s: ServerSettings, pageOrigin: string | null): string[] {
  const problems: string[] = [];
  const url = serverUrlProblem(s.baseUrl) ?? (pageOrigin === null ? null : blockedByPolicy(s.baseUrl, pageOrigin));
  if (url) problems.push(url);
  if (s.model.trim() === '') problems.push('Enter the model id the server serves (for example Qwen/Qwen3-0.6B).');
  if (s.apiKey !== '' && !/^[\x21-\x7e]+$/.test(s.apiKey.trim()))
    problems.push('The API key has spaces or characters an HTTP header cannot carry; paste it again.');
  const ranges = [
    [s.batch, BATCH_RANGE, 'Texts per request'],
    [s.concurrency, CONCURRENCY_RANGE, 'Requests in flight'],
    [s.timeoutSeconds, TIMEOUT_RANGE, 'The timeout in seconds'],
  ] as const;
  for (const [n, { min, max }, what] of ranges)
    if (!Number.isInteger(n) || n < min || n > max)
      problems.push(`${what} must be a whole number from ${min} to ${max}.`);
  return problems;
}
