/** Why the encoder could not load or embed, with a message meant for the person at the screen. */
export type EncoderProblem =
  | 'offline'
  | 'not-found'
  | 'not-an-export'
  | 'wrong-model'
  | 'bad-tokenizer'
  | 'no-hidden-states'
  | 'width'
  | 'out-of-memory'
  | 'empty-text'
  /** Asked to embed while no encoder the bundle can read is loaded. */
  | 'not-loaded'
  | 'cancelled'
  /** An embeddings server refused the key (401, 403). */
  | 'auth'
  /** An embeddings server kept answering 429 past the retries, or asked to wait longer than the page waits. */
  | 'rate-limited'
  /** An embeddings server kept failing (5xx) past the retries. */
  | 'server-error'
  /** An embeddings server refused a request (another 4xx): the status and the batch are named. */
  | 'rejected'
  /** An embeddings server did not answer in time. */
  | 'timeout'
  /** No connection to an embeddings server: down, a wrong address, or CORS. */
  | 'unreachable'
  /** The page's Content-Security-Policy does not let it connect to that origin. */
  | 'blocked'
  /** An embeddings server answered with something that is not one finite vector per text. */
  | 'bad-response'
  | 'failed';

export class EncoderError extends Error {
  override name = 'EncoderError';
  constructor(
    readonly problem: EncoderProblem,
    message: string,
  ) {
    super(message);
  }
}

/** What a cancelled load says; the panel shows it as a note, not as an error. */
export function cancelled(what: string): EncoderError {
  return new EncoderError('cancelled', `Stopped loading ${what}.`);
}

/** Throws the 'cancelled' EncoderError once `signal` has aborted: an embedding stops between its steps. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EncoderError('cancelled', 'Stopped embedding: the query was replaced or cancelled.');
}

/** The kind of an error, for the worker's 'failed' reply: null when it is not an EncoderError. */
export function problemOf(e: unknown): EncoderProblem | null {
  return e instanceof EncoderError ? e.problem : null;
}

/** The error a 'failed' reply stands for: an EncoderError again when it was one, so its kind survives the worker. */
export function errorFromReply(message: string, problem: EncoderProblem | null): Error {
  return problem ? new EncoderError(problem, message) : new Error(message);
}

const OUT_OF_MEMORY =
  /out of memory|array buffer allocation failed|invalid (typed )?array( buffer)? length|could not allocate|cannot allocate|bad_alloc|memory allocation|maximum memory size|Aborted\(OOM\)/i;

/**
 * Turns what onnxruntime-web or the browser threw while loading into an EncoderError. A
 * failed allocation has many spellings (wasm, WebGPU, V8), hence the pattern.
 */
export function explainLoadError(e: unknown, what: string): EncoderError {
  if (e instanceof EncoderError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (OUT_OF_MEMORY.test(message)) {
    return new EncoderError(
      'out-of-memory',
      `Ran out of memory loading ${what}. Pick a smaller precision (q8 or q4), close other tabs, or use a machine with more memory. (${message})`,
    );
  }
  return new EncoderError('failed', `Could not load ${what}: ${message}`);
}
