import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeEmbedding, startFakeEmbeddings, type FakeEmbeddings } from '../../../e2e/fakeEmbeddings';
import { EncoderError } from '../encoderError';
import { EmbeddingStore } from './embeddingStore';
import { connectServerEncoder, PROBE_TEXT, type ServerActivity, type ServerEncoderOptions } from './serverEncoder';

const DIM = 16;
const KEY = 'sk-embed-test-key-0123456789';
let fake: FakeEmbeddings;
let waits: number[];
let activity: ServerActivity[];

beforeAll(async () => {
  fake = await startFakeEmbeddings({ dim: DIM });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  waits = [];
  activity = [];
});

function options(patch: Partial<ServerEncoderOptions> = {}): ServerEncoderOptions {
  return {
    baseUrl: fake.baseUrl,
    model: 'Qwen/Qwen3-0.6B',
    apiKey: '',
    batch: 4,
    concurrency: 2,
    timeoutSeconds: 60,
    dim: DIM,
    pageOrigin: null,
    // Retries wait no real time here; the waits asked for are recorded.
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    onActivity: (a) => activity.push(a),
    ...patch,
  };
}

const texts = (n: number, tag = 'q') =>
  Array.from({ length: n }, (_, i) => `${tag} ${i}: how long should the answer be?`);
const expected = (t: string) => fakeEmbedding(t, DIM, true);

async function failure(run: Promise<unknown>): Promise<EncoderError> {
  const e = await run.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EncoderError);
  return e as EncoderError;
}

