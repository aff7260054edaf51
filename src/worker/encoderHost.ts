import { EncoderError } from '../encoder/encoderError';
import { exportOptions, type ExportFile, type PrecisionOption } from '../encoder/exportFiles';
import type { ExportReader } from '../encoder/exportReader';
import { hubFileUrl, hubReader, listHubExport, offlineError } from '../encoder/hub';
import { listPicked, pickedReader } from '../encoder/pickedFolder';
import { loadQwen3Encoder } from '../encoder/qwen3';
import { tokenizerWarning } from '../encoder/qwen3Tokenizer';
import type { EncoderActivity, QueryEncoder } from '../encoder/queryEncoder';
import { EmbeddingStore } from '../encoder/server/embeddingStore';
import { connectServerEncoder } from '../encoder/server/serverEncoder';
import { ENCODER_KV_CACHE_MB } from '../config';
import {
  ENCODER_CACHE,
  ENCODER_CANCEL_CHANNEL,
  isServerLoad,
  type EncoderInfo,
  type EncoderLoad,
  type ExportInfo,
  type ExportLoad,
  type ExportSource,
  type ExportInspection,
  type ServerInfo,
  type ServerLoad,
} from './encoderProtocol';
import { encoderRuntime } from './encoderRuntime';

/**
 * The worker's side of the query encoder: reads what an export offers, loads one precision
 * of it (from the Hub, cached in Cache Storage, or from a picked folder), or connects to an
 * embeddings server, and embeds queries with whichever encoder is loaded, through the one
 * QueryEncoder interface.
 */

let current: { encoder: QueryEncoder; info: EncoderInfo } | null = null;
/** The last text the loaded encoder embedded ahead of its predict, and how long it took (dropped with the encoder). */
let ahead: { text: string; vector: Float32Array; ms: number } | null = null;
/** Embeddings in flight: an encoder is disposed only after they finish. */
let busy: Promise<unknown> = Promise.resolve();
/** Loads that may be cancelled, by the token their request carried. */
const cancellable = new Map<string, AbortController>();
/** The vectors one server and model have sent, kept across its connections (a new key, a reconnect). */
let serverVectors: { server: string; store: EmbeddingStore } | null = null;
/**
 * Tokens cancelled before their load began: the cancel comes over a BroadcastChannel and the
 * load over the worker's port, and nothing orders the two.
 */
const cancelledEarly = new Set<string>();
new BroadcastChannel(ENCODER_CANCEL_CHANNEL).onmessage = (e: MessageEvent<{ token?: string }>) => {
  const token = e.data.token ?? '';
  const load = cancellable.get(token);
  if (load) load.abort();
  else cancelledEarly.add(token);
};

/** The controller a load stops by, listed under its token (and aborted at once if its cancel came first). */
function cancellableLoad(token: string | undefined): AbortController {
  const controller = new AbortController();
  if (!token) return controller;
  if (cancelledEarly.delete(token)) controller.abort();
  else cancellable.set(token, controller);
  return controller;
}

async function weightsCache(): Promise<Cache | null> {
  try {
    return await caches.open(ENCODER_CACHE);
  } catch {
    // Some private modes refuse Cache Storage; loading still works, just without a cache.
    return null;
  }
}

async function listFiles(source: ExportSource): Promise<ExportFile[]> {
  return source.kind === 'hub' ? listHubExport(source.id, await weightsCache()) : listPicked(source.files);
}

function describe(source: ExportSource): string {
  return source.kind === 'hub' ? source.id : `the folder "${source.name}"`;
}

async function isCached(source: ExportSource, option: PrecisionOption, cache: Cache | null): Promise<boolean> {
  if (source.kind !== 'hub' || !cache) return false;
  const hits = await Promise.all(option.files.map((f) => cache.match(hubFileUrl(source.id, f.path))));
  return hits.every(Boolean);
}

function readerFor(source: ExportSource, cache: Cache | null): { files: ExportReader; written: () => Promise<void> } {
  if (source.kind === 'folder') return { files: pickedReader(source.files), written: () => Promise.resolve() };
  const hub = hubReader(source.id, cache);
  return { files: hub, written: () => hub.written() };
}

export async function inspectExport(source: ExportSource): Promise<ExportInspection> {
  const options = exportOptions(await listFiles(source), describe(source));
  const cache = await weightsCache();
  return { options: await Promise.all(options.map(async (o) => ({ ...o, cached: await isCached(source, o, cache) }))) };
}

/** Lets go of the loaded encoder and what it embedded ahead, disposing of it once the embeddings in flight finish. */
async function dropCurrent(): Promise<void> {
  const previous = current;
  current = null;
  ahead = null;
  await busy;
  await previous?.encoder.dispose();
}

