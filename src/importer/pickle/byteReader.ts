/** A pickle (or joblib file) that cannot be read; the message names the file and, where known, the byte offset. */
export class PickleError extends Error {
  constructor(
    readonly source: string,
    detail: string,
    readonly offset?: number,
  ) {
    super(`${source}: ${detail}${offset === undefined ? '' : ` (at byte ${offset})`}`);
    this.name = 'PickleError';
  }
}

/** A forward-only cursor over bytes; every read checks the length so a truncated file fails clearly. */
export class ByteReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly source: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  fail(detail: string, offset = this.pos): never {
    throw new PickleError(this.source, detail, offset);
  }

  private take(n: number, what: string): number {
    if (!Number.isSafeInteger(n) || n < 0) this.fail(`invalid length ${n} for ${what}`);
    if (n > this.remaining) this.fail(`file is truncated: ${what} needs ${n} bytes, only ${this.remaining} left`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u8(what = 'a byte'): number {
    return this.view.getUint8(this.take(1, what));
  }

  u16(what = 'a 2-byte integer'): number {
    return this.view.getUint16(this.take(2, what), true);
  }

  i32(what = 'a 4-byte integer'): number {
    return this.view.getInt32(this.take(4, what), true);
  }

  u32(what = 'a 4-byte length'): number {
    return this.view.getUint32(this.take(4, what), true);
  }

  /** An 8-byte little-endian length; anything beyond 2^53 cannot be a real length here. */
  u64(what = 'an 8-byte length'): number {
    const at = this.take(8, what);
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`${what} ${value} is implausibly large`, at);
    return Number(value);
  }

  /** Pickle's BINFLOAT is the one big-endian field. */
  f64be(what = 'a float'): number {
    return this.view.getFloat64(this.take(8, what), false);
  }

  bytesOf(n: number, what: string): Uint8Array {
    const at = this.take(n, what);
    return this.bytes.subarray(at, at + n);
  }

  /** A text line ending in \n (protocol-0 style arguments of GLOBAL). */
  line(what: string): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) this.fail(`file is truncated: ${what} has no end of line`);
    const text = new TextDecoder().decode(this.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return text;
  }
}