describe('connecting', () => {
  it('probes once: the width, finite values, base64, and whether vectors arrive normalised', async () => {
    const { encoder, probe } = await connectServerEncoder(options());
    expect(probe).toMatchObject({ format: 'base64', normalized: true });
    expect(probe.norm).toBeCloseTo(1, 5);
    expect(encoder.chunk).toBe(8);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body).toEqual({
      model: 'Qwen/Qwen3-0.6B',
      input: [PROBE_TEXT],
      encoding_format: 'base64',
    });
  });

  it('says when the vectors are not normalised', async () => {
    const raw = await startFakeEmbeddings({ dim: DIM, normalize: false });
    try {
      const { probe } = await connectServerEncoder(options({ baseUrl: raw.baseUrl }));
      expect(probe.normalized).toBe(false);
      expect(probe.norm).toBeCloseTo(Math.hypot(...fakeEmbedding(PROBE_TEXT, DIM)), 4);
    } finally {
      await raw.close();
    }
  });

  it('falls back to numbers when the server refuses base64, and gets the same vectors', async () => {
    fake.mode = 'no-base64';
    const { encoder, probe } = await connectServerEncoder(options());
    expect(probe.format).toBe('float');
    const t = texts(3);
    const vectors = await encoder.embedBatch(t);
    t.forEach((text, i) => expect(vectors[i]).toEqual(expected(text)));
    expect(fake.requests.slice(1).map((r) => r.body!.encoding_format)).toEqual(['float', 'float']);
  });

  it.each([
    ['wrong-dim', 'width', /have 17 numbers; this bundle's heads read 16/],
    ['nan', 'bad-response', /holds NaN or infinite values/],
    ['fewer', 'bad-response', /returned 0 vectors for the 1 text of the probe request/],
    ['unauthorized', 'auth', /refused the probe request \(401\): the API key is missing or wrong.*“Invalid API key”/],
  ] as const)('refuses a server that answers %s (%s)', async (mode, problem, message) => {
    fake.mode = mode;
    const e = await failure(connectServerEncoder(options()));
    expect(e.problem).toBe(problem);
    expect(e.message).toMatch(message);
  });

  it('reads NaN written as numbers, as Python writes it', async () => {
    fake.script = ['no-base64'];
    fake.mode = 'nan';
    const e = await failure(connectServerEncoder(options()));
    expect(e.problem).toBe('bad-response');
    expect(e.message).toMatch(/NaN or infinite/);
  });

  it('refuses a URL that is not one, and an origin the page’s policy blocks, saying how to allow it', async () => {
    expect(await failure(connectServerEncoder(options({ baseUrl: 'localhost:8000' })))).toMatchObject({
      problem: 'failed',
    });
    const e = await failure(
      connectServerEncoder(options({ baseUrl: 'https://embed.example.org/v1', pageOrigin: 'http://127.0.0.1:4173' })),
    );
    expect(e.problem).toBe('blocked');
    expect(e.message).toContain('Content-Security-Policy blocks https://embed.example.org');
    expect(e.message).toContain('VITE_EXTRA_CONNECT_ORIGINS="https://embed.example.org" npm run build');
    // Loopback needs nothing.
    await connectServerEncoder(options({ pageOrigin: 'http://127.0.0.1:4173' }));
    expect(fake.requests).toHaveLength(1);
  });

  it('says when nothing listens', async () => {
    const gone = await startFakeEmbeddings({ dim: DIM });
    const url = gone.baseUrl;
    await gone.close();
    const e = await failure(connectServerEncoder(options({ baseUrl: url })));
    expect(e.problem).toBe('unreachable');
    expect(e.message).toMatch(/^Could not reach the embeddings server at http:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('embedding', () => {
  it('matches vectors by index, in the texts’ order, batch texts to a request', async () => {
    const { encoder } = await connectServerEncoder(options());
    fake.requests.length = 0;
    const t = texts(10);
    const vectors = await encoder.embedBatch(t);
    t.forEach((text, i) => expect(vectors[i]).toEqual(expected(text)));
    expect(fake.requests.map((r) => r.body!.input.length)).toEqual([4, 4, 2]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (...args) => {
      most = Math.max(most, ++inFlight);
      try {
        return await fetch(...args);
      } finally {
        inFlight--;
      }
    };
    fake.delayMs = 30;
    const { encoder } = await connectServerEncoder(options({ fetch: counting, batch: 2, concurrency: 3 }));
    await encoder.embedBatch(texts(20));
    expect(most).toBe(3);
  });

  it('asks once per distinct text, and never again for one it has', async () => {
    const { encoder } = await connectServerEncoder(options());
    const t = texts(5);
    await encoder.embedBatch([...t, t[0]!, t[1]!]);
    const again = await encoder.embedBatch([t[3]!, t[1]!]);
    expect(again).toEqual([expected(t[3]!), expected(t[1]!)]);
    expect(fake.embedded().sort()).toEqual([PROBE_TEXT, ...t].sort());
  });

  it('hands out copies, so a caller normalising in place leaves the kept vectors as sent', async () => {
    const { encoder } = await connectServerEncoder(options());
    const [first] = await encoder.embedBatch(['kept as sent']);
    first!.fill(0);
    expect(await encoder.embedBatch(['kept as sent'])).toEqual([expected('kept as sent')]);
  });

  it('sends the key as the bearer token to that server only, and no header without one', async () => {
    const keyed = await startFakeEmbeddings({ dim: DIM, key: KEY });
    try {
      const { encoder } = await connectServerEncoder(options({ baseUrl: keyed.baseUrl, apiKey: KEY }));
      await encoder.embedBatch(texts(2));
      expect(keyed.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
      expect(keyed.requests.every((r) => r.path === '/v1/embeddings')).toBe(true);
      expect(await failure(connectServerEncoder(options({ baseUrl: keyed.baseUrl, apiKey: 'wrong' })))).toMatchObject({
        problem: 'auth',
      });
    } finally {
      await keyed.close();
    }
    await connectServerEncoder(options());
    expect(fake.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('retries a 429 after the server’s Retry-After, and embeds every text once', async () => {
    const { encoder } = await connectServerEncoder(options());
    fake.retryAfterSeconds = 2;
    fake.script = ['rate-limited', 'rate-limited'];
    const t = texts(8);
    const vectors = await encoder.embedBatch(t);
    t.forEach((text, i) => expect(vectors[i]).toEqual(expected(text)));
    expect(waits).toEqual([2000, 2000]);
    expect(activity.filter((a) => a.kind === 'retry')).toEqual([
      expect.objectContaining({ status: 429, retry: 1, of: 4, waitMs: 2000, asked: true }),
      expect.objectContaining({ status: 429, retry: 1, of: 4, waitMs: 2000, asked: true }),
    ]);
    expect(fake.embeddedAmong(t)).toEqual([...t].sort());
  });

  it('retries a 500 with backoff, then succeeds', async () => {
    const { encoder } = await connectServerEncoder(options({ concurrency: 1 }));
    fake.script = ['server-error', 'server-error'];
    await encoder.embedBatch(texts(3));
    expect(waits).toEqual([500, 1000]);
  });

  it('gives up after the bounded retries, naming the status, the batch and the retries', async () => {
    const { encoder } = await connectServerEncoder(options({ concurrency: 1 }));
    fake.mode = 'server-error';
    const e = await failure(encoder.embedBatch(texts(3)));
    expect(e.problem).toBe('server-error');
    expect(e.message).toMatch(/failed on batch 1 \(3 queries, the first “q 0: how long/);
    expect(e.message).toMatch(/\(500\) after 4 retries/);
    expect(waits).toHaveLength(4);
  });

  it('stops at once when the server asks to wait longer than the page waits', async () => {
    const { encoder } = await connectServerEncoder(options());
    fake.mode = 'rate-limited';
    fake.retryAfterSeconds = 3600;
    const e = await failure(encoder.embedBatch(texts(1)));
    expect(e.problem).toBe('rate-limited');
    expect(e.message).toMatch(/retry in 3600 s/);
    expect(waits).toEqual([]);
  });

  it('stops on any other 4xx, naming the status and the batch', async () => {
    const { encoder } = await connectServerEncoder(options());
    fake.mode = 'no-base64';
    const e = await failure(encoder.embedBatch(['the only query']));
    expect(e).toMatchObject({ problem: 'rejected' });
    expect(e.message).toMatch(/refused batch 1 \(1 query, the first “the only query”\) \(400\)/);
  });

  it('gives up on a server that never answers, with a timeout message', async () => {
    const { encoder } = await connectServerEncoder(options({ timeoutSeconds: 0.3 }));
    fake.mode = 'hang';
    const e = await failure(encoder.embedBatch(texts(2)));
    expect(e.problem).toBe('timeout');
    expect(e.message).toMatch(/did not answer batch 1 .* within 0.3 s/);
  });

  it('keeps what arrived before a failure, and a resumed run asks only for the rest', async () => {
    const { encoder } = await connectServerEncoder(options({ concurrency: 1 }));
    fake.script = ['ok', 'unauthorized'];
    const t = texts(12);
    expect((await failure(encoder.embedBatch(t))).problem).toBe('auth');
    await encoder.embedBatch(t);
    expect(fake.embeddedAmong(t)).toEqual([...t].sort());
  });

  it('returns at once on Cancel; a resumed run waits for requests already sent instead of sending them again', async () => {
    const store = new EmbeddingStore();
    const { encoder } = await connectServerEncoder(options({ store, batch: 2, concurrency: 2 }));
    fake.delayMs = 150;
    const t = texts(12);
    const controller = new AbortController();
    const run = failure(encoder.embedBatch(t, controller.signal));
    await new Promise((r) => setTimeout(r, 200));
    const before = performance.now();
    controller.abort();
    expect((await run).problem).toBe('cancelled');
    expect(performance.now() - before).toBeLessThan(100);
    // The requests in flight at the cancel still land, and are kept.
    const resumed = await encoder.embedBatch(t);
    t.forEach((text, i) => expect(resumed[i]).toEqual(expected(text)));
    expect(fake.embeddedAmong(t)).toEqual([...t].sort());
    expect(store.size).toBe(t.length + 1);
  });

  it('starts no retry for a caller that has cancelled', async () => {
    const { encoder } = await connectServerEncoder(
      options({ sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 100))) }),
    );
    fake.mode = 'rate-limited';
    const controller = new AbortController();
    const run = failure(encoder.embedBatch(texts(1), controller.signal));
    await new Promise((r) => setTimeout(r, 30));
    controller.abort();
    expect((await run).problem).toBe('cancelled');
    const sent = fake.requests.length;
    await new Promise((r) => setTimeout(r, 250));
    expect(fake.requests.length).toBe(sent);
  });

  it('reports each answer’s time', async () => {
    const { encoder } = await connectServerEncoder(options());
    await encoder.embedBatch(texts(4));
    const answers = activity.filter((a) => a.kind === 'answer');
    expect(answers).toHaveLength(2);
    expect(answers.every((a) => a.status === 200 && a.ms >= 0)).toBe(true);
  });
});