/** Connects to an embeddings server; its answers and retries are reported through `onActivity` from then on. */
async function connectServer(
  { source, dim, cancelToken }: ServerLoad,
  onActivity: (activity: EncoderActivity) => void,
): Promise<ServerInfo> {
  const started = performance.now();
  const controller = cancellableLoad(cancelToken);
  try {
    await dropCurrent();
    const { kind: _, apiKey: __, ...settings } = source;
    const server = `${settings.baseUrl.trim()}|${settings.model}`;
    if (serverVectors?.server !== server) serverVectors = { server, store: new EmbeddingStore() };
    const { encoder, probe } = await connectServerEncoder(
      { ...source, dim, pageOrigin: self.location.origin, store: serverVectors.store, onActivity },
      controller.signal,
    );
    const info: ServerInfo = {
      label: `${settings.model} at ${new URL(settings.baseUrl).origin}`,
      dim,
      from: 'server',
      loadMs: performance.now() - started,
      server: { ...settings, ...probe },
    };
    current = { encoder, info };
    return info;
  } finally {
    if (cancelToken) cancellable.delete(cancelToken);
  }
}

export async function loadEncoder(
  request: EncoderLoad,
  onProgress: (loaded: number, total: number) => void,
  onActivity: (activity: EncoderActivity) => void = () => undefined,
): Promise<EncoderInfo> {
  if (isServerLoad(request)) return connectServer(request, onActivity);
  return loadExport(request, onProgress, onActivity);
}

async function loadExport(
  request: ExportLoad,
  onProgress: (loaded: number, total: number) => void,
  onActivity: (activity: EncoderActivity) => void,
): Promise<EncoderInfo> {
  const started = performance.now();
  const { source, precision, device, dim, model, cancelToken } = request;
  const controller = cancellableLoad(cancelToken);
  try {
    const files = await listFiles(source);
    const option = exportOptions(files, describe(source)).find((o) => o.precision === precision);
    if (!option) throw new EncoderError('not-an-export', `${describe(source)} has no ${precision} weights.`);
    const cache = source.kind === 'hub' ? await weightsCache() : null;
    const from = source.kind === 'folder' ? 'folder' : (await isCached(source, option, cache)) ? 'cache' : 'hub';
    await dropCurrent();
    const label = describe(source);
    const { files: reader, written } = readerFor(source, cache);
    const encoder = await loadQwen3Encoder({
      files: reader,
      ort: await encoderRuntime(device === 'webgpu' ? 'webgpu' : 'wasm'),
      cacheBytes: ENCODER_KV_CACHE_MB * 1e6,
      onActivity,
      label,
      option,
      device,
      dim,
      onProgress,
      signal: controller.signal,
    });
    // The cache says "cached" only once every file is in it.
    await written();
    const info: ExportInfo = {
      label,
      precision,
      device: encoder.device,
      webgpuFallback: encoder.webgpuFallback ?? undefined,
      dim,
      bytes: option.bytes,
      from,
      loadMs: performance.now() - started,
      hiddenState: encoder.hiddenState,
      loadSteps: encoder.loadSteps,
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

/** How many queries the loaded encoder embeds well in one call. */
export function preferredChunk(): number {
  return current?.encoder.chunk ?? 1;
}

/** The loaded encoder's vectors for `texts`, as it gives them; see QueryEncoder. */
export function embedBatch(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
  if (!current) return Promise.reject(new EncoderError('not-loaded', 'No query encoder is loaded.'));
  const run = current.encoder.embedBatch(texts, signal);
  busy = run.catch(() => undefined);
  return run;
}

/**
 * Embeds a query being typed before its predict asks for it. Only an encoder in this page: a
 * server is asked once per settled query, not per keystroke.
 */
export async function embedAhead(text: string, signal: AbortSignal): Promise<void> {
  if (!current || current.info.from === 'server') return;
  const { encoder } = current;
  const started = performance.now();
  const [vector] = await embedBatch([text], signal);
  // A load that began meanwhile has dropped this encoder: its vector must not outlive it.
  if (current?.encoder === encoder) ahead = { text, vector: vector!, ms: performance.now() - started };
}

/** `text`'s vector and the time it took, when the encoder loaded now embedded it ahead. */
export function embeddedAhead(text: string): { vector: Float32Array; ms: number } | null {
  return ahead?.text === text ? ahead : null;
}

/** Drops every cached file list and weight; the loaded encoder stays in memory. */
export async function forgetCachedWeights(): Promise<void> {
  await caches.delete(ENCODER_CACHE);
}
