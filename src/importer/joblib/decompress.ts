import { PickleError } from '../pickle/byteReader';

/**
 * joblib.dump(..., compress=…) wraps the whole pickle stream in a compressor, recognisable
 * by its magic bytes. zlib (joblib's default) and gzip are undone with DecompressionStream,
 * which browsers and Node both provide; the others are named so the error says what to do.
 */
const UNSUPPORTED: Array<[number[], string]> = [
  [[0x42, 0x5a, 0x68], 'bz2'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz'],
  [[0x5d, 0x00, 0x00], 'lzma'],
  [[0x04, 0x22, 0x4d, 0x18], 'lz4'],
  [[0x5a, 0x46], 'the pre-0.10 joblib zlib format'],
];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function isZlibHeader(bytes: Uint8Array): boolean {
  const [cmf, flg] = [bytes[0], bytes[1]];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && (cmf * 256 + flg) % 31 === 0;
}

async function inflate(bytes: Uint8Array, format: CompressionFormat, source: string): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new PickleError(
      source,
      `${format === 'deflate' ? 'zlib' : format} data is corrupt or truncated (${(e as Error).message})`,
    );
  }
}

/** The pickle stream inside a joblib file, decompressed when needed. */
export async function joblibPayload(bytes: Uint8Array, source: string): Promise<Uint8Array> {
  if (bytes[0] === 0x80) return bytes;
  if (isZlibHeader(bytes)) return inflate(bytes, 'deflate', source);
  if (startsWith(bytes, [0x1f, 0x8b])) return inflate(bytes, 'gzip', source);
  const known = UNSUPPORTED.find(([magic]) => startsWith(bytes, magic));
  if (known) {
    throw new PickleError(
      source,
      `compressed with ${known[1]}, which this reader does not support; re-save it uncompressed or with zlib/gzip (joblib.dump(obj, path, compress=3))`,
    );
  }
  return bytes;
}
