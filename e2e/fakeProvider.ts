import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible chat completions server for tests, on 127.0.0.1 only. The mode comes
 * from the `x-fake-mode` header (settable through the app's extra headers), else from a model
 * id of the form `fake/<mode>`, else `ok`. Every request is recorded.
 */

export const FAKE_MODES = [
  'ok', // answer with usage when asked for it
  'no-usage', // answer, never report usage
  'slow', // a long answer, 50 ms a token: time to press Stop
  'unauthorized', // 401
  'echo-key', // 401 whose message repeats the bearer token, as some providers do
  'forbidden', // 403
  'no-credits', // 402
  'rate-limited', // 429 with Retry-After: 17
  'server-error', // 500
  'unavailable', // 503
  'model-not-found', // 404, OpenAI's shape
  'invalid-model', // 400 "<id> is not a valid model ID", OpenRouter's shape
  'dies-halfway', // a few tokens, then the connection is cut
  'non-json', // 502 with an HTML page
  'hang', // never answers: holds the request until the client closes the connection (recorded as closedEarly) or the server closes
  'stall', // a few tokens, then silence
  'groq-usage', // stream usage under x_groq on the last chunk, as Groq sends it
] as const;
export type FakeMode = (typeof FAKE_MODES)[number];

export const MODE_HEADER = 'x-fake-mode';
/** A judge call (its prompt asks for a "score") is answered with this header's text, else DEFAULT_VERDICT. */
export const VERDICT_HEADER = 'x-fake-verdict';
export const DEFAULT_VERDICT = '{"score": 0.75, "reason": "Fake verdict."}';
export const RETRY_AFTER_SECONDS = 17;
/** Tokens in a normal answer; `x-fake-tokens` overrides. The answer stops early at max_tokens. */
export const DEFAULT_ANSWER_TOKENS = 24;
export const PROMPT_TOKENS = 42;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or null. */
  body: ChatBody | null;
  /** The connection closed before the answer was complete: the client stopped or gave up, or a mode cut it. */
  closedEarly: boolean;
}

export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  max_tokens?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

export interface FakeProvider {
  /** e.g. http://127.0.0.1:41234/v1 */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Modes for particular chat requests, by their 1-based number since the last reset: a failure mid-way. */
  scripted: Map<number, FakeMode>;
  /** The chat completion requests (no preflights), oldest first. */
  chats(): RecordedRequest[];
  close(): Promise<void>;
}

const WORDS =
  'Routing picks the model and the length budget together so a short question gets a short answer and a hard one gets room to think'.split(
    ' ',
  );

