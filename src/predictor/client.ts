import type { Manifest } from '../bundle/manifest';
import { errorFromReply } from '../encoder/encoderError';
import type { Prediction } from '../router/curves';
import type { EncoderActivity } from '../encoder/queryEncoder';
import type { EncoderInfo, EncoderLoad, ExportInspection, ExportSource } from '../worker/encoderProtocol';
import type { Backend, WorkerRequest, WorkerResponse } from '../worker/protocol';

export interface LoadInfo {
  backend: Backend;
  /** Creating this bundle's session. */
  loadMs: number;
  /** The worker's start to its runtime being ready: paid once per page, mostly before any bundle arrives. */
  runtimeMs: number;
  webgpuNote: string | null;
}

export interface PredictResult {
  prediction: Prediction;
  encodeMs: number;
  inferMs: number;
}

type Reply = Exclude<
  WorkerResponse,
  { type: 'loaded' | 'failed' | 'encoder-progress' | 'batch-progress' | 'encoder-activity' }
>;

export interface BatchOptions {
  /** Queries per message to the worker: the progress step, and how long a cancel may wait. */
  chunk: number;
  /** Each chunk's predictions as they arrive, for texts[from], texts[from + 1], … */
  onChunk: (from: number, predictions: Prediction[]) => void;
  signal?: AbortSignal;
}
type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The app's handle on the predictor worker: promise-based load, predict and encoder requests. */
export class PredictorClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: Reply) => void; reject: (e: Error) => void; progress?: (loaded: number, total: number) => void }
  >();
  private readonly batchChunks = new Map<number, BatchOptions['onChunk']>();
  private loading: { resolve: (i: LoadInfo) => void; reject: (e: Error) => void } | null = null;
  private readonly activityListeners = new Set<(activity: EncoderActivity) => void>();

  constructor() {
    this.worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<WorkerResponse>) => this.receive(e.data);
    this.worker.onerror = (e) =>
      this.failAll(new Error(`the predictor worker crashed: ${e.message || 'unknown error'}`));
  }

  private receive(msg: WorkerResponse): void {
    if (msg.type === 'loaded') {
      this.loading?.resolve({
        backend: msg.backend,
        loadMs: msg.loadMs,
        runtimeMs: msg.runtimeMs,
        webgpuNote: msg.webgpuNote,
      });
      this.loading = null;
    } else if (msg.type === 'failed' && msg.id === null) {
      this.loading?.reject(errorFromReply(msg.message, msg.problem));
      this.loading = null;
    } else if (msg.type === 'encoder-progress') {
      this.pending.get(msg.id)?.progress?.(msg.loaded, msg.total);
    } else if (msg.type === 'batch-progress') {
      this.batchChunks.get(msg.id)?.(msg.from, msg.predictions);
    } else if (msg.type === 'encoder-activity') {
      for (const listener of this.activityListeners) listener(msg.activity);
    } else {
      const p = this.pending.get(msg.id!);
      this.pending.delete(msg.id!);
      this.batchChunks.delete(msg.id!);
      if (msg.type === 'failed') p?.reject(errorFromReply(msg.message, msg.problem));
      else p?.resolve(msg);
    }
  }

  private failAll(error: Error): void {
    this.loading?.reject(error);
    this.loading = null;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private request<T extends Reply['type']>(
    body: RequestBody,
    progress?: (loaded: number, total: number) => void,
    id = this.nextId++,
  ): Promise<Extract<Reply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (r) => resolve(r as Extract<Reply, { type: T }>), reject, progress });
      this.worker.postMessage({ ...body, id });
    });
  }

  load(manifest: Manifest, onnx: ArrayBuffer): Promise<LoadInfo> {
    this.loading?.reject(new Error('superseded by another bundle'));
    return new Promise((resolve, reject) => {
      this.loading = { resolve, reject };
      this.worker.postMessage({ type: 'load', manifest, onnx } satisfies WorkerRequest, [onnx]);
    });
  }

  /** Sends the worker a 'cancel' for request `id` (already sent) when `signal` aborts, or has; returns what stops listening. */
  private cancelOnAbort(id: number, signal: AbortSignal | undefined): () => void {
    const cancel = () => this.worker.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    return () => signal?.removeEventListener('abort', cancel);
  }

  /** Predicts one query; once `signal` aborts, the worker drops it (rejecting with the 'cancelled' EncoderError) if it can. */
  async predict(text: string, signal?: AbortSignal): Promise<PredictResult> {
    const id = this.nextId++;
    const reply = this.request<'predicted'>({ type: 'predict', texts: [text] }, undefined, id);
    const stopListening = this.cancelOnAbort(id, signal);
    try {
      const msg = await reply;
      return { prediction: msg.predictions[0]!, encodeMs: msg.encodeMs, inferMs: msg.inferMs };
    } finally {
      stopListening();
    }
  }

  /** Lets the worker embed a query as it is typed, before its predict; see 'embed-ahead'. */
  embedAhead(text: string): void {
    this.worker.postMessage({ type: 'embed-ahead', text } satisfies WorkerRequest);
  }

  /** Predicts many queries, chunk by chunk; resolves with whether it was cancelled through `signal`. */
  async predictBatch(texts: string[], { chunk, onChunk, signal }: BatchOptions): Promise<{ cancelled: boolean }> {
    const id = this.nextId++;
    this.batchChunks.set(id, onChunk);
    const reply = this.request<'batch-done'>({ type: 'predict-batch', texts, chunk }, undefined, id);
    const stopListening = this.cancelOnAbort(id, signal);
    try {
      return { cancelled: (await reply).cancelled };
    } finally {
      stopListening();
      this.batchChunks.delete(id);
    }
  }

  /** Hears an embeddings server's answers and retries as the worker sees them; returns what stops listening. */
  onEncoderActivity(listener: (activity: EncoderActivity) => void): () => void {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  async inspectEncoder(source: ExportSource): Promise<ExportInspection> {
    return (await this.request<'encoder-inspected'>({ type: 'inspect-encoder', source })).inspection;
  }

  async loadEncoder(load: EncoderLoad, progress: (loaded: number, total: number) => void): Promise<EncoderInfo> {
    return (await this.request<'encoder-loaded'>({ type: 'load-encoder', load }, progress)).info;
  }

  async forgetEncoderCache(): Promise<void> {
    await this.request<'encoder-cache-forgotten'>({ type: 'forget-encoder-cache' });
  }
}
