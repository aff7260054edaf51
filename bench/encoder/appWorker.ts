import type { Page } from '@playwright/test';
import type { Precision } from '../../src/encoder/exportFiles';

/**
 * The app's own worker chunk in a second Worker on the app's page, driven with the app's
 * protocol (load-encoder, load, predict, predict-batch): the encoder's load time as the app
 * reports it, each query's embedding time as the worker measures it (`encodeMs`), with nothing
 * else in that worker's queue, and a batch's time from request to its last chunk. Plain
 * JavaScript evaluated in the page (window.__encoderBench).
 */

const DRIVER = `(() => {
  let worker = null, nextId = 1;
  const pending = new Map();
  let loading = null, reused = null;
  const settle = (p, msg) => msg.type === 'failed' ? p.reject(new Error(msg.message)) : p.resolve(msg);
  window.__encoderBench = {
    start(url) {
      worker = new Worker(url, { type: 'module' });
      worker.onmessage = (e) => {
        const msg = e.data;
        if (msg.type === 'encoder-progress') return;
        if (msg.type === 'encoder-activity') { if (msg.activity.kind === 'cache') reused = msg.activity.lastText.reused; return; }
        if (msg.type === 'loaded' || (msg.type === 'failed' && msg.id === null)) { const p = loading; loading = null; return p && settle(p, msg); }
        const p = pending.get(msg.id); if (!p) return;
        if (msg.type === 'batch-progress') return p.progress(msg.predictions.length);
        pending.delete(msg.id); settle(p, msg);
      };
      worker.onerror = (e) => { for (const p of pending.values()) p.reject(new Error(e.message || 'the worker crashed')); pending.clear(); };
    },
    request(body) {
      const id = nextId++;
      return new Promise((resolve, reject) => { pending.set(id, { resolve, reject }); worker.postMessage({ ...body, id }); });
    },
    async loadBundle(base) {
      const manifest = await (await fetch(base + 'manifest.json')).json();
      const onnx = await (await fetch(base + manifest.onnx)).arrayBuffer();
      const done = new Promise((resolve, reject) => { loading = { resolve, reject }; });
      worker.postMessage({ type: 'load', manifest, onnx }, [onnx]);
      return done;
    },
    async predict(text) {
      reused = null;
      const t0 = performance.now();
      const r = await this.request({ type: 'predict', texts: [text] });
      return { encodeMs: r.encodeMs, inferMs: r.inferMs, roundTripMs: performance.now() - t0, reused };
    },
    async predictBatch(texts, chunk) {
      const id = nextId++;
      let predicted = 0;
      const t0 = performance.now();
      const done = await new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, progress: (n) => { predicted += n; } });
        worker.postMessage({ type: 'predict-batch', id, texts, chunk });
      });
      return { ms: performance.now() - t0, predicted, cancelled: done.cancelled };
    },
    stop() { worker && worker.terminate(); worker = null; },
  };
})()`;

/** The part of the app's EncoderInfo the bench reports. */
export interface EncoderInfo {
  precision: Precision;
  from: 'hub' | 'cache' | 'folder';
  bytes: number;
  loadMs: number;
  /** The output the embedding is read from, and how the app patched the graph to have it. */
  hiddenState?: { output: string; patch: string; kvCache?: string };
  loadSteps?: { readMs: number; patchMs: number; sessionMs: number; probeMs: number };
}

export interface PredictTiming {
  encodeMs: number;
  inferMs: number;
  roundTripMs: number;
  /** Tokens the encoder took from its KV cache for the text; null where it keeps none. */
  reused: number | null;
}

export interface BatchTiming {
  /** From posting predict-batch to batch-done, on the page's clock. */
  ms: number;
  predicted: number;
  cancelled: boolean;
}

export class AppWorker {
  private constructor(private readonly page: Page) {}

  static async start(page: Page, workerUrl: string): Promise<AppWorker> {
    await page.evaluate(DRIVER);
    await page.evaluate((url) => (window as unknown as Driver).__encoderBench.start(url), workerUrl);
    return new AppWorker(page);
  }

  async loadEncoder(
    modelId: string,
    precision: Precision,
    dim: number,
    device: 'wasm' | 'webgpu',
  ): Promise<EncoderInfo> {
    const load = { source: { kind: 'hub', id: modelId }, precision, device, dim };
    const reply = await this.page.evaluate(
      (l) => (window as unknown as Driver).__encoderBench.request({ type: 'load-encoder', load: l }),
      load,
    );
    return (reply as { info: EncoderInfo }).info;
  }

  async loadBundle(base: string): Promise<void> {
    await this.page.evaluate((b) => (window as unknown as Driver).__encoderBench.loadBundle(b), base);
  }

  predict(text: string): Promise<PredictTiming> {
    return this.page.evaluate((t) => (window as unknown as Driver).__encoderBench.predict(t), text);
  }

  predictBatch(texts: readonly string[], chunk: number): Promise<BatchTiming> {
    return this.page.evaluate(([t, c]) => (window as unknown as Driver).__encoderBench.predictBatch(t, c), [
      texts,
      chunk,
    ] as const);
  }

  async stop(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as Driver).__encoderBench.stop());
  }
}

interface Driver {
  __encoderBench: {
    start(url: string): void;
    request(body: object): Promise<unknown>;
    loadBundle(base: string): Promise<unknown>;
    predict(text: string): Promise<PredictTiming>;
    predictBatch(texts: readonly string[], chunk: number): Promise<BatchTiming>;
    stop(): void;
  };
}
