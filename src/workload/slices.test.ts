import { describe, expect, it } from 'vitest';
import { paced, runSliced } from './slices';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function* numbered(count: number): AsyncIterable<string> {
  for (let i = 0; i < count; i++) yield await Promise.resolve(String(i));
}

describe('runSliced', () => {
  it('goes on slice after slice until the work says it is done, without requestIdleCallback too', async () => {
    // Node has no requestIdleCallback, as Safari has none: idle work falls back to timers.
    expect(typeof globalThis.requestIdleCallback).toBe('undefined');
    for (const idle of [false, true]) {
      const slices: number[] = [];
      let done = 0;
      await new Promise<void>((resolve) => {
        runSliced(
          () => {
            // Two items per slice, as if each slice ran out of time after two.
            done += 2;
            slices.push(done);
            if (done >= 6) resolve();
            return done >= 6;
          },
          { idle },
        );
      });
      await settle();
      expect(slices).toEqual([2, 4, 6]);
    }
  });

  it('runs no slice once stopped', async () => {
    let slices = 0;
    const stop = runSliced(() => {
      slices++;
      return false;
    });
    await settle();
    stop();
    const seen = slices;
    await settle();
    expect(seen).toBeGreaterThan(0);
    expect(slices).toBe(seen);
  });
});

describe('paced', () => {
  it('passes every chunk on, in order', async () => {
    const out: string[] = [];
    for await (const chunk of paced(numbered(50))) out.push(chunk);
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
  });

  it('stops at the first chunk after an abort', async () => {
    const controller = new AbortController();
    const out: string[] = [];
    for await (const chunk of paced(numbered(50), controller.signal)) {
      out.push(chunk);
      if (out.length === 3) controller.abort();
    }
    expect(out).toEqual(['0', '1', '2']);
  });
});
