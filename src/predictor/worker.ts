/// <reference lib="webworker" />
import { encodeDense } from '../encoder/hashedNgrams';
import type { Manifest } from '../bundle/manifest';
import { decodeOutputs } from './decode';
import { openSession, type OpenSession } from './backend';
import type { WorkerRequest, WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let loaded: { manifest: Manifest; open: OpenSession } | null = null;
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
  reply({ type: 'loaded', backend: open.backend, loadMs: performance.now() - started, webgpuNote: open.webgpuNote });
}

async function predict(id: number, texts: string[]): Promise<void> {
  if (!loaded) throw new Error('no predictor is loaded');
  const { manifest, open } = loaded;
  const spec = manifest.encoder;
  if (spec.kind !== 'hashed-ngrams') throw new Error(`the ${spec.model} encoder is not loaded in this page, so this bundle cannot predict yet`);
  const t0 = performance.now();
  const input = new Float32Array(texts.length * spec.dim);
  texts.forEach((t, i) => encodeDense(t, spec, input, i * spec.dim));
  const t1 = performance.now();
  const out = await open.session.run({ [manifest.io.input.name]: new open.ort.Tensor('float32', input, [texts.length, spec.dim]) });
  const quality = out[manifest.io.quality.name];
  const natural = out[manifest.io.naturalTokens.name];
  if (!quality || !natural) throw new Error('the ONNX graph lacks the outputs its manifest names');
  const predictions = decodeOutputs(manifest, (await quality.getData()) as Float32Array, (await natural.getData()) as Float32Array, texts.length);
  reply({ type: 'predicted', id, predictions, encodeMs: t1 - t0, inferMs: performance.now() - t1 });
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  queue = queue.then(async () => {
    try {
      if (msg.type === 'load') await load(msg.manifest, msg.onnx);
      else await predict(msg.id, msg.texts);
    } catch (e) {
      reply({ type: 'failed', id: msg.type === 'predict' ? msg.id : null, message: (e as Error).message || String(e) });
    }
  });
};