/** The answer's tokens: one word each, with the space that precedes it. */
export function answerTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${i === 0 ? '' : ' '}${WORDS[i % WORDS.length]}`);
}

function modeOf(req: IncomingMessage, body: ChatBody | null, scripted: FakeMode | undefined): FakeMode {
  if (scripted) return scripted;
  const wanted = String(req.headers[MODE_HEADER] ?? body?.model?.replace(/^fake\//, '') ?? 'ok');
  return (FAKE_MODES as readonly string[]).includes(wanted) ? (wanted as FakeMode) : 'ok';
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
  // The app is cross-origin isolated (COEP require-corp): responses must opt in.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json', ...extra });
  res.end(JSON.stringify(value));
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  extra: { code?: string; headers?: Record<string, string> } = {},
): void {
  sendJson(res, status, { error: { message, type: 'fake_error', code: extra.code ?? null } }, extra.headers);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chunk(model: string, choice: object | null, usage?: object): string {
  const payload = {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: choice ? [{ index: 0, ...choice }] : [],
    ...(usage ? { usage } : {}),
  };
  return `data: ${JSON.stringify(payload)}\n\n`;
}

export function isJudgeCall(body: ChatBody): boolean {
  return body.messages.some((m) => m.content.includes('"score"'));
}

async function answer(req: IncomingMessage, res: ServerResponse, body: ChatBody, mode: FakeMode): Promise<void> {
  const wanted = mode === 'slow' ? 200 : Number(req.headers['x-fake-tokens'] ?? DEFAULT_ANSWER_TOKENS);
  const cut = body.max_tokens !== undefined && body.max_tokens < wanted;
  const tokens = isJudgeCall(body)
    ? [String(req.headers[VERDICT_HEADER] ?? DEFAULT_VERDICT)]
    : answerTokens(cut ? body.max_tokens! : wanted);
  const finish = cut && !isJudgeCall(body) ? 'length' : 'stop';
  const usage =
    mode === 'no-usage'
      ? undefined
      : { prompt_tokens: PROMPT_TOKENS, completion_tokens: tokens.length, total_tokens: PROMPT_TOKENS + tokens.length };
  const breakAfter = mode === 'dies-halfway' || mode === 'stall' ? 3 : Infinity;

  if (!body.stream) {
    if (mode === 'dies-halfway') {
      res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' });
      res.write('{"id":"chatcmpl-fake","choices":[{"index":0,"message":{"role":"assistant","content":"Rout');
      await sleep(20); // let the headers and the first bytes reach the client
      res.destroy();
      return;
    }
    const message = { role: 'assistant', content: tokens.join('') };
    sendJson(res, 200, {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 0,
      model: body.model,
      choices: [{ index: 0, message, finish_reason: finish }],
      ...(usage ? { usage } : {}),
    });
    return;
  }

  res.writeHead(200, { ...CORS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.write(chunk(body.model, { delta: { role: 'assistant', content: '' }, finish_reason: null }));
  for (const [i, token] of tokens.entries()) {
    if (res.destroyed) return;
    if (i === breakAfter) {
      if (mode === 'stall') return; // keep the connection open, silent, until the client gives up
      // A browser drops stream data not yet read when the connection fails: let it read first,
      // with room for a host whose cores are busy.
      await sleep(500);
      res.destroy();
      return;
    }
    res.write(chunk(body.model, { delta: { content: token }, finish_reason: null }));
    await sleep(mode === 'slow' ? 50 : 5);
  }
  if (mode === 'groq-usage') {
    const last = JSON.parse(chunk(body.model, { delta: {}, finish_reason: finish }).slice(6)) as object;
    res.write(`data: ${JSON.stringify({ ...last, x_groq: { id: 'req_fake', usage } })}\n\n`);
    res.end('data: [DONE]\n\n');
    return;
  }
  res.write(chunk(body.model, { delta: {}, finish_reason: finish }));
  if (usage && body.stream_options?.include_usage) res.write(chunk(body.model, null, usage));
  res.end('data: [DONE]\n\n');
}

async function chat(req: IncomingMessage, res: ServerResponse, body: ChatBody, scripted?: FakeMode): Promise<void> {
  const mode = modeOf(req, body, scripted);
  switch (mode) {
    case 'unauthorized':
      return sendError(res, 401, 'Invalid API key.');
    case 'echo-key':
      return sendError(
        res,
        401,
        `Incorrect API key provided: ${String(req.headers.authorization ?? '').replace(/^Bearer /, '')}.`,
      );
    case 'forbidden':
      return sendError(res, 403, 'This key is not allowed to use this model.');
    case 'no-credits':
      return sendError(res, 402, 'Insufficient credits.');
    case 'rate-limited':
      return sendError(res, 429, 'Rate limit exceeded.', { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } });
    case 'server-error':
      return sendError(res, 500, 'Internal server error.');
    case 'unavailable':
      return sendError(res, 503, 'The model is overloaded.');
    case 'model-not-found':
      return sendError(res, 404, `The model \`${body.model}\` does not exist.`, { code: 'model_not_found' });
    case 'invalid-model':
      return sendError(res, 400, `${body.model} is not a valid model ID`);
    case 'non-json':
      res.writeHead(502, { ...CORS, 'Content-Type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    case 'hang':
      return; // answered by close(), which cuts every connection
    default:
      return answer(req, res, body, mode);
  }
}

async function readBody(req: IncomingMessage): Promise<ChatBody | null> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8')) as ChatBody;
  } catch {
    return null;
  }
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const requests: RecordedRequest[] = [];
  const scripted = new Map<number, FakeMode>();
  const chatCount = () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions').length;
  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      if (req.method === 'OPTIONS') {
        requests.push({ method: 'OPTIONS', path, headers: req.headers, body: null, closedEarly: false });
        res.writeHead(204, {
          ...CORS,
          'Access-Control-Allow-Methods': 'POST, OPTIONS',
          'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? ''),
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
      const body = await readBody(req);
      const record: RecordedRequest = {
        method: req.method ?? '',
        path,
        headers: req.headers,
        body,
        closedEarly: false,
      };
      requests.push(record);
      res.on('close', () => {
        record.closedEarly = !res.writableEnded;
      });
      if (req.method !== 'POST' || path !== '/v1/chat/completions')
        return sendError(res, 404, `No route for ${req.method} ${path}.`);
      if (body === null) return sendError(res, 400, 'The body is not JSON.');
      await chat(req, res, body, scripted.get(chatCount()));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    scripted,
    chats: () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The lifecycle hooks of a test runner (vitest's, or Playwright's through `test`). */
export interface TestHooks {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<unknown>) => void;
  beforeEach: (fn: () => void) => void;
}

/**
 * Local fake providers for one test file: started before its tests, emptied of recorded
 * requests and scripted failures before each, closed after. Call at the top of the file.
 */
export function fakeProvidersFor(hooks: TestHooks, count = 1): () => FakeProvider[] {
  let providers: FakeProvider[] = [];
  hooks.beforeAll(async () => {
    providers = await Promise.all(Array.from({ length: count }, () => startFakeProvider()));
  });
  hooks.afterAll(() => Promise.all(providers.map((p) => p.close())));
  hooks.beforeEach(() => {
    for (const p of providers) {
      p.requests.length = 0;
      p.scripted.clear();
    }
  });
  return () => providers;
}
