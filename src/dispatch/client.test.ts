import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_ANSWER_TOKENS,
  PROMPT_TOKENS,
  RETRY_AFTER_SECONDS,
  answerTokens,
  fakeProvidersFor,
  startFakeProvider,
} from '../../e2e/fakeProvider';
import { dispatch, estimateCompletionTokens, type DispatchRequest } from './client';
import { DispatchError, type DispatchFailure } from './errors';
import type { Budget } from '../bundle/manifest';
import { budgetedRequest, lengthInstruction } from './instruction';
import { DEFAULT_SETTINGS, type DispatchSettings } from './settings';

const KEY = 'sk-test-not-a-real-key-123';
const providers = fakeProvidersFor({ beforeAll, afterAll, beforeEach });
const provider = () => providers()[0]!;
let settings: DispatchSettings;

beforeEach(() => {
  settings = { ...DEFAULT_SETTINGS, endpoint: provider().baseUrl, apiKey: KEY };
});

const request = (model: string, budget: Budget = 100): DispatchRequest =>
  budgetedRequest(model, 'What does R2 route?', budget);
const fullAnswer = answerTokens(DEFAULT_ANSWER_TOKENS).join('');

async function failure(
  model: string,
  s: Partial<DispatchSettings> = {},
  signal = new AbortController().signal,
): Promise<DispatchFailure> {
  const err = await dispatch(request(model), { ...settings, ...s }, signal, () => {}).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DispatchError);
  const f = (err as DispatchError).failure;
  expect(f.message).not.toContain(KEY);
  return f;
}

