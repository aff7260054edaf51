import type * as Ort from 'onnxruntime-web';
import type { OnnxRuntime } from './sessionFeeds';

/**
 * A text's KV cache as the page keeps it between runs: for each past_key_values.* input, one
 * buffer [1, KV heads, capacity, head width] whose first `length` positions hold the text's keys
 * or values and the rest is room to grow. A run reads the whole buffer (attention_mask leaves
 * the room out: cacheAttention.ts) and gives back only its new tokens' rows, which are written
 * in place: typing at the end moves a few rows, not the whole cache.
 */

type Rows = Float32Array | Uint16Array;

interface Buffer {
  data: Rows;
  type: 'float32' | 'float16';
  heads: number;
  width: number;
}

/**
 * A buffer's first `keep` positions of each head, laid out for `capacity` positions (the rest
 * zero): how a buffer grows, and how a branch copies its shared part.
 */
function resized(b: Buffer, from: number, capacity: number, keep: number): Rows {
  const data = new (b.data.constructor as Float32ArrayConstructor | Uint16ArrayConstructor)(
    b.heads * capacity * b.width,
  );
  for (let h = 0; h < b.heads; h++)
    data.set(b.data.subarray(h * from * b.width, (h * from + keep) * b.width), h * capacity * b.width);
  return data;
}

/** Room added when a buffer grows: a quarter more, in steps of 64 positions. */
function capacityFor(needed: number): number {
  return Math.ceil((needed * 1.25) / 64) * 64;
}

export class KvBuffers {
  private constructor(
    private readonly buffers: Map<string, Buffer>,
    /** Positions held. */
    public length: number,
    private capacity: number,
  ) {}

  /**
   * Buffers holding nothing yet, with room, laid out as `layout`'s tensors ([1, KV heads, any,
   * head width] per input name). Never empty: a tensor with no elements cannot be bound on
   * WebGPU, so even a text's first run reads a past, all of it masked out.
   */
  static empty(layout: Record<string, Ort.Tensor>): KvBuffers {
    const capacity = capacityFor(1);
    const buffers = new Map<string, Buffer>();
    for (const [name, like] of Object.entries(layout)) {
      const [heads, width] = [like.dims[1] as number, like.dims[3] as number];
      const type = like.type === 'float16' ? 'float16' : 'float32';
      const size = heads * capacity * width;
      buffers.set(name, {
        type,
        heads,
        width,
        data: type === 'float16' ? new Uint16Array(size) : new Float32Array(size),
      });
    }
    return new KvBuffers(buffers, 0, capacity);
  }

  /** The past to feed: every buffer whole, by input name. */
  tensors(ort: OnnxRuntime): Record<string, Ort.Tensor> {
    return Object.fromEntries(
      [...this.buffers].map(([name, b]) => [
        name,
        new ort.Tensor(b.type, b.data, [1, b.heads, this.capacity, b.width]),
      ]),
    );
  }

  /** Writes a run's new rows ([1, KV heads, S, width] per input name) after the `length` held. */
  append(rows: Record<string, Ort.Tensor>): void {
    const added = Object.values(rows)[0]?.dims[2] ?? 0;
    if (this.length + added > this.capacity) this.grow(capacityFor(this.length + added));
    for (const [name, tensor] of Object.entries(rows)) {
      const [, heads, count, width] = tensor.dims as [number, number, number, number];
      const buffer = this.buffers.get(name);
      if (!buffer) throw new Error(`no past buffer for ${name}`);
      const data = tensor.data as Rows;
      for (let h = 0; h < heads; h++)
        buffer.data.set(
          data.subarray(h * count * width, (h + 1) * count * width),
          (h * this.capacity + this.length) * width,
        );
    }
    this.length += added;
  }

  /** A copy of the first `keep` positions, with room: the branch an edit before the end starts from. */
  branch(keep: number): KvBuffers {
    const length = Math.min(keep, this.length);
    const capacity = capacityFor(length);
    const buffers = new Map(
      [...this.buffers].map(([name, b]) => [name, { ...b, data: resized(b, this.capacity, capacity, length) }]),
    );
    return new KvBuffers(buffers, length, capacity);
  }

  /** The memory the buffers take, room included. */
  get bytes(): number {
    let sum = 0;
    for (const b of this.buffers.values()) sum += b.data.byteLength;
    return sum;
  }

  private grow(capacity: number): void {
    for (const b of this.buffers.values()) b.data = resized(b, this.capacity, capacity, this.length);
    this.capacity = capacity;
  }
}
