import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import {
  DispatchError,
  IncompleteStreamError,
  describeFailure,
  retryAfterSeconds,
  type FailureContext,
} from './errors';

const KEY = 'sk-test-not-a-real-key-123';
const ctx: FailureContext = {
  model: 'acme/model-x',
  endpoint: 'https://openrouter.ai/api/v1',
  apiKey: KEY,
  partialText: '',
  stopped: false,
  timedOut: false,
  timeoutSeconds: 90,
  cspBlocked: false,
};

/** An error as the openai client builds it from a response: JSON body parsed, else its text. */
function httpError(status: number, body: string, headers: Record<string, string> = {}): APIError {
  let json: object | null;
  try {
    json = JSON.parse(body) as object;
  } catch {
    json = null;
  }
  return APIError.generate(status, json ?? undefined, json ? undefined : body, new Headers(headers));
}

const jsonError = (message: string, code?: string) => JSON.stringify({ error: { message, ...(code ? { code } : {}) } });

describe('describeFailure', () => {
  it.each([
    [401, 'auth', /rejected the API key \(HTTP 401\)/],
    [403, 'auth', /refused this key \(HTTP 403\).*"acme\/model-x"/],
    [402, 'credits', /out of credits \(HTTP 402\)/],
    [500, 'server', /server error \(HTTP 500\).*nothing is retried/],
    [502, 'server', /server error \(HTTP 502\)/],
    [503, 'server', /unavailable or overloaded \(HTTP 503\)/],
    [404, 'not-found', /no chat completions at this address \(HTTP 404\).*\/v1/],
    [400, 'bad-request', /rejected the request \(HTTP 400\)/],
    [422, 'bad-request', /rejected the request \(HTTP 422\)/],
  ])('HTTP %i → %s', (status, kind, message) => {
    const f = describeFailure(httpError(status, jsonError('Something specific.')), ctx);
    expect(f.kind).toBe(kind);
    expect(f.status).toBe(status);
    expect(f.message).toMatch(message);
    expect(f.message).toContain('The provider said: "Something specific."');
  });

  it('429 gives the Retry-After seconds and says nothing is retried', () => {
    const f = describeFailure(httpError(429, jsonError('Slow down'), { 'retry-after': '17' }), ctx);
    expect(f).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterSeconds: 17 });
    expect(f.message).toMatch(/retry in 17 s\. Nothing is retried automatically/);
  });

  it('429 without Retry-After says the provider gave no time', () => {
    const f = describeFailure(httpError(429, jsonError('Slow down')), ctx);
    expect(f.retryAfterSeconds).toBeUndefined();
    expect(f.message).toMatch(/did not say when/);
  });

  it.each([
    [404, jsonError('The model `acme/model-x` does not exist', 'model_not_found')],
    [400, jsonError('acme/model-x is not a valid model ID')],
    [404, jsonError('No endpoints found for acme/model-x.')],
  ])('HTTP %i rejecting the model names the id', (status, body) => {
    const f = describeFailure(httpError(status, body), ctx);
    expect(f.kind).toBe('model-not-found');
    expect(f.message).toMatch(/does not accept the model id "acme\/model-x"/);
  });

  it('a 400 that merely mentions the model is a bad request, not a rejected id', () => {
    expect(describeFailure(httpError(400, jsonError('max_tokens is not supported with this model')), ctx).kind).toBe(
      'bad-request',
    );
  });

  it('a non-JSON error body is quoted briefly, tags stripped, with a hint about the base URL', () => {
    const f = describeFailure(httpError(502, '<html><body><h1>502 Bad Gateway</h1></body></html>'), ctx);
    expect(f.kind).toBe('non-json');
    expect(f.message).toMatch(/HTTP 502 with a body that is not JSON \("502 Bad Gateway"\)/);
    expect(f.message).not.toContain('<h1>');
  });

  it('an empty error body falls back to the status message', () => {
    expect(describeFailure(httpError(500, ''), ctx).kind).toBe('server');
  });

  it('never repeats the key, even when the provider echoes it', () => {
    const echoed = [
      httpError(401, jsonError(`Incorrect API key provided: ${KEY}`)),
      httpError(500, `<pre>Authorization: Bearer ${KEY}</pre>`),
      httpError(400, jsonError(`bad header Bearer ${KEY}`)),
    ];
    for (const err of echoed) {
      const f = describeFailure(err, ctx);
      expect(f.message).not.toContain(KEY);
      expect(f.message).toContain('[API key hidden]');
    }
  });

  it('user abort → stopped, keeping the partial answer', () => {
    const f = describeFailure(new APIUserAbortError(), { ...ctx, partialText: 'Half an ans' });
    expect(f).toMatchObject({ kind: 'stopped', partialText: 'Half an ans' });
    expect(f.message).toBe('Stopped. The partial answer is kept below.');
  });

  it('the stop flag wins over whatever error the abort caused', () => {
    expect(describeFailure(new TypeError('network error'), { ...ctx, stopped: true }).kind).toBe('stopped');
  });

  it('timeout, from the client or from the idle watchdog, names the seconds', () => {
    const byClient = describeFailure(new APIConnectionTimeoutError(), ctx);
    const byWatchdog = describeFailure(new APIUserAbortError(), { ...ctx, timedOut: true, partialText: 'abc' });
    expect(byClient.kind).toBe('timeout');
    expect(byClient.message).toMatch(/No answer from the provider for 90 s/);
    expect(byWatchdog.kind).toBe('timeout');
    expect(byWatchdog.message).toMatch(/The 3 characters received before that are kept below, marked partial/);
  });

  it('network failure names the origin and the likely causes', () => {
    const f = describeFailure(new APIConnectionError({ message: 'Connection error.' }), ctx);
    expect(f.kind).toBe('network');
    expect(f.message).toMatch(/Could not reach https:\/\/openrouter\.ai: .*CORS.*redirect/);
  });

  it('a connection the page policy blocked says so', () => {
    const f = describeFailure(new APIConnectionError({ message: 'Connection error.' }), { ...ctx, cspBlocked: true });
    expect(f.kind).toBe('blocked');
    expect(f.message).toMatch(/Content-Security-Policy blocked the connection to https:\/\/openrouter\.ai/);
  });

  it('a stream that dies halfway keeps the partial text and says so', () => {
    const f = describeFailure(new TypeError('terminated'), { ...ctx, partialText: 'Routing picks' });
    expect(f).toMatchObject({ kind: 'stream-broken', partialText: 'Routing picks' });
    expect(f.message).toMatch(/connection dropped while receiving the answer\. The 13 characters .* marked partial/);
  });

  it('an error event inside the stream quotes the provider', () => {
    const midStream = new APIError(undefined, { message: 'Upstream overloaded' }, undefined, undefined);
    const f = describeFailure(midStream, { ...ctx, partialText: 'x' });
    expect(f.kind).toBe('stream-broken');
    expect(f.message).toMatch(/error in the middle of the answer: "Upstream overloaded"/);
  });

  it('an answer with no finish reason is incomplete; with no text at all it is not a chat completion', () => {
    expect(describeFailure(new IncompleteStreamError(), { ...ctx, partialText: 'ab' }).message).toMatch(
      /ended before the provider said it was finished/,
    );
    expect(describeFailure(new IncompleteStreamError(), ctx).message).toMatch(
      /not with an OpenAI-compatible chat completion/,
    );
  });

  it('garbage instead of JSON in the answer', () => {
    expect(describeFailure(new SyntaxError('Unexpected token'), ctx).message).toMatch(/not valid JSON/);
  });

  it('passes a DispatchError through unchanged', () => {
    const failure = { kind: 'settings' as const, message: 'Enter an API key.', partialText: '' };
    expect(describeFailure(new DispatchError(failure), ctx)).toBe(failure);
  });
});

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    [{ 'retry-after': '17' }, 17],
    [{ 'retry-after': '1.2' }, 2],
    [{ 'retry-after-ms': '2500' }, 3],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, 30],
    [{ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, null],
    [{}, null],
  ])('%j → %j', (headers, seconds) => {
    expect(retryAfterSeconds(new Headers(headers), now)).toBe(seconds);
  });
});
