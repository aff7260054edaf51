/**
 * The little of protobuf's wire format that reading an ONNX graph's node list and writing a
 * few small messages need (https://protobuf.dev/programming-guides/encoding/). Varints are
 * read as plain numbers: lengths and offsets stay far below 2^53.
 */

export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
export const FIXED32 = 5;

export class WireError extends Error {
  override name = 'WireError';
}

/** A cursor over bytes[start, end): reads tags, varints and lengths, and skips what it does not need. */
export class WireReader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      if (this.pos >= this.end) throw new WireError(`a varint runs past byte ${this.end}`);
      const byte = this.bytes[this.pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      if (scale > 2 ** 56) throw new WireError(`a varint at byte ${this.pos} is longer than 64 bits`);
    }
  }

  /** The next field's number and wire type. */
  tag(): { field: number; type: number } {
    const tag = this.varint();
    return { field: Math.floor(tag / 8), type: tag % 8 };
  }

  /** The range of a length-delimited value, which the cursor then skips. */
  span(): { start: number; end: number } {
    const length = this.varint();
    const start = this.pos;
    if (start + length > this.end) throw new WireError(`a field at byte ${start} runs past byte ${this.end}`);
    this.pos = start + length;
    return { start, end: this.pos };
  }

  /** Skips a value of the given wire type without reading its contents. */
  skip(type: number): void {
    if (type === VARINT) this.varint();
    else if (type === LENGTH_DELIMITED) this.span();
    else if (type === FIXED64 || type === FIXED32) this.pos += type === FIXED64 ? 8 : 4;
    else throw new WireError(`wire type ${type} at byte ${this.pos} is not used by ONNX`);
    if (this.pos > this.end) throw new WireError(`a field runs past byte ${this.end}`);
  }
}

const utf8 = new TextDecoder();

export function text(bytes: Uint8Array, { start, end }: { start: number; end: number }): string {
  return utf8.decode(bytes.subarray(start, end));
}

export function varintBytes(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

export function concat(parts: readonly (Uint8Array | number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One length-delimited field: tag, length, then the bytes (a string or a nested message). */
export function lengthDelimited(field: number, value: Uint8Array | string): Uint8Array {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return concat([varintBytes(field * 8 + LENGTH_DELIMITED), varintBytes(bytes.length), bytes]);
}

export function varintField(field: number, value: number): Uint8Array {
  return concat([varintBytes(field * 8 + VARINT), varintBytes(value)]);
}