describe('dispatch, streaming', () => {
  it('streams the answer and reports the usage', async () => {
    const seen: string[] = [];
    const result = await dispatch(request('acme/model'), settings, new AbortController().signal, (t) => seen.push(t));
    expect(result).toEqual({
      text: fullAnswer,
      completionTokens: DEFAULT_ANSWER_TOKENS,
      usageReported: true,
      promptTokens: PROMPT_TOKENS,
      finishReason: 'stop',
    });
    expect(seen.length).toBe(DEFAULT_ANSWER_TOKENS);
    expect(seen[0]).toBe('Routing');
    expect(seen.at(-1)).toBe(fullAnswer);
  });

  it('sends the length instruction, the max_tokens guard, the key as a bearer token, and asks for usage', async () => {
    await dispatch(
      request('acme/model', 100),
      { ...settings, extraHeaders: 'X-Title: R2 playground' },
      new AbortController().signal,
      () => {},
    );
    const [chat] = provider().chats();
    expect(provider().chats()).toHaveLength(1);
    expect(chat!.body).toMatchObject({
      model: 'acme/model',
      messages: [
        { role: 'system', content: lengthInstruction(100) },
        { role: 'user', content: 'What does R2 route?' },
      ],
      max_tokens: 126,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(chat!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(chat!.headers['x-title']).toBe('R2 playground');
    expect(chat!.path).not.toContain(KEY);
  });

  it('an unlimited choice sends no instruction and no max_tokens', async () => {
    await dispatch(request('acme/model', 'unlimited'), settings, new AbortController().signal, () => {});
    const body = provider().chats()[0]!.body!;
    expect(body.messages).toEqual([{ role: 'user', content: 'What does R2 route?' }]);
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('estimates completion tokens, and says so, when the provider omits usage', async () => {
    const result = await dispatch(request('fake/no-usage'), settings, new AbortController().signal, () => {});
    expect(result.usageReported).toBe(false);
    expect(result.promptTokens).toBeNull();
    expect(result.completionTokens).toBe(estimateCompletionTokens(fullAnswer));
    expect(result.completionTokens).toBeGreaterThan(0);
  });

  it('reads the usage Groq sends under x_groq on the last chunk', async () => {
    const result = await dispatch(request('fake/groq-usage'), settings, new AbortController().signal, () => {});
    expect(result).toMatchObject({
      usageReported: true,
      completionTokens: DEFAULT_ANSWER_TOKENS,
      promptTokens: PROMPT_TOKENS,
    });
  });

  it('a small budget is cut off by the guard, with finish reason length', async () => {
    const result = await dispatch(
      request('acme/model', 1),
      { ...settings, extraHeaders: 'x-fake-tokens: 40' },
      new AbortController().signal,
      () => {},
    );
    expect(result.finishReason).toBe('length');
    expect(result.completionTokens).toBe(18);
  });

  it('Stop aborts the request mid-stream and keeps the partial text', async () => {
    const stop = new AbortController();
    let chunks = 0;
    const err = await dispatch(request('fake/slow'), settings, stop.signal, () => {
      if (++chunks === 3) stop.abort();
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DispatchError);
    const f = (err as DispatchError).failure;
    expect(f.kind).toBe('stopped');
    expect(f.partialText).toBe(answerTokens(3).join(''));
    await expect.poll(() => provider().chats()[0]?.closedEarly).toBe(true);
  });

  it('an already-stopped signal sends nothing', async () => {
    const stop = new AbortController();
    stop.abort();
    expect((await failure('acme/model', {}, stop.signal)).kind).toBe('stopped');
    expect(provider().chats()).toHaveLength(0);
  });
});

describe('dispatch, not streaming', () => {
  it('returns the whole answer with usage', async () => {
    const texts: string[] = [];
    const result = await dispatch(
      request('acme/model'),
      { ...settings, stream: false },
      new AbortController().signal,
      (t) => texts.push(t),
    );
    expect(result).toEqual({
      text: fullAnswer,
      completionTokens: DEFAULT_ANSWER_TOKENS,
      usageReported: true,
      promptTokens: PROMPT_TOKENS,
      finishReason: 'stop',
    });
    expect(texts).toEqual([fullAnswer]);
    expect(provider().chats()[0]!.body).toMatchObject({ stream: false, max_tokens: 126 });
  });

  it('estimates when usage is missing', async () => {
    const result = await dispatch(
      request('fake/no-usage'),
      { ...settings, stream: false },
      new AbortController().signal,
      () => {},
    );
    expect(result.usageReported).toBe(false);
    expect(result.completionTokens).toBe(estimateCompletionTokens(fullAnswer));
  });

  it('a body cut short is a broken answer', async () => {
    expect((await failure('fake/dies-halfway', { stream: false })).kind).toBe('stream-broken');
  });
});

describe('dispatch failures', () => {
  it.each([
    ['fake/unauthorized', 'auth', 401],
    ['fake/forbidden', 'auth', 403],
    ['fake/no-credits', 'credits', 402],
    ['fake/server-error', 'server', 500],
    ['fake/unavailable', 'server', 503],
    ['fake/model-not-found', 'model-not-found', 404],
    ['fake/invalid-model', 'model-not-found', 400],
    ['fake/non-json', 'non-json', 502],
  ])('%s → %s, sent once, never retried', async (model, kind, status) => {
    const f = await failure(model);
    expect(f).toMatchObject({ kind, status });
    expect(provider().chats()).toHaveLength(1);
  });

  it('429 reads Retry-After and is not retried', async () => {
    const f = await failure('fake/rate-limited');
    expect(f).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterSeconds: RETRY_AFTER_SECONDS });
    expect(provider().chats()).toHaveLength(1);
  });

  it('a rejected model id is named in the message', async () => {
    expect((await failure('fake/model-not-found')).message).toContain('"fake/model-not-found"');
  });

  it('a provider echoing the key never gets it into the message', async () => {
    const f = await failure('fake/echo-key');
    expect(f.kind).toBe('auth');
    expect(f.message).toContain('[API key hidden]');
  });

  it('the mode can come from an extra header', async () => {
    expect((await failure('acme/model', { extraHeaders: 'x-fake-mode: unauthorized' })).kind).toBe('auth');
  });

  it('a stream that dies halfway keeps what arrived, marked partial', async () => {
    const f = await failure('fake/dies-halfway');
    expect(f.kind).toBe('stream-broken');
    expect(f.partialText).toBe(answerTokens(3).join(''));
    expect(f.message).toMatch(/marked partial/);
  });

  it('no answer at all times out', async () => {
    const f = await failure('fake/hang', { timeoutSeconds: 1 });
    expect(f.kind).toBe('timeout');
    expect(f.message).toMatch(/for 1 s/);
  });

  it('a stream gone silent times out and keeps the partial text', async () => {
    const f = await failure('fake/stall', { timeoutSeconds: 1 });
    expect(f).toMatchObject({ kind: 'timeout', partialText: answerTokens(3).join('') });
  });

  it('an unreachable server is a network failure', async () => {
    const closed = await startFakeProvider();
    await closed.close();
    const f = await failure('acme/model', { endpoint: closed.baseUrl });
    expect(f.kind).toBe('network');
    expect(f.message).toContain('Could not reach http://127.0.0.1:');
  });

  it('a wrong base URL (no /v1) is a 404 about the address', async () => {
    const f = await failure('acme/model', { endpoint: provider().baseUrl.replace(/\/v1$/, '') });
    expect(f.kind).toBe('not-found');
  });

  it('bad settings are refused before anything is sent', async () => {
    const f = await failure('acme/model', { endpoint: 'https://api.example.com/v1', extraHeaders: 'Host: elsewhere' });
    expect(f.kind).toBe('settings');
    expect(f.message).toMatch(/would be blocked.*Extra headers, line 1/);
    expect(provider().requests).toHaveLength(0);
  });
});
