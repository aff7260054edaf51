import type { EncoderSpec, Manifest } from '../bundle/manifest';
import type { EncoderInfo } from '../worker/encoderProtocol';

/**
 * The one answer to "can the loaded bundle predict now?", for the views, the workload store
 * and everything else that calls the worker: ready (with a key that changes with the bundle
 * and its encoder, so predictions made with one are never shown for another), or why not.
 */

/** Where the query encoder stands for the bundle: `none` when the bundle needs no encoder to be loaded. */
export type EncoderReadiness = 'none' | 'not loaded' | 'loading' | 'ready';

export type NotReady =
  /** The bundle is on its way to the worker. */
  | 'loading'
  /** The bundle could not be loaded (the predictor's error says why). */
  | 'failed'
  /** The bundle reads an encoder that nobody has loaded yet: only a person can start that. */
  | 'encoder-not-loaded'
  /** Its encoder is loading: it will be ready when that ends. */
  | 'encoder-loading';

export type Readiness = { encoder: EncoderReadiness } & (
  { ready: true; key: string; manifest: Manifest } | { ready: false; why: NotReady; message: string }
);

export interface ReadinessInputs {
  predictor: { status: 'loading' | 'ready' | 'failed'; key: string | null; manifest: Manifest | null };
  encoder: { status: 'not loaded' | 'loading' | 'ready'; info: EncoderInfo | null };
}

function encoderName(spec: Extract<EncoderSpec, { kind: 'qwen3-embedding' }>): string {
  return spec.model.split('/').pop()!;
}

/**
 * A key that names the encoder's vectors: a load of an export is its own; a server and model
 * send the same vectors on every connection, so reconnecting (with a new key, say) keeps what
 * was predicted with it.
 */
function encoderKey(info: EncoderInfo): string {
  if (info.from === 'server') return `server|${info.server.baseUrl.trim()}|${info.server.model}`;
  return `${info.label}|${info.precision}|${info.device}|${info.loadMs}`;
}

/** Whether `info` is an encoder the bundle's heads can read, and a key that names it. */
function encoderFor(spec: EncoderSpec, { status, info }: ReadinessInputs['encoder']) {
  if (spec.kind !== 'qwen3-embedding') return { encoder: 'none' as const, key: 'built-in' };
  if (info && info.dim === spec.dim) return { encoder: 'ready' as const, key: encoderKey(info) };
  return { encoder: status === 'loading' ? ('loading' as const) : ('not loaded' as const), key: null };
}

export function readiness({ predictor, encoder }: ReadinessInputs): Readiness {
  const { status, key, manifest } = predictor;
  // The encoder's state is the bundle on screen's, even while another bundle loads.
  const state = manifest ? encoderFor(manifest.encoder, encoder) : { encoder: 'none' as const, key: null };
  if (status === 'failed')
    return {
      ready: false,
      encoder: state.encoder,
      why: 'failed',
      message: 'No predictor is loaded: the message above says why.',
    };
  if (status === 'loading' || key === null || manifest === null)
    return { ready: false, encoder: state.encoder, why: 'loading', message: 'Loading the predictor…' };
  if (state.key !== null) return { ready: true, encoder: state.encoder, key: `${key}|${state.key}`, manifest };
  const spec = manifest.encoder;
  const name = spec.kind === 'qwen3-embedding' ? encoderName(spec) : '';
  return state.encoder === 'loading'
    ? { ready: false, encoder: 'loading', why: 'encoder-loading', message: `Loading the ${name} encoder…` }
    : {
        ready: false,
        encoder: 'not loaded',
        why: 'encoder-not-loaded',
        message: `This bundle needs the ${name} encoder: load it to see predictions.`,
      };
}

/** Whether waiting can end in readiness: loading ends by itself; a failure or an encoder nobody loads does not. */
export function worthWaiting(r: Readiness): boolean {
  return !r.ready && (r.why === 'loading' || r.why === 'encoder-loading');
}

export type ReadyBundle = Extract<Readiness, { ready: true }>;

/**
 * Resolves once `current()` is ready, re-reading it whenever `subscribe` says something
 * changed; `onWait` hears why it waits. Rejects, with the reason, when readiness cannot come
 * by itself (a failed bundle, an encoder not loaded), and when `signal` aborts.
 */
export function whenReady(
  current: () => Readiness,
  subscribe: (listener: () => void) => () => void,
  signal: AbortSignal,
  onWait: (message: string) => void = () => undefined,
): Promise<ReadyBundle> {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const stop = () => {
      unsubscribe();
      signal.removeEventListener('abort', abort);
    };
    const abort = () => {
      stop();
      reject(signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    const check = () => {
      const r = current();
      if (r.ready) {
        stop();
        resolve(r);
      } else if (!worthWaiting(r)) {
        stop();
        reject(new Error(r.message));
      } else onWait(r.message);
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    unsubscribe = subscribe(check);
    check();
  });
}
