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
  | 'cancelled'
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

const CANCELLED = 'Stopped loading ';

/** What a cancelled load says; the panel shows it as a note, not as an error. */
export function cancelled(what: string): EncoderError {
  return new EncoderError('cancelled', `${CANCELLED}${what}.`);
}

export function isCancellation(message: string): boolean {
  return message.startsWith(CANCELLED);
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
