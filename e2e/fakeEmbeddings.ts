import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeBase64Floats } from '../src/encoder/server/wire';
import { seeded } from '../src/router/testing/randomPools';

/**
 * An OpenAI-compatible embeddings server for tests and the bench, on 127.0.0.1 only: `POST
 * /v1/embeddings` answers each text with a vector made from the text alone (fakeEmbedding), in
 * base64 or numbers as asked, its data shuffled (each vector carries its index, as the API says).
 * `mode` (or `script`, per request) makes it fail in one way; every request is recorded.
 */

export const EMBEDDING_MODES = [
  'ok',
  'unauthorized', // 401
  'rate-limited', // 429 with Retry-After (retryAfterSeconds)
  'server-error', // 500
  'wrong-dim', // vectors one number too wide
  'nan', // a NaN in the first vector
  'fewer', // one vector fewer than texts
  'hang', // never answers
  'no-base64', // 400 to encoding_format "base64", as a server without it would
] as const;
export type EmbeddingMode = (typeof EMBEDDING_MODES)[number];

export interface EmbeddingsBody {
  model: string;
  input: string[];
  encoding_format?: string;
}

export interface RecordedEmbeddingRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: EmbeddingsBody | null;
  status: number;
  /** A 200 whose vectors a client must refuse (wrong width, NaN, one missing): none of its texts count as embedded. */
  malformed: boolean;
}

export interface FakeEmbeddingsOptions {
  dim?: number;
  /** Unit-length vectors, as vLLM sends for an embedding model; false sends them as made (norm ≠ 1). */
  normalize?: boolean;
  /** Wait this long before each answer. */
  delayMs?: number;
  /** Answer 401 unless this bearer token comes. */
  key?: string;
}

export interface FakeEmbeddings {
  /** e.g. http://127.0.0.1:41234/v1 */
  baseUrl: string;
  dim: number;
  mode: EmbeddingMode;
  /** Modes for the next requests, in order, before `mode` applies again. */
  script: EmbeddingMode[];
  retryAfterSeconds: number;
  delayMs: number;
  key: string | null;
  requests: RecordedEmbeddingRequest[];
  /** Every text the server answered with a usable vector, once per time it did. */
  embedded(): string[];
  /** The answered occurrences of `texts`, sorted: equal to `texts` sorted when each was embedded exactly once. */
  embeddedAmong(texts: readonly string[]): string[];
  reset(): void;
  close(): Promise<void>;
}

/** FNV-1a of the text's UTF-16 units: the seed of its vector. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The fake server's vector for a text: seeded numbers in [−1, 1) from its hash, float32, norm about √(dim/3). */
export function fakeEmbedding(text: string, dim: number, normalize = false): Float32Array {
  const random = seeded(seedOf(text));
  const out = Float32Array.from({ length: dim }, () => 2 * random() - 1);
  if (normalize) {
    const norm = Math.hypot(...out);
    for (let k = 0; k < dim; k++) out[k] = out[k]! / norm;
  }
  return out;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, content-type',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Expose-Headers': 'Retry-After',
  // The app is cross-origin isolated (COEP require-corp): responses must opt in.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json', ...headers });
  res.end(text);
}

const error = (message: string) => JSON.stringify({ error: { message, type: 'fake_error', code: null } });

/** Indices in an order that is never the texts' own (for two or more). */
function shuffled(count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  return count < 2 ? order : [...order.slice(1), order[0]!].reverse();
}

function answer(body: EmbeddingsBody, mode: EmbeddingMode, dim: number, normalize: boolean): string {
  const base64 = body.encoding_format === 'base64';
  const width = mode === 'wrong-dim' ? dim + 1 : dim;
  const count = mode === 'fewer' ? body.input.length - 1 : body.input.length;
  const data = shuffled(count).map((index) => {
    const vector = fakeEmbedding(body.input[index]!, width, normalize);
    if (mode === 'nan' && index === 0) vector[0] = NaN;
    // A float answer writes NaN as Python's json module does.
    const embedding = base64
      ? encodeBase64Floats(vector)
      : `[${[...vector].map((v) => (Number.isNaN(v) ? 'NaN' : v)).join(',')}]`;
    return `{"object":"embedding","index":${index},"embedding":${base64 ? JSON.stringify(embedding) : embedding}}`;
  });
  const tokens = body.input.reduce((n, t) => n + t.split(/\s+/).length, 0);
  return `{"object":"list","model":${JSON.stringify(body.model)},"data":[${data.join(',')}],"usage":{"prompt_tokens":${tokens},"total_tokens":${tokens}}}`;
}

export async function startFakeEmbeddings(options: FakeEmbeddingsOptions = {}): Promise<FakeEmbeddings> {
  const normalize = options.normalize ?? true;
  const open = new Set<ServerResponse>();
  const fake: FakeEmbeddings = {
    baseUrl: '',
    dim: options.dim ?? 1024,
    mode: 'ok',
    script: [],
    retryAfterSeconds: 1,
    delayMs: options.delayMs ?? 0,
    key: options.key ?? null,
    requests: [],
    embedded: () =>
      fake.requests.filter((r) => r.status === 200 && !r.malformed && r.body).flatMap((r) => r.body!.input),
    embeddedAmong: (texts) => {
      const wanted = new Set(texts);
      return fake
        .embedded()
        .filter((t) => wanted.has(t))
        .sort();
    },
    reset: () => {
      fake.requests.length = 0;
      fake.script.length = 0;
      fake.mode = 'ok';
      fake.retryAfterSeconds = 1;
      fake.delayMs = options.delayMs ?? 0;
      fake.key = options.key ?? null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
      }),
  };

  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') return send(res, 204, '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: EmbeddingsBody | null = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EmbeddingsBody;
      } catch {
        body = null;
      }
      const record: RecordedEmbeddingRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        status: 0,
        malformed: false,
      };
      fake.requests.push(record);
      const mode = fake.script.shift() ?? fake.mode;
      const reply = (status: number, text: string, headers?: Record<string, string>) => {
        record.status = status;
        send(res, status, text, headers);
      };
      const respond = () => {
        if (req.url !== '/v1/embeddings' || req.method !== 'POST') return reply(404, error('Not Found'));
        if (!body || !Array.isArray(body.input)) return reply(400, error('input must be a list of strings'));
        if (fake.key !== null && req.headers.authorization !== `Bearer ${fake.key}`)
          return reply(401, error('Invalid API key'));
        switch (mode) {
          case 'unauthorized':
            return reply(401, error('Invalid API key'));
          case 'rate-limited':
            return reply(429, error('Too many requests'), { 'Retry-After': String(fake.retryAfterSeconds) });
          case 'server-error':
            return reply(500, error('The engine died'));
          case 'hang':
            record.status = -1;
            open.add(res);
            return;
          case 'no-base64':
            if (body.encoding_format === 'base64') return reply(400, error('encoding_format must be "float"'));
            return reply(200, answer(body, 'ok', fake.dim, normalize));
          default:
            record.malformed = mode !== 'ok';
            return reply(200, answer(body, mode, fake.dim, normalize));
        }
      };
      if (fake.delayMs > 0) setTimeout(respond, fake.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
