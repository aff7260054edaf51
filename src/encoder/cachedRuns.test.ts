import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { cachedRuns, STEP_TOKENS } from './cachedRuns';
import type { Feeds, Past } from './sessionFeeds';

/**
 * A session standing in for a model: its "cache" is one value per token (the token id), so a
 * run's new rows are its ids, and its hidden state is the sum of every id it may read — the
 * past's where attention_mask is 1 (not the buffers' room), then its own. Whatever the steps and
 * the cache, a text's last row must be its sum.
 */
function fakeSession(onRun: (call: number) => void = () => undefined) {
  let calls = 0;
  const session = {
    inputNames: ['input_ids', 'attention_mask', 'past_key_values.0.key'],
    run: (feeds: Record<string, ort.Tensor>) => {
      onRun(++calls);
      const past = feeds['past_key_values.0.key']!.data as Float32Array;
      const mask = feeds.attention_mask!.data as BigInt64Array;
      const fresh = Float32Array.from(feeds.input_ids!.data as BigInt64Array, Number);
      const read = past.reduce((sum, v, i) => sum + (mask[i] === 1n ? v : 0), 0);
      return Promise.resolve({
        hidden: new ort.Tensor('float32', Float32Array.of(read + fresh.reduce((a, b) => a + b, 0)), [1, 1, 1]),
        'present.0.key': new ort.Tensor('float32', fresh, [1, 1, fresh.length, 1]),
      });
    },
  };
  return { session: session as unknown as ort.InferenceSession, calls: () => calls };
}

const EMPTY = { 'past_key_values.0.key': new ort.Tensor('float32', new Float32Array(0), [1, 1, 0, 1]) };
const feeds: Feeds = Object.assign(
  (ids: BigInt64Array, past?: Past) => {
    const capacity = past ? past.tensors['past_key_values.0.key']!.dims[2]! : 0;
    const mask = new BigInt64Array(capacity + ids.length).fill(1n);
    mask.fill(0n, past?.length ?? 0, capacity);
    return {
      input_ids: new ort.Tensor('int64', ids, [1, ids.length]),
      attention_mask: new ort.Tensor('int64', mask, [1, mask.length]),
      'past_key_values.0.key': past?.tensors['past_key_values.0.key'] ?? EMPTY['past_key_values.0.key'],
    };
  },
  { emptyPast: EMPTY },
);

const ids = (n: number, from = 1) => BigInt64Array.from({ length: n }, (_, i) => BigInt(from + i));
const sum = (a: BigInt64Array) => a.reduce((s, v) => s + Number(v), 0);
const last = async (p: Promise<{ hidden: ort.Tensor }>) => ((await p).hidden.data as Float32Array)[0];

describe('cachedRuns', () => {
  it('continues the longest cached prefix and runs a long text in steps', async () => {
    const fake = fakeSession();
    const runs = cachedRuns({ ort, session: fake.session, feeds, output: 'hidden', capBytes: 1e6 });
    const long = ids(STEP_TOKENS * 2 + 5);
    expect(await last(runs.run(long))).toBe(sum(long));
    expect(fake.calls()).toBe(3);
    const edited = Int32Array.from(long, Number);
    edited[10] = 0;
    const changed = BigInt64Array.from(edited, BigInt);
    const result = await runs.run(changed);
    expect(result).toMatchObject({ reused: 10, computed: long.length - 10 });
    expect((result.hidden.data as Float32Array)[0]).toBe(sum(changed));
    // A prefix of a cached text reruns its last token only.
    const prefix = long.slice(0, 100);
    expect(await runs.run(prefix)).toMatchObject({ reused: 99, computed: 1 });
    expect(await last(runs.run(prefix))).toBe(sum(prefix));
  });

  it('keeps, when cancelled between steps, the prefix its finished steps computed', async () => {
    const controller = new AbortController();
    const fake = fakeSession((call) => call === 2 && controller.abort());
    const runs = cachedRuns({ ort, session: fake.session, feeds, output: 'hidden', capBytes: 1e6 });
    const long = ids(STEP_TOKENS * 3);
    await expect(runs.run(long, controller.signal)).rejects.toMatchObject({ problem: 'cancelled' });
    expect(fake.calls()).toBe(2);
    const resumed = await runs.run(long);
    expect(resumed).toMatchObject({ reused: 2 * STEP_TOKENS, computed: STEP_TOKENS });
    expect((resumed.hidden.data as Float32Array)[0]).toBe(sum(long));
  });

  it('drops the entry a failed step continued, and keeps nothing of the failed text', async () => {
    let fail = false;
    const fake = fakeSession(() => {
      if (fail) throw new Error('out of memory');
    });
    const runs = cachedRuns({ ort, session: fake.session, feeds, output: 'hidden', capBytes: 1e6 });
    await runs.run(ids(20));
    fail = true;
    await expect(runs.run(ids(30))).rejects.toThrow('out of memory');
    expect(runs.stats().entries).toBe(0);
    fail = false;
    expect(await runs.run(ids(30))).toMatchObject({ reused: 0, computed: 30 });
  });

  it('keeps no cache larger than its cap, and still embeds', async () => {
    const runs = cachedRuns({ ort, session: fakeSession().session, feeds, output: 'hidden', capBytes: 40 });
    expect(await last(runs.run(ids(20)))).toBe(sum(ids(20)));
    expect(runs.stats()).toMatchObject({ entries: 0, capBytes: 40 });
    expect(await runs.run(ids(21))).toMatchObject({ reused: 0, kept: false });
  });
});
