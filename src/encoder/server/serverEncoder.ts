import { EncoderError, problemOf, throwIfCancelled } from '../encoderError';
import type { QueryEncoder } from '../queryEncoder';
import { EmbeddingStore } from './embeddingStore';
import { httpFailure, ServerHttpError, timedOut, unreachable, waitTooLong, type FailureContext } from './failures';
import { retryable, retryWait, type RetryPolicy } from './retry';
import { embeddingsUrl, serverUrlProblem } from './serverUrl';
import { blockedByPolicy, SERVER_DEFAULTS, type ServerSettings } from './settings';
import { answeredInFloats, embeddingsRequest, readEmbeddings, type EncodingFormat } from './wire';

/**
 * A QueryEncoder backed by an OpenAI-compatible embeddings server, for the worker and for Node.
 * Texts go `batch` to a request, at most `concurrency` requests at a time; each vector is kept
 * by its text (EmbeddingStore) the moment it lands, and a text already asked for is waited for,
 * never asked again. A Cancel returns at once: a request already sent finishes, and its vectors
 * are kept for the next call, but no new request or retry starts for a cancelled caller alone.
 */

/** What the encoder tells its host as it works: each answer's time, and each retry as it is scheduled. */
export type ServerActivity =
  | { kind: 'answer'; ms: number; status: number; texts: number; what: string }
  | { kind: 'retry'; status: number; retry: number; of: number; waitMs: number; asked: boolean; what: string };

export interface ServerEncoderOptions extends ServerSettings {
  /** The width the bundle's heads read. */
  dim: number;
  /** The page's origin, whose Content-Security-Policy must allow the server; null in Node. */
  pageOrigin: string | null;
  /** Vectors already received from this server and model, to be kept across connections. */
  store?: EmbeddingStore;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Waits between retries (tests replace it); resolves early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onActivity?: (activity: ServerActivity) => void;
}

/** What the probe request found. */
export interface ServerProbe {
  /** How vectors are asked for: base64 unless the server refused it or answered in numbers. */
  format: EncodingFormat;
  /** The probe vector's L2 norm: 1 when the server normalises (vLLM's default for embeddings). */
  norm: number;
  normalized: boolean;
  ms: number;
}

export const PROBE_TEXT = 'How many tokens does a short answer need?';

const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: SERVER_DEFAULTS.maxRetries,
  baseMs: 500,
  maxBackoffMs: 8000,
  maxWaitMs: SERVER_DEFAULTS.maxRetryWaitSeconds * 1000,
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Runs at most `max` tasks at once; a finished task hands its slot to the next in line. */
function limiter(max: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => queue.push(resolve));
    try {
      return await task();
    } finally {
      const next = queue.shift();
      if (next) next();
      else active--;
    }
  };
}

/** Requests sent for texts: their vectors when they land, and the signals of the calls still waiting for them. */
interface Job {
  texts: string[];
  callers: Set<AbortSignal>;
  vectors: Promise<Float32Array[]>;
}

const replaced = () => new EncoderError('cancelled', 'Stopped embedding: the encoder was replaced.');
const abandoned = () => new EncoderError('cancelled', 'Stopped embedding: nobody waits for this request any more.');

