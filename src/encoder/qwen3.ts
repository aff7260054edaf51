import type * as Ort from 'onnxruntime-web';
import { cancelled, EncoderError, explainLoadError, throwIfCancelled } from './encoderError';
import { readAll, readBytes, readText, type ExportReader } from './exportReader';
import type { PrecisionOption } from './exportFiles';
import { floatValues } from './float16';
import { PATCH_SLACK } from './graphPatch';
import { exposeHiddenState, type ExposedHiddenState } from './hiddenStateOutput';
import { lastTokenEmbedding } from './lastToken';
import { qwen3Tokenizer, type Qwen3Tokenizer } from './qwen3Tokenizer';
import { cachedRuns } from './cachedRuns';
import type { CacheActivity, QueryEncoder } from './queryEncoder';
import { sessionFeeds, type OnnxRuntime, type Qwen3Config } from './sessionFeeds';
import { onDevice } from './webgpuFallback';

/**
 * The Qwen3 query encoder: an export's tokenizer (transformers.js) and ONNX graph
 * (onnxruntime-web in the browser, onnxruntime-node in Node), and the embedding the released
 * router was trained on — the last token's final hidden state, L2-normalised.
 *
 * The graph's bytes are read here, not by transformers.js, because they are patched before
 * the session is made: a text-generation export gets its hidden state as an output and, where
 * it can, loses its KV cache (hiddenStateOutput.ts). The session is then run with explicit inputs, fetching that one output.
 *
 * Texts are embedded one at a time, so no padding is ever added and the last token is the
 * text's own last token (batched last-token pooling would have to skip right padding).
 */

export type Device = 'wasm' | 'webgpu' | 'cpu';

export interface LoadOptions {
  files: ExportReader;
  ort: OnnxRuntime;
  /** How the export is named in messages. */
  label: string;
  option: PrecisionOption;
  device: Device;
  /** The width the bundle's heads read. */
  dim: number;
  /** Bytes read so far over bytes to read, across every file of the chosen precision. */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  /** The memory the KV caches of recent texts may take (prefixCache.ts); 0 keeps none. */
  cacheBytes?: number;
  /** Hears what the KV cache gave each text (an export whose attention continues a prefix). */
  onActivity?: (activity: CacheActivity) => void;
}

/** Where a load's time went: reading the graph and its data, patching it, making the session, the probe text. */
export interface LoadSteps {
  readMs: number;
  patchMs: number;
  sessionMs: number;
  probeMs: number;
}

/** Its batches give the raw last-token hidden states, one text after another. */
export interface Qwen3Encoder extends QueryEncoder {
  readonly loadSteps: LoadSteps;
  /** Where it runs: the device asked for, or WASM when WebGPU could not run it (webgpuFallback.ts). */
  readonly device: Device;
  /** Why WebGPU was asked for and WASM runs instead; null when it runs where asked. */
  readonly webgpuFallback: string | null;
  /** SHA-256 of the export's tokenizer.json. */
  readonly tokenizerSha256: string;
  /** The output the embedding is read from, what was done to the graph to have it, and to its KV cache. */
  readonly hiddenState: Pick<ExposedHiddenState, 'output' | 'patch' | 'kvCache'>;
  /** The last token's hidden state for `text`, L2-normalised when `normalize` is set; see QueryEncoder for `signal`. */
  embed(text: string, normalize: boolean, signal?: AbortSignal): Promise<Float32Array>;
}

/** Run once at load so a width mismatch or an execution failure shows before the first query. */
const PROBE_TEXT = 'Which LLM should answer this?';
/** Progress is reported in steps of this share of the total, not on every chunk. */
const PROGRESS_STEP = 1 / 200;

function progressCounter(total: number, report: LoadOptions['onProgress']): (bytes: number) => void {
  let loaded = 0;
  let shown = -Infinity;
  return (bytes) => {
    loaded += bytes;
    if (report && (loaded - shown >= total * PROGRESS_STEP || loaded >= total)) {
      shown = loaded;
      report(Math.min(loaded, total), total);
    }
  };
}

function checkConfig(config: Qwen3Config, label: string, dim: number): Qwen3Config {
  const { hidden_size: width, model_type: type } = config;
  if (type !== 'qwen3')
    throw new EncoderError('wrong-model', `${label} is a ${type ?? 'model of unknown type'}, not a Qwen3 model.`);
  if (width !== dim) {
    throw new EncoderError(
      'width',
      `${label} has ${width}-wide hidden states but this bundle's heads read ${dim}-wide embeddings: it is not the model the bundle was trained on.`,
    );
  }
  return config;
}

async function readTokenizer(
  { files, option, label, signal }: LoadOptions,
  config: Qwen3Config,
  tick: (bytes: number) => void,
): Promise<Qwen3Tokenizer> {
  const hasConfig = option.files.some((f) => f.path === 'tokenizer_config.json');
  const tokenizer = await readBytes(files, 'tokenizer.json', tick, signal);
  const tokenizerConfig = hasConfig ? await readBytes(files, 'tokenizer_config.json', tick, signal) : null;
  return qwen3Tokenizer(tokenizer, tokenizerConfig, label, config.vocab_size);
}

