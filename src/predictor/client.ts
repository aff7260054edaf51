import type { Manifest } from '../bundle/manifest';
import type { Prediction } from '../router/curves';
import type { Backend, WorkerRequest, WorkerResponse } from './protocol';

export interface LoadInfo {
  backend: Backend;
  loadMs: number;
  webgpuNote: string | null;
}

export interface PredictResult {
  prediction: Prediction;
  encodeMs: number;
  inferMs: number;
}

/** The app's handle on the predictor worker: promise-based load and predict. */
export class PredictorClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: PredictResult) => void; reject: (e: Error) => void }>();
  private loading: { resolve: (i: LoadInfo) => void; reject: (e: Error) => void } | null = null;

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<WorkerResponse>) => this.receive(e.data);
    this.worker.onerror = (e) => this.failAll(new Error(`the predictor worker crashed: ${e.message || 'unknown error'}`));
  }

  private receive(msg: WorkerResponse): void {
    if (msg.type === 'loaded') {
      this.loading?.resolve({ backend: msg.backend, loadMs: msg.loadMs, webgpuNote: msg.webgpuNote });
      this.loading = null;
    } else if (msg.type === 'predicted') {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      p?.resolve({ prediction: msg.predictions[0]!, encodeMs: msg.encodeMs, inferMs: msg.inferMs });
    } else if (msg.id === null) {
      this.loading?.reject(new Error(msg.message));
      this.loading = null;
    } else {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      p?.reject(new Error(msg.message));
    }
  }

  private failAll(error: Error): void {
    this.loading?.reject(error);
    this.loading = null;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private send(msg: WorkerRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(msg, transfer);
  }

  load(manifest: Manifest, onnx: ArrayBuffer): Promise<LoadInfo> {
    this.loading?.reject(new Error('superseded by another bundle'));
    return new Promise((resolve, reject) => {
      this.loading = { resolve, reject };
      this.send({ type: 'load', manifest, onnx }, [onnx]);
    });
  }

  predict(text: string): Promise<PredictResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: 'predict', id, texts: [text] });
    });
  }
}
