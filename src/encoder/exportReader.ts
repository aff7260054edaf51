/**
 * Where an export's files are read from — the Hub (through this browser's cache), a picked
 * folder, a folder on disk in Node — as byte streams, so every source is read the same way:
 * whole, into one buffer sized from the file list, with progress and cancellation.
 */
export interface ExportReader {
  /** A stream of the file at `path` (relative to the export's root); throws an EncoderError when it cannot be read. */
  open: (path: string, signal?: AbortSignal) => Promise<ReadableStream<Uint8Array>>;
}

/**
 * Reads a stream whole into a buffer of `size + room` bytes (grown if the stream is longer),
 * calling `onBytes` with each chunk's length. `room` is left free after the data for a caller
 * that appends to it.
 */
export async function readAll(
  stream: ReadableStream<Uint8Array>,
  size: number,
  room: number,
  onBytes: (count: number) => void,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; length: number }> {
  let bytes = new Uint8Array(size + room);
  let length = 0;
  const reader = stream.getReader();
  const stop = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled read ends like a finished one: only the signal tells them apart.
      signal?.throwIfAborted();
      if (done) break;
      if (length + value.length > bytes.length) {
        const bigger = new Uint8Array(Math.max(2 * bytes.length, length + value.length + room));
        bigger.set(bytes.subarray(0, length));
        bytes = bigger;
      }
      bytes.set(value, length);
      length += value.length;
      onBytes(value.length);
    }
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  return { bytes, length };
}

/** A small file's bytes, whole. */
export async function readBytes(
  files: ExportReader,
  path: string,
  onBytes: (count: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const { bytes, length } = await readAll(await files.open(path, signal), 0, 0, onBytes, signal);
  return bytes.subarray(0, length);
}

export async function readText(
  files: ExportReader,
  path: string,
  onBytes: (count: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  return new TextDecoder().decode(await readBytes(files, path, onBytes, signal));
}
