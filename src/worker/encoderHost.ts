import type * as Ort from 'onnxruntime-web';
// transformers.js pins its own onnxruntime-web build (a different version from the app's), which
// the encoder runs on: a runtime apart from the predictor's, with its own threads. The path has
// no declarations of its own; its API is onnxruntime-web's.
// @ts-expect-error -- no declaration file for this path
import * as bundledOrt from '../../node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort.webgpu.bundle.min.mjs';
// Its wasm must match it exactly; serving it from this origin keeps it off any CDN.
import bundledOrtWasm from '../../node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm?url';
import { EncoderError } from '../encoder/encoderError';
import { exportOptions, type ExportFile, type PrecisionOption } from '../encoder/exportFiles';
import type { ExportReader } from '../encoder/exportReader';
import { hubFileUrl, hubReader, listHubExport, offlineError } from '../encoder/hub';
import { listPicked, pickedReader } from '../encoder/pickedFolder';
import { loadQwen3Encoder, type Qwen3Encoder } from '../encoder/qwen3';
import { tokenizerWarning } from '../encoder/qwen3Tokenizer';
import type { OnnxRuntime } from '../encoder/sessionFeeds';
import {
  ENCODER_CACHE,
  ENCODER_CANCEL_CHANNEL,
  type EncoderInfo,
  type EncoderLoad,
  type EncoderSource,
  type ExportInspection,
} from './encoderProtocol';

/**
 * The worker's side of the query encoder: reads what an export offers, loads one precision
 * of it (from the Hub, cached in Cache Storage, or from a picked folder) and embeds queries.
 */

declare const self: DedicatedWorkerGlobalScope;

const ort = bundledOrt as OnnxRuntime & { env: Ort.Env };
ort.env.wasm.wasmPaths = { wasm: new URL(bundledOrtWasm, self.location.href).href };
// Threads need SharedArrayBuffer, which only a cross-origin-isolated page has.
ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;

let current: { encoder: Qwen3Encoder; info: EncoderInfo } | null = null;
/** Embeddings in flight: an encoder is disposed only after they finish. */
let busy: Promise<unknown> = Promise.resolve();
/** Loads that may be cancelled, by the token their request carried. */
const cancellable = new Map<string, AbortController>();
new BroadcastChannel(ENCODER_CANCEL_CHANNEL).onmessage = (e: MessageEvent<{ token?: string }>) =>
  cancellable.get(e.data.token ?? '')?.abort();

async function weightsCache(): Promise<Cache | null> {
  try {
    return await caches.open(ENCODER_CACHE);
  } catch {
    // Some private modes refuse Cache Storage; loading still works, just without a cache.
    return null;
  }
}

async function listFiles(source: EncoderSource): Promise<ExportFile[]> {
  return source.kind === 'hub' ? listHubExport(source.id, await weightsCache()) : listPicked(source.files);
}

function describe(source: EncoderSource): string {
  return source.kind === 'hub' ? source.id : `the folder "${source.name}"`;
}

async function isCached(source: EncoderSource, option: PrecisionOption, cache: Cache | null): Promise<boolean> {
  if (source.kind !== 'hub' || !cache) return false;
  const hits = await Promise.all(option.files.map((f) => cache.match(hubFileUrl(source.id, f.path))));
  return hits.every(Boolean);
}

function readerFor(source: EncoderSource, cache: Cache | null): { files: ExportReader; written: () => Promise<void> } {
  if (source.kind === 'folder') return { files: pickedReader(source.files), written: () => Promise.resolve() };
  const hub = hubReader(source.id, cache);
  return { files: hub, written: () => hub.written() };
}

export async function inspectExport(source: EncoderSource): Promise<ExportInspection> {
  const options = exportOptions(await listFiles(source), describe(source));
  const cache = await weightsCache();
  return { options: await Promise.all(options.map(async (o) => ({ ...o, cached: await isCached(source, o, cache) }))) };
}

export async function loadEncoder(
  request: EncoderLoad,
  onProgress: (loaded: number, total: number) => void,
): Promise<EncoderInfo> {
  const started = performance.now();
  const { source, precision, device, dim, model, cancelToken } = request;
  const controller = new AbortController();
  if (cancelToken) cancellable.set(cancelToken, controller);
  try {
    const files = await listFiles(source);
    const option = exportOptions(files, describe(source)).find((o) => o.precision === precision);
    if (!option) throw new EncoderError('not-an-export', `${describe(source)} has no ${precision} weights.`);
    const cache = source.kind === 'hub' ? await weightsCache() : null;
    const from = source.kind === 'folder' ? 'folder' : (await isCached(source, option, cache)) ? 'cache' : 'hub';
    const previous = current;
    current = null;
    await busy;
    await previous?.encoder.dispose();
    const label = describe(source);
    const { files: reader, written } = readerFor(source, cache);
    const encoder = await loadQwen3Encoder({
      files: reader,
      ort,
      label,
      option,
      device,
      dim,
      onProgress,
      signal: controller.signal,
    });
    // The cache says "cached" only once every file is in it.
    await written();
    const info: EncoderInfo = {
      label,
      precision,
      device: encoder.device,
      webgpuFallback: encoder.webgpuFallback ?? undefined,
      dim,
      bytes: option.bytes,
      from,
      loadMs: performance.now() - started,
      hiddenState: encoder.hiddenState,
      tokenizerWarning: tokenizerWarning(model, encoder.tokenizerSha256, label),
    };
    current = { encoder, info };
    return info;
  } catch (e) {
    const error = e as EncoderError;
    // A download cut off midway means the network is gone, whatever wording the browser used.
    if (source.kind === 'hub' && error.problem === 'failed' && /fetch|network/i.test(error.message))
      throw offlineError(error.message);
    throw error;
  } finally {
    if (cancelToken) cancellable.delete(cancelToken);
  }
}

export function loadedEncoder(): EncoderInfo | null {
  return current?.info ?? null;
}

export function embed(text: string, normalize: boolean): Promise<Float32Array> {
  if (!current) throw new Error('no query encoder is loaded');
  const run = current.encoder.embed(text, normalize);
  busy = run.catch(() => undefined);
  return run;
}

/** Drops every cached file list and weight; the loaded encoder stays in memory. */
export async function forgetCachedWeights(): Promise<void> {
  await caches.delete(ENCODER_CACHE);
}
