import type { PrecisionOption, Precision } from '../encoder/exportFiles';
import type { ExposedHiddenState } from '../encoder/hiddenStateOutput';
import type { PickedFile } from '../encoder/pickedFolder';
import type { Device, LoadSteps } from '../encoder/qwen3';
import type { EncoderActivity } from '../encoder/queryEncoder';
import type { ServerProbe } from '../encoder/server/serverEncoder';
import type { ServerSettings } from '../encoder/server/settings';

/** Messages about the query encoder between the app and the predictor worker. */

/** The Cache Storage bucket holding Hub file lists and weights. */
export const ENCODER_CACHE = 'r2-encoder-weights';

/** An ONNX export the page runs itself. */
export type ExportSource = { kind: 'hub'; id: string } | { kind: 'folder'; name: string; files: PickedFile[] };
/** An OpenAI-compatible embeddings server; its key lives in the worker's memory and goes only to that server. */
export type ServerSource = { kind: 'server' } & ServerSettings;
export type EncoderSource = ExportSource | ServerSource;

export interface ExportInspection {
  options: (PrecisionOption & { cached: boolean })[];
}

export interface ExportLoad {
  source: ExportSource;
  precision: Precision;
  device: Device;
  /** The width the active bundle's heads read, checked before the weights are fetched. */
  dim: number;
  /** The encoder model the active bundle's heads read (its manifest's encoder.model), whose tokenizer they expect. */
  model?: string;
  /** Names this load for cancelEncoderLoad. */
  cancelToken?: string;
}

/** Connecting to an embeddings server: one probe request, checked against the bundle's width. */
export interface ServerLoad {
  source: ServerSource;
  dim: number;
  cancelToken?: string;
}

export type EncoderLoad = ExportLoad | ServerLoad;

export function isServerLoad(load: EncoderLoad): load is ServerLoad {
  return load.source.kind === 'server';
}

export interface ExportInfo {
  label: string;
  precision: Precision;
  /** Where it runs: the device asked for, or WASM when WebGPU could not run it. */
  device: Device;
  /** Why WebGPU was asked for and WASM runs instead (src/encoder/webgpuFallback.ts). */
  webgpuFallback?: string;
  dim: number;
  bytes: number;
  /** Where the files came from: the Hub, this browser's cache (every file), or a picked folder. */
  from: 'hub' | 'cache' | 'folder';
  loadMs: number;
  /** Where the load's time went (an in-page encoder). */
  loadSteps?: LoadSteps;
  /** The graph output the embedding is read from, and what the page did to the graph to have it. */
  hiddenState?: Pick<ExposedHiddenState, 'output' | 'patch' | 'kvCache'>;
  /** Set when the export's tokenizer.json is not the one the bundle's encoder model has (qwen3Tokenizer.ts). */
  tokenizerWarning?: string;
}

export interface ServerInfo {
  label: string;
  dim: number;
  from: 'server';
  loadMs: number;
  /** The server as connected (never its key), and what its probe found. */
  server: Omit<ServerSettings, 'apiKey'> & ServerProbe;
}

export type EncoderInfo = ExportInfo | ServerInfo;

export type EncoderRequest =
  | { type: 'inspect-encoder'; id: number; source: ExportSource }
  | { type: 'load-encoder'; id: number; load: EncoderLoad }
  | { type: 'forget-encoder-cache'; id: number };

export type EncoderResponse =
  | { type: 'encoder-inspected'; id: number; inspection: ExportInspection }
  | { type: 'encoder-progress'; id: number; loaded: number; total: number }
  | { type: 'encoder-loaded'; id: number; info: EncoderInfo }
  | { type: 'encoder-cache-forgotten'; id: number }
  /** An embeddings server's answers and retries, as they happen, for the panel. */
  | { type: 'encoder-activity'; activity: EncoderActivity };

/**
 * A load's request is answered only when the load ends, so cancelling it goes beside the
 * request: over this channel, naming the load by the token its request carried. The load then
 * fails with a 'cancelled' EncoderError.
 */
export const ENCODER_CANCEL_CHANNEL = 'r2-encoder-cancel';

export function cancelEncoderLoad(token: string): void {
  const channel = new BroadcastChannel(ENCODER_CANCEL_CHANNEL);
  channel.postMessage({ token });
  channel.close();
}
