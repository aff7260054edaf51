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
      bundle: () => ({ key, manifest }),
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
      bundle: () => ({ key: 'a', manifest }),
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
    const store = createWorkloadStore({ bundle: () => ({ key: 'a', manifest }), predictBatch: worker.predictBatch });
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

  it('says when no predictor is loaded, and when a file has no queries', async () => {
    const worker = fakeWorker();
    const none = createWorkloadStore({ bundle: () => null, predictBatch: worker.predictBatch });
    await none.getState().runFiles([file('q.txt', 'x')]);
    expect(none.getState()).toMatchObject({ status: 'failed', error: expect.stringMatching(/No predictor/) as string });
    const empty = createWorkloadStore({ bundle: () => ({ key: 'a', manifest }), predictBatch: worker.predictBatch });
    await empty.getState().runFiles([file('q.txt', '\n\n')]);
    expect(empty.getState().error).toMatch(/No queries/);
  });
});
