/// <reference lib="webworker" />
import { encodeDense } from '../encoder/hashedNgrams';
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

function reply(message: WorkerResponse): void {
  self.postMessage(message);
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

/** The bundle's input rows for `texts`, by the encoder its manifest names. */
async function encode(manifest: Manifest, texts: string[]): Promise<Float32Array> {
  const spec = manifest.encoder;
  const input = new Float32Array(texts.length * spec.dim);
  if (spec.kind === 'hashed-ngrams') {
    texts.forEach((t, i) => encodeDense(t, spec, input, i * spec.dim));
    return input;
  }
  const host = await encoderHost();
  const encoder = host.loadedEncoder();
  if (!encoder || encoder.dim !== spec.dim)
    throw new Error(
      `the ${spec.model} encoder is not loaded in this page: load it in the encoder panel to see predictions`,
    );
  for (const [i, text] of texts.entries()) input.set(await host.embed(text, spec.normalize), i * spec.dim);
  return input;
}

async function run(texts: string[]) {
  if (!loaded) throw new Error('no predictor is loaded');
  const { manifest, open } = loaded;
  const t0 = performance.now();
  const input = await encode(manifest, texts);
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
  return { predictions, encodeMs: t1 - t0, inferMs: performance.now() - t1 };
}

async function predict(id: number, texts: string[]): Promise<void> {
  reply({ type: 'predicted', id, ...(await run(texts)) });
}

/** The batches in progress, and whether each has been cancelled. */
const batches = new Map<number, { cancelled: boolean }>();

/**
 * A batch joins the queue one chunk at a time, so a single query typed meanwhile waits for
 * one chunk, not the whole batch, and a cancel takes effect before the next chunk.
 */
function predictBatch(id: number, texts: string[], chunk: number, from = 0): void {
  if (from === 0) batches.set(id, { cancelled: false });
  queue = queue.then(async () => {
    const finish = (cancelled: boolean) => {
      batches.delete(id);
      reply({ type: 'batch-done', id, cancelled });
    };
    if (batches.get(id)?.cancelled) return finish(true);
    try {
      const slice = texts.slice(from, from + chunk);
      if (slice.length) reply({ type: 'batch-progress', id, from, predictions: (await run(slice)).predictions });
    } catch (e) {
      batches.delete(id);
      return failed(id, e);
    }
    // The next chunk queues after a turn of the event loop, so a cancel or a typed query gets in first.
    if (from + chunk < texts.length) setTimeout(() => predictBatch(id, texts, chunk, from + chunk), 0);
    else finish(false);
  });
}

/** Encoder requests run beside the predictor queue: a long download must not hold up another bundle's predictions. */
async function handleEncoder(msg: EncoderRequest): Promise<void> {
  const { id } = msg;
  const host = await encoderHost();
  if (msg.type === 'inspect-encoder')
    reply({ type: 'encoder-inspected', id, inspection: await host.inspectExport(msg.source) });
  else if (msg.type === 'load-encoder') {
    const info = await host.loadEncoder(msg.load, (loaded, total) =>
      reply({ type: 'encoder-progress', id, loaded, total }),
    );
    reply({ type: 'encoder-loaded', id, info });
  } else {
    await host.forgetCachedWeights();
    reply({ type: 'encoder-cache-forgotten', id });
  }
}

function failed(id: number | null, e: unknown): void {
  reply({ type: 'failed', id, message: (e as Error).message || String(e) });
}

prefetchRuntime();

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  if (msg.type === 'predict-batch') return predictBatch(msg.id, msg.texts, Math.max(1, msg.chunk));
  if (msg.type === 'cancel-batch') {
    const batch = batches.get(msg.id);
    if (batch) batch.cancelled = true;
    return;
  }
  if (msg.type !== 'load' && msg.type !== 'predict') {
    handleEncoder(msg).catch((e: unknown) => failed(msg.id, e));
    return;
  }
  queue = queue.then(async () => {
    try {
      if (msg.type === 'load') await load(msg.manifest, msg.onnx);
      else await predict(msg.id, msg.texts);
    } catch (e) {
      failed(msg.type === 'predict' ? msg.id : null, e);
    }
  });
};
