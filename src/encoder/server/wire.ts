import { EncoderError } from '../encoderError';

/**
 * The OpenAI embeddings API on the wire: the request body, and the answer read back into one
 * vector per text, in the texts' order. Servers may answer in any order and say which text each
 * vector is for by `index`; vLLM and OpenAI send `base64` as the little-endian bytes of a float32
 * array, which is about a quarter of the JSON numbers' size, and exact.
 */

export type EncodingFormat = 'base64' | 'float';

export interface EmbeddingsRequest {
  model: string;
  input: readonly string[];
  encoding_format: EncodingFormat;
}

export function embeddingsRequest(model: string, texts: readonly string[], format: EncodingFormat): EmbeddingsRequest {
  return { model, input: texts, encoding_format: format };
}

/** float32 values from base64 of their little-endian bytes; null when the text is not that. */
export function decodeBase64Floats(text: string): Float32Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (binary.length % 4 !== 0) return null;
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** The inverse, for servers that stand in for one in tests and the bench. */
export function encodeBase64Floats(values: ArrayLike<number>): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  const bytes = new Uint8Array(view.buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Whether any vector in an answer came as a JSON array: the server ignored `encoding_format: "base64"`. */
export function answeredInFloats(body: unknown): boolean {
  const data = (body as { data?: unknown } | null)?.data;
  return Array.isArray(data) && data.some((d) => Array.isArray((d as { embedding?: unknown } | null)?.embedding));
}

function bad(message: string): EncoderError {
  return new EncoderError('bad-response', message);
}

function vectorOf(embedding: unknown): Float32Array | null {
  if (typeof embedding === 'string') return decodeBase64Floats(embedding);
  if (Array.isArray(embedding) && embedding.every((x) => typeof x === 'number')) return Float32Array.from(embedding);
  return null;
}

/**
 * The vectors of an answer to `count` texts, the i-th for the i-th text. `what` names the request
 * in messages (e.g. "batch 3 (64 queries, the first “…”)"). Refuses, naming the problem, an answer
 * without a `data` list, with fewer or more vectors than texts, an index missing, out of range or
 * repeated, a vector that is not numbers or base64, of another width than `dim`, or not finite.
 */
export function readEmbeddings(body: unknown, count: number, dim: number, what: string): Float32Array[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data))
    throw bad(
      `The server's answer to ${what} has no "data" list of embeddings: is the base URL an OpenAI-compatible API (it usually ends in /v1)?`,
    );
  if (data.length !== count)
    throw bad(
      `The server returned ${data.length} vector${data.length === 1 ? '' : 's'} for the ${count} text${count === 1 ? '' : 's'} of ${what}.`,
    );
  const out: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(count);
  for (const item of data as unknown[]) {
    const index = (item as { index?: unknown } | null)?.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count)
      throw bad(`The server's answer to ${what} has a vector without a valid index (${JSON.stringify(index)}).`);
    if (out[index]) throw bad(`The server's answer to ${what} has two vectors for index ${index}.`);
    const vector = vectorOf((item as { embedding?: unknown }).embedding);
    if (!vector)
      throw bad(`The server's vector ${index} in ${what} is neither a list of numbers nor base64 of float32 values.`);
    if (vector.length !== dim)
      throw new EncoderError(
        'width',
        `The server's vectors have ${vector.length} numbers; this bundle's heads read ${dim}. Is the model the bundle's encoder, served as an embedding model?`,
      );
    if (!vector.every(Number.isFinite))
      throw bad(`The server's vector ${index} in ${what} holds NaN or infinite values.`);
    out[index] = vector;
  }
  return out as Float32Array[];
}
