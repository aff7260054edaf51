import { describe, expect, it } from 'vitest';
import { readAll } from './exportReader';

function chunks(...parts: number[][]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(stream) {
      for (const p of parts) stream.enqueue(Uint8Array.from(p));
      stream.close();
    },
  });
}

describe('readAll', () => {
  it('reads every chunk into one buffer with room left after it, counting bytes as they come', async () => {
    const counts: number[] = [];
    const { bytes, length } = await readAll(chunks([1, 2], [3], [4, 5, 6]), 6, 10, (n) => counts.push(n));
    expect([...bytes.subarray(0, length)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(bytes.length).toBe(16);
    expect(counts).toEqual([2, 1, 3]);
  });

  it('grows the buffer when the stream is longer than the list said', async () => {
    const { bytes, length } = await readAll(chunks([1, 2, 3], [4, 5]), 2, 1, () => undefined);
    expect([...bytes.subarray(0, length)]).toEqual([1, 2, 3, 4, 5]);
    expect(bytes.length - length).toBeGreaterThanOrEqual(1);
  });

  it('stops when the signal aborts, even while a read is waiting', async () => {
    const controller = new AbortController();
    const never = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(Uint8Array.of(1));
      },
    });
    const reading = readAll(
      never,
      10,
      0,
      () => controller.abort(new Error('stopped by the person')),
      controller.signal,
    );
    await expect(reading).rejects.toThrow('stopped by the person');
  });
});
