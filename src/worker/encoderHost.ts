import { env } from '@huggingface/transformers';
// transformers.js runs its own onnxruntime-web build (a different version from the app's),
// whose wasm must match it exactly; serving it from this origin keeps it off any CDN.
import transformersOrtWasm from '../../node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm?url';
import { EncoderError } from '../encoder/encoderError';
import { defaultPrecision, exportOptions, type ExportFile, type PrecisionOption } from '../encoder/exportFiles';
import { hubFileUrl, listedFetch, listHubExport, offlineError } from '../encoder/hub';
import { listPicked, PICKED_ROOT, servePicked } from '../encoder/pickedFolder';
import { loadQwen3Encoder, type Qwen3Encoder } from '../encoder/qwen3';
import {
  ENCODER_CACHE,
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

const defaultFetch = globalThis.fetch.bind(globalThis);
env.cacheKey = ENCODER_CACHE;
// The wasm is served by this page's own server (and so by its HTTP cache): no need to copy it into Cache Storage.
env.useWasmCache = false;
const ortWasm = env.backends.onnx.wasm;
if (ortWasm) {
  ortWasm.wasmPaths = { wasm: new URL(transformersOrtWasm, self.location.href).href };
  // Threads need SharedArrayBuffer, which only a cross-origin-isolated page has.
  ortWasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
}

let current: { encoder: Qwen3Encoder; info: EncoderInfo } | null = null;
/** Embeddings in flight: an encoder is disposed only after they finish. */
let busy: Promise<unknown> = Promise.resolve();

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
  const hits = await Promise.all(option.files.map((f) => cache.match(hubFileUrl(source.id, f))));
  return hits.every(Boolean);
}

export async function inspectExport(source: EncoderSource): Promise<ExportInspection> {
  const options = exportOptions(await listFiles(source), describe(source));
  const cache = await weightsCache();
  return {
    options: await Promise.all(options.map(async (o) => ({ ...o, cached: await isCached(source, o, cache) }))),
    recommended: defaultPrecision(options),
  };
}

/** Points transformers.js at the Hub (with the browser cache) or at the picked files (with no cache, nothing remote). */
function pointTransformersAt(source: EncoderSource, files: readonly ExportFile[]): string {
  if (source.kind === 'hub') {
    Object.assign(env, {
      allowRemoteModels: true,
      allowLocalModels: false,
      useBrowserCache: true,
      fetch: listedFetch(source.id, files, defaultFetch),
    });
    return source.id;
  }
  const picked = servePicked(source.files, defaultFetch);
  Object.assign(env, {
    allowRemoteModels: false,
    allowLocalModels: true,
    useBrowserCache: false,
    localModelPath: PICKED_ROOT,
    fetch: picked.fetch,
  });
  return picked.model;
}

export async function loadEncoder(
  request: EncoderLoad,
  onProgress: (loaded: number, total: number) => void,
): Promise<EncoderInfo> {
  const started = performance.now();
  const { source, precision, device, dim } = request;
  const files = await listFiles(source);
  const option = exportOptions(files, describe(source)).find((o) => o.precision === precision);
  if (!option) throw new EncoderError('not-an-export', `${describe(source)} has no ${precision} weights.`);
  const from =
    source.kind === 'folder' ? 'folder' : (await isCached(source, option, await weightsCache())) ? 'cache' : 'hub';
  const previous = current;
  current = null;
  await busy;
  await previous?.encoder.dispose();
  const label = describe(source);
  try {
    const encoder = await loadQwen3Encoder({ model: pointTransformersAt(source, files), label, option, device, dim, onProgress });
    const info: EncoderInfo = {
      label,
      precision,
      device,
      dim,
      bytes: option.bytes,
      from,
      loadMs: performance.now() - started,
    };
    current = { encoder, info };
    return info;
  } catch (e) {
    const error = e as EncoderError;
    // A fetch that never got an answer means the network is gone, whatever wording the browser used.
    if (source.kind === 'hub' && error.problem === 'failed' && /fetch|network/i.test(error.message))
      throw offlineError(error.message);
    throw error;
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
