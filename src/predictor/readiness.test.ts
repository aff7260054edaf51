import { describe, expect, it } from 'vitest';
import type { Manifest } from '../bundle/manifest';
import type { ExportInfo, ServerInfo } from '../worker/encoderProtocol';
import { readiness, whenReady, type Readiness, type ReadinessInputs } from './readiness';

const qwen3 = {
  encoder: { kind: 'qwen3-embedding', model: 'Qwen/Qwen3-0.6B', dim: 1024, pooling: 'last-token', normalize: true },
} as Manifest;
const hashed = {
  encoder: { kind: 'hashed-ngrams', dim: 8, seed: 1, charNgrams: [3], wordNgrams: [1], maxChars: 100 },
} as Manifest;
const info = (dim: number, precision: ExportInfo['precision'] = 'fp16'): ExportInfo => ({
  label: 'me/qwen3-fe',
  precision,
  device: 'wasm',
  dim,
  bytes: 1,
  from: 'hub',
  loadMs: 12,
});

const server = (baseUrl: string, loadMs: number): ServerInfo => ({
  label: 'Qwen/Qwen3-0.6B at http://localhost:8000',
  dim: 1024,
  from: 'server',
  loadMs,
  server: {
    baseUrl,
    model: 'Qwen/Qwen3-0.6B',
    batch: 64,
    concurrency: 4,
    timeoutSeconds: 60,
    format: 'base64',
    norm: 1,
    normalized: true,
    ms: 3,
  },
});

const at = (
  predictor: Partial<ReadinessInputs['predictor']>,
  encoder: Partial<ReadinessInputs['encoder']> = {},
): Readiness =>
  readiness({
    predictor: { status: 'ready', key: 'b', manifest: qwen3, ...predictor },
    encoder: { status: 'not loaded', info: null, ...encoder },
  });

describe('readiness', () => {
  it('is loading while the bundle is on its way, and failed when it could not load', () => {
    expect(at({ status: 'loading', key: null, manifest: null })).toMatchObject({
      ready: false,
      why: 'loading',
      encoder: 'none',
      message: 'Loading the predictor…',
    });
    expect(at({ status: 'failed', key: null, manifest: null })).toMatchObject({ ready: false, why: 'failed' });
  });

  it('keeps the encoder state of the bundle on screen while another loads', () => {
    expect(at({ status: 'loading' }, { status: 'ready', info: info(1024) })).toMatchObject({
      ready: false,
      why: 'loading',
      encoder: 'ready',
    });
  });

  it('lets a bundle with a built-in encoder predict, whatever the encoder store holds', () => {
    const r = at({ manifest: hashed });
    expect(r).toMatchObject({ ready: true, encoder: 'none', key: 'b|built-in', manifest: hashed });
  });

  it('holds a Qwen3 bundle back, saying why, until an encoder of its width is loaded', () => {
    expect(at({})).toMatchObject({
      ready: false,
      why: 'encoder-not-loaded',
      encoder: 'not loaded',
      message: 'This bundle needs the Qwen3-0.6B encoder: load it to see predictions.',
    });
    expect(at({}, { status: 'ready', info: info(8) })).toMatchObject({ ready: false, why: 'encoder-not-loaded' });
    expect(at({}, { status: 'loading' })).toMatchObject({
      ready: false,
      why: 'encoder-loading',
      encoder: 'loading',
      message: 'Loading the Qwen3-0.6B encoder…',
    });
    const ready = at({}, { status: 'ready', info: info(1024) });
    expect(ready).toMatchObject({ ready: true, encoder: 'ready' });
    // Another encoder, another key: predictions made with one are never shown for the other.
    const other = at({}, { status: 'ready', info: info(1024, 'q8') });
    expect(ready.ready && other.ready && ready.key !== other.key).toBe(true);
  });

  it('keeps the key of a server and model across connections, and changes it with either', () => {
    const key = (i: ServerInfo) => {
      const r = at({}, { status: 'ready', info: i });
      return r.ready ? r.key : null;
    };
    const first = key(server('http://localhost:8000/v1', 10));
    expect(first).not.toBeNull();
    expect(key(server('http://localhost:8000/v1', 99))).toBe(first);
    expect(key(server('http://localhost:8001/v1', 10))).not.toBe(first);
    expect(key({ ...server('http://localhost:8000/v1', 10), dim: 8 })).toBeNull();
  });
});

describe('whenReady', () => {
  function fakeStore(first: Readiness) {
    let now = first;
    const listeners = new Set<() => void>();
    return {
      set: (next: Readiness) => {
        now = next;
        listeners.forEach((l) => l());
      },
      current: () => now,
      subscribe: (l: () => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      listeners,
    };
  }

  it('resolves at once when ready', async () => {
    const store = fakeStore(at({ manifest: hashed }));
    await expect(whenReady(store.current, store.subscribe, new AbortController().signal)).resolves.toMatchObject({
      key: 'b|built-in',
    });
    expect(store.listeners.size).toBe(0);
  });

  it('waits through loading, saying what for, and resolves when the encoder is ready', async () => {
    const store = fakeStore(at({ status: 'loading', key: null, manifest: null }));
    const waits: string[] = [];
    const pending = whenReady(store.current, store.subscribe, new AbortController().signal, (m) => waits.push(m));
    store.set(at({}, { status: 'loading' }));
    store.set(at({}, { status: 'ready', info: info(1024) }));
    await expect(pending).resolves.toMatchObject({ ready: true, encoder: 'ready' });
    expect(waits).toEqual(['Loading the predictor…', 'Loading the Qwen3-0.6B encoder…']);
    expect(store.listeners.size).toBe(0);
  });

  it('rejects with the reason when readiness cannot come by itself', async () => {
    const store = fakeStore(at({ status: 'loading', key: null, manifest: null }));
    const pending = whenReady(store.current, store.subscribe, new AbortController().signal);
    store.set(at({}));
    await expect(pending).rejects.toThrow('This bundle needs the Qwen3-0.6B encoder: load it to see predictions.');
    const failed = fakeStore(at({ status: 'failed', key: null, manifest: null }));
    await expect(whenReady(failed.current, failed.subscribe, new AbortController().signal)).rejects.toThrow(
      /No predictor is loaded/,
    );
  });

  it('rejects when its signal aborts, and stops listening', async () => {
    const store = fakeStore(at({ status: 'loading', key: null, manifest: null }));
    const controller = new AbortController();
    const pending = whenReady(store.current, store.subscribe, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(store.listeners.size).toBe(0);
  });
});