function preview(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

export class ServerEncoder implements QueryEncoder {
  readonly dim: number;
  readonly chunk: number;
  readonly store: EmbeddingStore;
  private format: EncodingFormat = 'base64';
  private readonly inflight = new Map<string, Job>();
  private readonly slot: ReturnType<typeof limiter>;
  private readonly closed = new AbortController();
  private readonly retry: RetryPolicy;
  private readonly origin: string;
  private batches = 0;

  constructor(private readonly o: ServerEncoderOptions) {
    this.dim = o.dim;
    this.chunk = o.batch * o.concurrency;
    this.store = o.store ?? new EmbeddingStore();
    this.slot = limiter(o.concurrency);
    this.retry = { ...DEFAULT_RETRY, ...o.retry };
    this.origin = new URL(o.baseUrl.trim()).origin;
  }

  /**
   * Sends one probe text: checks the width and that the values are finite, learns whether the
   * server takes base64 (else numbers) and whether its vectors arrive L2-normalised.
   */
  async probe(): Promise<ServerProbe> {
    const started = performance.now();
    const live = () => !this.closed.signal.aborted;
    let vector: Float32Array;
    try {
      vector = (await this.send([PROBE_TEXT], 'the probe request', live, 'base64'))[0]!;
    } catch (e) {
      // A server that refuses the encoding_format field, or base64, gets numbers instead.
      if (!(e instanceof ServerHttpError) || ![400, 415, 422].includes(e.status)) throw e;
      this.format = 'float';
      vector = (await this.send([PROBE_TEXT], 'the probe request', live, 'float'))[0]!;
    }
    this.store.set(PROBE_TEXT, vector);
    const norm = Math.hypot(...vector);
    return { format: this.format, norm, normalized: Math.abs(norm - 1) < 1e-3, ms: performance.now() - started };
  }

  async embedBatch(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    throwIfCancelled(signal);
    // This call's interest in the requests it waits for: it ends on the caller's cancel, on a failure, or on return.
    const own = new AbortController();
    const stop = () => own.abort();
    signal?.addEventListener('abort', stop, { once: true });
    const got = new Map<string, Float32Array>();
    try {
      for (;;) {
        if (this.closed.signal.aborted) throw replaced();
        const waiting = new Set<Job>();
        const fresh: string[] = [];
        for (const text of new Set(texts)) {
          if (got.has(text)) continue;
          const kept = this.store.get(text);
          const job = this.inflight.get(text);
          if (kept) got.set(text, kept);
          else if (job) waiting.add(job);
          else fresh.push(text);
        }
        for (const job of waiting) job.callers.add(own.signal);
        for (let i = 0; i < fresh.length; i += this.o.batch)
          waiting.add(this.launch(fresh.slice(i, i + this.o.batch), own.signal));
        // Copies: the worker normalises in place, and the kept vectors must stay as the server sent them.
        if (waiting.size === 0) return texts.map((t) => got.get(t)!.slice());
        await this.settle([...waiting], got, own.signal);
        throwIfCancelled(signal);
      }
    } finally {
      own.abort();
      signal?.removeEventListener('abort', stop);
    }
  }

  dispose(): Promise<void> {
    this.closed.abort();
    return Promise.resolve();
  }

  /** Resolves once every job has landed (its vectors in `got`) or been abandoned; rejects on the first failure or on `signal`. */
  private settle(jobs: Job[], got: Map<string, Float32Array>, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      let left = jobs.length;
      const finish = (error?: Error) => {
        signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () =>
        finish(new EncoderError('cancelled', 'Stopped embedding: the query was replaced or cancelled.'));
      signal.addEventListener('abort', onAbort, { once: true });
      for (const job of jobs)
        job.vectors.then(
          (vectors) => {
            job.texts.forEach((t, i) => got.set(t, vectors[i]!));
            if (--left === 0) finish();
          },
          (e: unknown) => {
            // An abandoned request is asked again by the next round, for the callers still waiting.
            if (problemOf(e) !== 'cancelled') finish(e as Error);
            else if (--left === 0) finish();
          },
        );
    });
  }

  private launch(texts: string[], caller: AbortSignal): Job {
    const n = ++this.batches;
    const what = `batch ${n} (${texts.length} ${texts.length === 1 ? 'query' : 'queries'}, the first “${preview(texts[0]!)}”)`;
    const job: Job = { texts, callers: new Set([caller]), vectors: Promise.resolve([]) };
    const wanted = () => !this.closed.signal.aborted && [...job.callers].some((s) => !s.aborted);
    job.vectors = this.slot(() => this.send(texts, what, wanted, this.format))
      .then((vectors) => {
        texts.forEach((t, i) => this.store.set(t, vectors[i]!));
        return vectors;
      })
      .finally(() => texts.forEach((t) => this.inflight.get(t) === job && this.inflight.delete(t)));
    // Its callers handle a failure; one nobody waits for any more must not be reported as unhandled.
    job.vectors.catch(() => undefined);
    texts.forEach((t) => this.inflight.set(t, job));
    return job;
  }

  /** One request, retried on 429 and 5xx while `wanted()`. */
  private async send(
    texts: string[],
    what: string,
    wanted: () => boolean,
    format: EncodingFormat,
  ): Promise<Float32Array[]> {
    const context: FailureContext = { origin: this.origin, what, apiKey: this.o.apiKey, retries: 0 };
    for (let retry = 0; ; retry++) {
      if (!wanted()) throw abandoned();
      const { status, headers, body, ms } = await this.post(texts, format, context);
      this.o.onActivity?.({ kind: 'answer', ms, status, texts: texts.length, what });
      if (status >= 200 && status < 300) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          throw new EncoderError(
            'bad-response',
            /\b(NaN|-?Infinity)\b/.test(body)
              ? `The server's answer to ${what} holds NaN or infinite values.`
              : `The server's answer to ${what} is not JSON.`,
          );
        }
        if (format === 'base64' && answeredInFloats(parsed)) this.format = 'float';
        return readEmbeddings(parsed, texts.length, this.dim, what);
      }
      context.retries = retry;
      if (!retryable(status) || retry >= this.retry.maxRetries) throw httpFailure(status, body, context);
      const wait = retryWait(retry + 1, headers, this.retry, Date.now());
      if (wait.tooLong) throw waitTooLong(status, wait.ms / 1000, context);
      this.o.onActivity?.({
        kind: 'retry',
        status,
        retry: retry + 1,
        of: this.retry.maxRetries,
        waitMs: wait.ms,
        asked: wait.asked,
        what,
      });
      await (this.o.sleep ?? sleep)(wait.ms, this.closed.signal);
    }
  }

  private async post(texts: string[], format: EncodingFormat, context: FailureContext) {
    const seconds = this.o.timeoutSeconds;
    const timeout = AbortSignal.timeout(seconds * 1000);
    const started = performance.now();
    try {
      const response = await (this.o.fetch ?? fetch)(embeddingsUrl(this.o.baseUrl), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(this.o.apiKey.trim() ? { Authorization: `Bearer ${this.o.apiKey.trim()}` } : {}),
        },
        body: JSON.stringify(embeddingsRequest(this.o.model, texts, format)),
        // The key goes to this URL only: never after a redirect, never with cookies or a referrer.
        redirect: 'error',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.any([timeout, this.closed.signal]),
      });
      const body = await response.text();
      return { status: response.status, headers: response.headers, body, ms: performance.now() - started };
    } catch (e) {
      if (this.closed.signal.aborted) throw replaced();
      if (timeout.aborted) throw timedOut(seconds, context);
      throw unreachable(e, context);
    }
  }
}

/**
 * Connects to an embeddings server: checks its address, sends the probe, and returns the
 * encoder with what the probe found. Once `signal` aborts, the probe stops ('cancelled').
 */
export async function connectServerEncoder(
  options: ServerEncoderOptions,
  signal?: AbortSignal,
): Promise<{ encoder: ServerEncoder; probe: ServerProbe }> {
  const invalid = serverUrlProblem(options.baseUrl);
  if (invalid) throw new EncoderError('failed', invalid);
  const blocked = options.pageOrigin === null ? null : blockedByPolicy(options.baseUrl, options.pageOrigin);
  if (blocked) throw new EncoderError('blocked', blocked);
  const encoder = new ServerEncoder(options);
  const stop = () => void encoder.dispose();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return { encoder, probe: await encoder.probe() };
  } catch (e) {
    if (signal?.aborted)
      throw new EncoderError('cancelled', `Stopped connecting to ${new URL(options.baseUrl).origin}.`);
    throw e;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