async function readGraph(
  { files, option, label, signal }: LoadOptions,
  tick: (bytes: number) => void,
  steps: LoadSteps,
): Promise<{ graph: ExposedHiddenState; externalData: { path: string; data: Uint8Array }[] }> {
  const size = (path: string) => option.files.find((f) => f.path === path)?.size ?? 0;
  let started = performance.now();
  const model = await readAll(await files.open(option.model, signal), size(option.model), PATCH_SLACK, tick, signal);
  steps.readMs += performance.now() - started;
  started = performance.now();
  const graph = exposeHiddenState(model.bytes, model.length, label);
  steps.patchMs = performance.now() - started;
  started = performance.now();
  const externalData = [];
  for (const path of option.data) {
    const chunk = await readAll(await files.open(path, signal), size(path), 0, tick, signal);
    // The graph names its data files relative to itself.
    externalData.push({ path: path.split('/').pop()!, data: chunk.bytes.subarray(0, chunk.length) });
  }
  steps.readMs += performance.now() - started;
  return { graph, externalData };
}

export async function loadQwen3Encoder(options: LoadOptions): Promise<Qwen3Encoder> {
  const { files, ort, option, device, dim, label, signal } = options;
  const what = `${label} (${option.precision})`;
  const tick = progressCounter(option.bytes, options.onProgress);
  // Assigned by start(), possibly twice; typed so the catch below still sees either.
  let session = null as Ort.InferenceSession | null;
  try {
    const config = checkConfig(
      JSON.parse(await readText(files, 'config.json', tick, signal)) as Qwen3Config,
      label,
      dim,
    );
    const tokenizer = await readTokenizer(options, config, tick);
    const steps: LoadSteps = { readMs: 0, patchMs: 0, sessionMs: 0, probeMs: 0 };
    const { graph, externalData } = await readGraph(options, tick, steps);
    signal?.throwIfAborted();
    const start = async (on: Device) => {
      // A second start (on WASM, after WebGPU failed) first lets go of the first session.
      await session?.release();
      session = null;
      let started = performance.now();
      session = await ort.InferenceSession.create(graph.bytes, {
        executionProviders: [on],
        externalData,
        // onnxruntime's warnings (nodes placed on the CPU and the like) mean nothing to the person reading the console.
        logSeverityLevel: 3,
      });
      steps.sessionMs = performance.now() - started;
      signal?.throwIfAborted();
      const run = session;
      const feeds = sessionFeeds(ort, run, config, label);
      // Only the rewritten attention (kvCache.ts) continues a prefix; other graphs embed every text whole.
      const runs =
        graph.kvCache === 'incremental'
          ? cachedRuns({ ort, session: run, feeds, output: graph.output, capBytes: options.cacheBytes ?? 0 })
          : null;
      let probed = false;
      const hiddenFor = async (ids: BigInt64Array, embedSignal?: AbortSignal) => {
        if (!runs) return (await run.run(feeds(ids), [graph.output]))[graph.output];
        const { hidden, reused, computed, kept } = await runs.run(ids, embedSignal);
        if (probed) options.onActivity?.({ kind: 'cache', cache: runs.stats(), lastText: { reused, computed, kept } });
        return hidden;
      };
      const embed = async (text: string, normalize: boolean, embedSignal?: AbortSignal) => {
        const ids = tokenizer.encode(text);
        if (!ids.length)
          throw new EncoderError('empty-text', 'An empty query has no tokens, so it has no last-token embedding.');
        const hidden = await hiddenFor(ids, embedSignal);
        if (!hidden) throw new EncoderError('no-hidden-states', `${label} returned no ${graph.output}.`);
        const width = hidden.dims[hidden.dims.length - 1];
        if (width !== dim)
          throw new EncoderError(
            'width',
            `${label} gives ${width}-wide hidden states but this bundle's heads read ${dim}.`,
          );
        const values = floatValues(hidden.type, hidden.data);
        return lastTokenEmbedding(values, values.length / dim, dim, normalize);
      };
      started = performance.now();
      if (!(await embed(PROBE_TEXT, true)).every(Number.isFinite))
        throw new Error('its hidden states for a probe text are not finite numbers');
      steps.probeMs = performance.now() - started;
      // The probe is no query of a person's: its cache goes, and what comes next is reported.
      runs?.clear();
      probed = true;
      return { run, embed };
    };
    const opened = await onDevice(device, option.precision, what, start, signal);
    const { run, embed } = opened.value;
    return {
      dim,
      device: opened.device,
      webgpuFallback: opened.webgpuFallback,
      // One text per graph run: a batch reports each query as it is embedded.
      chunk: 1,
      hiddenState: { output: graph.output, patch: graph.patch, kvCache: graph.kvCache },
      loadSteps: steps,
      tokenizerSha256: tokenizer.sha256,
      embed,
      embedBatch: async (texts, batchSignal) => {
        const out: Float32Array[] = [];
        for (const text of texts) {
          throwIfCancelled(batchSignal);
          out.push(await embed(text, false, batchSignal));
        }
        return out;
      },
      dispose: () => run.release(),
    };
  } catch (e) {
    await session?.release();
    if (signal?.aborted) throw cancelled(what);
    throw explainLoadError(e, what);
  }
}
