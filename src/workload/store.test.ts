import { describe, expect, it } from 'vitest';
import type { Manifest } from '../bundle/manifest';
import type { BatchOptions } from '../predictor/client';
import type { Prediction } from '../router/curves';
import { createWorkloadStore } from './store';

const manifest = { id: 'm' } as Manifest;
const prediction = (text: string): Prediction => ({ quality: [[text.length / 100]], naturalTokens: [text.length] });

function file(name: string, text: string) {
  return {
    name,
    chunks: (async function* () {
      yield await Promise.resolve(text);
    })(),
  };
}

const readyAt = (key: string) => () => Promise.resolve({ key, manifest });

/** A worker stand-in: answers `chunk` texts per turn, stops at the next turn once aborted. */
function fakeWorker() {
  const asked: string[][] = [];
  const predictBatch = async (texts: string[], { chunk, onChunk, signal }: BatchOptions) => {
    asked.push(texts);
    for (let from = 0; from < texts.length; from += chunk) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal?.aborted) return { cancelled: true };
      onChunk(from, texts.slice(from, from + chunk).map(prediction));
    }
    return { cancelled: false };
  };
  return { asked, predictBatch };
}

describe('workload store', () => {
  it('predicts each distinct query once and re-uses the predictions for the same bundle', async () => {
    const worker = fakeWorker();
    let key = 'a';
    const store = createWorkloadStore({
      ready: () => Promise.resolve({ key, manifest }),
      predictBatch: worker.predictBatch,
      chunk: 2,
    });
    await store.getState().runFiles([file('q.txt', 'x\ny\nx\nz')]);
    expect(store.getState().status).toBe('done');
    expect(store.getState().texts).toEqual(['x', 'y', 'x', 'z']);
    expect(worker.asked).toEqual([['x', 'y', 'z']]);
    expect(store.getState().predictions.get('z')).toEqual(prediction('z'));

    await store.getState().runFiles([file('more.txt', 'z\nw')]);
    expect(worker.asked[1]).toEqual(['w']);
    expect(store.getState().progress).toEqual({ done: 2, total: 2 });

    key = 'b';
    await store.getState().runFiles([file('more.txt', 'z\nw')]);
    expect(worker.asked[2]).toEqual(['z', 'w']);
  });

  it('cancels mid-way and keeps what was predicted', async () => {
    const worker = fakeWorker();
    const store = createWorkloadStore({
      ready: readyAt('a'),
      predictBatch: worker.predictBatch,
      chunk: 10,
    });
    const lines = Array.from({ length: 100 }, (_, i) => `q${i}`).join('\n');
    const running = store.getState().runFiles([file('q.txt', lines)]);
    while (store.getState().progress.done < 20) await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().cancel();
    await running;
    const { status, predictions, progress } = store.getState();
    expect(status).toBe('cancelled');
    expect(predictions.size).toBe(progress.done);
    expect(progress.done).toBeGreaterThanOrEqual(20);
    expect(progress.done).toBeLessThan(100);
  });

  it('stops reading a file when cancelled, and says nothing was predicted', async () => {
    const worker = fakeWorker();
    const store = createWorkloadStore({ ready: readyAt('a'), predictBatch: worker.predictBatch });
    await store.getState().runFiles([file('first.txt', 'x\ny')]);
    let served = 0;
    // A file that would never end: only a cancel stops it.
    const endless = {
      name: 'endless.txt',
      chunks: (async function* () {
        for (;;) {
          served++;
          await new Promise((resolve) => setTimeout(resolve, 0));
          yield 'q\n';
        }
      })(),
    };
    const running = store.getState().runFiles([endless]);
    while (served < 5) await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().cancel();
    await running;
    expect(store.getState()).toMatchObject({ status: 'cancelled', progress: { done: 0, total: 0 }, texts: [] });
    expect(worker.asked).toHaveLength(1);
  });

  it('waits for the predictor, saying so, then runs', async () => {
    const worker = fakeWorker();
    let loaded: () => void = () => undefined;
    const store = createWorkloadStore({
      ready: (_signal, onWait) => {
        onWait('Loading the predictor…');
        return new Promise((resolve) => (loaded = () => resolve({ key: 'a', manifest })));
      },
      predictBatch: worker.predictBatch,
    });
    const running = store.getState().runFiles([file('q.txt', 'x\ny')]);
    while (store.getState().status !== 'waiting') await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState()).toMatchObject({ waitingFor: 'Loading the predictor…', texts: ['x', 'y'] });
    expect(worker.asked).toEqual([]);
    loaded();
    await running;
    expect(store.getState()).toMatchObject({ status: 'done', waitingFor: null });
    expect(worker.asked).toEqual([['x', 'y']]);
  });

  it('cancels while waiting, as a cancel', async () => {
    const store = createWorkloadStore({
      ready: (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
      predictBatch: fakeWorker().predictBatch,
    });
    const running = store.getState().runFiles([file('q.txt', 'x')]);
    while (store.getState().status !== 'reading' || store.getState().texts.length === 0)
      await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().cancel();
    await running;
    expect(store.getState()).toMatchObject({ status: 'cancelled', error: null });
  });

  it('says why no predictor can predict, and when a file has no queries', async () => {
    const worker = fakeWorker();
    const none = createWorkloadStore({
      ready: () => Promise.reject(new Error('This bundle needs the Qwen3-0.6B encoder: load it to see predictions.')),
      predictBatch: worker.predictBatch,
    });
    await none.getState().runFiles([file('q.txt', 'x')]);
    expect(none.getState()).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/needs the Qwen3/) as string,
    });
    expect(worker.asked).toEqual([]);
    const empty = createWorkloadStore({ ready: readyAt('a'), predictBatch: worker.predictBatch });
    await empty.getState().runFiles([file('q.txt', '\n\n')]);
    expect(empty.getState().error).toMatch(/No queries/);
  });
});
