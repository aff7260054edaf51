/// <reference lib="webworker" />
import { encodeDense } from '../encoder/hashedNgrams';
import { EncoderError, problemOf, throwIfCancelled } from '../encoder/encoderError';
import { l2Normalize } from '../encoder/lastToken';
import type { Manifest } from '../bundle/manifest';
import { decodeOutputs } from './decode';
import { openSession, prefetchRuntime, type OpenSession } from './backend';
import type { EncoderRequest } from './encoderProtocol';
import type { WorkerRequest, WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let loaded: { manifest: Manifest; open: OpenSession } | null = null;
// transformers.js loads only once a bundle needs it, so the hashed n-gram bundles start as fast as before.
const encoderHost = () => import('./encoderHost');
// Requests run one at a time: a predict that arrives during load waits for it.
let queue: Promise<void> = Promise.resolve();
/** Predicts and batches not finished yet, by id: a 'cancel' aborts theirs. */
const running = new Map<number, AbortController>();

function reply(message: WorkerResponse): void {
  self.postMessage(message);
}

function failed(id: number | null, e: unknown): void {
  reply({ type: 'failed', id, message: (e as Error).message || String(e), problem: problemOf(e) });
}

function unreachable(message: never): never {
  throw new Error(`unknown request ${JSON.stringify(message)}`);
}

async function load(manifest: Manifest, onnx: ArrayBuffer): Promise<void> {
  const started = performance.now();
  await loaded?.open.session.release();
  loaded = null;
  const open = await openSession(new Uint8Array(onnx));
  loaded = { manifest, open };
  reply({
    type: 'loaded',
    backend: open.backend,
    loadMs: performance.now() - started,
    runtimeMs: open.runtimeMs,
    webgpuNote: open.webgpuNote,
  });
}

/** The encoder host, when the loaded bundle reads the encoder it has loaded. */
async function hostFor(manifest: Manifest) {
  const spec = manifest.encoder;
  if (spec.kind !== 'qwen3-embedding') return null;
  const host = await encoderHost();
  return host.loadedEncoder()?.dim === spec.dim ? host : null;
}

/**
 * The bundle's input rows for `texts`, by the encoder its manifest names, and the time spent
 * ahead on them (a query embedded while it was being typed).
 */
async function encode(
  manifest: Manifest,
  texts: string[],
  signal: AbortSignal,
): Promise<{ input: Float32Array; aheadMs: number }> {
  const spec = manifest.encoder;
  const input = new Float32Array(texts.length * spec.dim);
  if (spec.kind === 'hashed-ngrams') {
    texts.forEach((t, i) => encodeDense(t, spec, input, i * spec.dim));
    return { input, aheadMs: 0 };
  }
  const host = await hostFor(manifest);
  if (!host)
    throw new EncoderError(
      'not-loaded',
      `The ${spec.model} encoder is not loaded in this page: load it in the encoder panel to see predictions.`,
    );
  const ahead = texts.length === 1 ? host.embeddedAhead(texts[0]!) : null;
  const vectors = ahead ? [ahead.vector] : await host.embedBatch(texts, signal);
  vectors.forEach((v, i) => input.set(spec.normalize ? l2Normalize(v) : v, i * spec.dim));
  return { input, aheadMs: ahead?.ms ?? 0 };
}

async function run(texts: string[], signal: AbortSignal) {
  if (!loaded) throw new Error('no predictor is loaded');
  const { manifest, open } = loaded;
  const t0 = performance.now();
  const { input, aheadMs } = await encode(manifest, texts, signal);
  const t1 = performance.now();
  const out = await open.session.run({
    [manifest.io.input.name]: new open.ort.Tensor('float32', input, [texts.length, manifest.encoder.dim]),
  });
  const quality = out[manifest.io.quality.name];
  const natural = out[manifest.io.naturalTokens.name];
  if (!quality || !natural) throw new Error('the ONNX graph lacks the outputs its manifest names');
  const predictions = decodeOutputs(
    manifest,
    (await quality.getData()) as Float32Array,
    (await natural.getData()) as Float32Array,
    texts.length,
  );
  return { predictions, encodeMs: aheadMs + t1 - t0, inferMs: performance.now() - t1 };
}

/** The newest typed text waiting to be embedded ahead, and the one being embedded. */
let aheadNext: string | null = null;
let aheadRunning: { text: string; controller: AbortController } | null = null;

/** Stops embedding ahead a text that `text` has overtaken; the steps it finished stay in the encoder's cache. */
function overtakeAhead(text: string): void {
  if (aheadRunning && aheadRunning.text !== text) aheadRunning.controller.abort();
}

/**
 * Embeds a query as it is typed, so that its predict, sent once the page's debounce has
 * passed, finds the vector ready: with the KV cache a keystroke costs a token or two, which
 * then runs during the debounce instead of after it. Waits its turn like a predict; at most one
 * waits, the newest.
 */
function embedAhead(text: string): void {
  overtakeAhead(text);
  const waiting = aheadNext !== null;
  aheadNext = text;
  if (waiting) return;
  queue = queue.then(async () => {
    const next = aheadNext!;
    aheadNext = null;
    const host = loaded ? await hostFor(loaded.manifest) : null;
    if (!host) return;
    const controller = new AbortController();
    aheadRunning = { text: next, controller };
    try {
      await host.embedAhead(next, controller.signal);
    } catch {
      // The predict that follows embeds the text itself and reports what fails.
    } finally {
      aheadRunning = null;
    }
  });
}

/** A predict waits its turn; cancelled before it, it never runs. */
function predict(id: number, texts: string[]): void {
  const controller = new AbortController();
  running.set(id, controller);
  queue = queue.then(async () => {
    try {
      throwIfCancelled(controller.signal);
      reply({ type: 'predicted', id, ...(await run(texts, controller.signal)) });
    } catch (e) {
      failed(id, e);
    } finally {
      running.delete(id);
    }
  });
}

/** Queries per chunk for the loaded bundle: its encoder may want fewer, so progress and a cancel come sooner. */
async function chunkFor(asked: number): Promise<number> {
  if (loaded?.manifest.encoder.kind !== 'qwen3-embedding') return asked;
  const preferred = (await encoderHost()).preferredChunk();
  return Math.max(1, Math.min(asked, preferred));
}

/**
 * A batch joins the queue one chunk at a time, so a single query typed meanwhile waits for
 * one chunk, not the whole batch, and a cancel takes effect within the chunk running.
 */
function predictBatch(id: number, texts: string[], chunk: number, from = 0): void {
  if (from === 0) running.set(id, new AbortController());
  const signal = running.get(id)!.signal;
  queue = queue.then(async () => {
    const finish = (cancelled: boolean) => {
      running.delete(id);
      reply({ type: 'batch-done', id, cancelled });
    };
    if (signal.aborted) return finish(true);
    const size = await chunkFor(chunk);
    try {
      const slice = texts.slice(from, from + size);
      if (slice.length) {
        reply({ type: 'batch-progress', id, from, predictions: (await run(slice, signal)).predictions });
      }
    } catch (e) {
      if (problemOf(e) === 'cancelled') return finish(true);
      running.delete(id);
      return failed(id, e);
    }
    // The next chunk queues after a turn of the event loop, so a cancel or a typed query gets in first.
    if (from + size < texts.length) setTimeout(() => predictBatch(id, texts, chunk, from + size), 0);
    else finish(false);
  });
}

/** Encoder requests run beside the predictor queue: a long download must not hold up another bundle's predictions. */
async function handleEncoder(msg: EncoderRequest): Promise<void> {
  const { id } = msg;
  const host = await encoderHost();
  switch (msg.type) {
    case 'inspect-encoder':
      return reply({ type: 'encoder-inspected', id, inspection: await host.inspectExport(msg.source) });
    case 'load-encoder': {
      const info = await host.loadEncoder(
        msg.load,
        (loaded, total) => reply({ type: 'encoder-progress', id, loaded, total }),
        (activity) => reply({ type: 'encoder-activity', activity }),
      );
      return reply({ type: 'encoder-loaded', id, info });
    }
    case 'forget-encoder-cache':
      await host.forgetCachedWeights();
      return reply({ type: 'encoder-cache-forgotten', id });
    default:
      return unreachable(msg);
  }
}

prefetchRuntime();

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'load':
      queue = queue.then(() => load(msg.manifest, msg.onnx).catch((e: unknown) => failed(null, e)));
      return;
    case 'predict':
      overtakeAhead(msg.texts[0] ?? '');
      return predict(msg.id, msg.texts);
    case 'embed-ahead':
      return embedAhead(msg.text);
    case 'predict-batch':
      return predictBatch(msg.id, msg.texts, Math.max(1, msg.chunk));
    case 'cancel':
      running.get(msg.id)?.abort();
      return;
    case 'inspect-encoder':
    case 'load-encoder':
    case 'forget-encoder-cache':
      handleEncoder(msg).catch((e: unknown) => failed(msg.id, e));
      return;
    default:
      return unreachable(msg);
  }
};
