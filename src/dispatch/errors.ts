import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { scrubProviderText } from './scrub';

export type FailureKind =
  | 'settings'
  | 'blocked'
  | 'auth'
  | 'credits'
  | 'rate-limit'
  | 'model-not-found'
  | 'not-found'
  | 'non-json'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'timeout'
  | 'stream-broken'
  | 'stopped';

export interface DispatchFailure {
  kind: FailureKind;
  /** For the person: what happened and what to do. Never holds the API key. */
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  /** Text received before the failure; shown marked as partial. */
  partialText: string;
}

export class DispatchError extends Error {
  constructor(readonly failure: DispatchFailure) {
    super(failure.message);
    this.name = 'DispatchError';
  }
}

/** Raised by the client when an answer ends without a finish reason. */
export class IncompleteStreamError extends Error {
  constructor() {
    super('The answer ended before the provider said it was finished.');
    this.name = 'IncompleteStreamError';
  }
}

export interface FailureContext {
  /** The provider model id that was requested. */
  model: string;
  endpoint: string;
  apiKey: string;
  partialText: string;
  stopped: boolean;
  timedOut: boolean;
  timeoutSeconds: number;
  /** The page's CSP blocked a connection during this dispatch. */
  cspBlocked: boolean;
}

/** Seconds to wait from Retry-After (seconds or an HTTP date) or retry-after-ms; null when absent. */
export function retryAfterSeconds(headers: Headers | undefined, now: number = Date.now()): number | null {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const value = headers?.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

const NO_BODY = 'status code (no body)';
const MODEL_REJECTED =
  /(not found|does not exist|doesn't exist|not a valid model|invalid model|unknown model|no endpoints found|not available)/i;

/** What the messages read from the client's APIError (whose `instanceof` narrowing types every field as any). */
type ProviderError = Pick<APIError, 'status' | 'error' | 'code' | 'message' | 'headers'>;

/** The `message` of a JSON error body, when it has a string one. */
function bodyMessage(err: ProviderError): string | null {
  const body: unknown = err.error;
  if (typeof body !== 'object' || body === null || !('message' in body)) return null;
  return typeof body.message === 'string' ? body.message : null;
}

/** The provider's own explanation from a JSON error body, scrubbed and shortened. */
function providerMessage(err: ProviderError, apiKey: string): string | null {
  const raw = bodyMessage(err);
  if (!raw) return null;
  const text = scrubProviderText(raw, apiKey).replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The start of a body that was not JSON (an HTML error page, a proxy's plain text), or null. */
function nonJsonBody(err: ProviderError, apiKey: string): string | null {
  if (err.error !== undefined || err.status === undefined) return null;
  const text = err.message.slice(`${err.status} `.length);
  if (text === '' || text === NO_BODY) return null;
  const plain = scrubProviderText(text.replace(/<[^>]*>/g, ' '), apiKey)
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 120 ? `${plain.slice(0, 120)}…` : plain;
}

function isModelRejection(err: ProviderError, model: string): boolean {
  if (err.status !== 404 && err.status !== 400) return false;
  if (err.code === 'model_not_found') return true;
  const message = bodyMessage(err) ?? '';
  return (message.includes(model) || /model/i.test(message)) && MODEL_REJECTED.test(message);
}

function partialNote(partialText: string): string {
  return partialText.length > 0
    ? ` The ${partialText.length} characters received before that are kept below, marked partial.`
    : '';
}

function statusFailure(err: ProviderError, status: number, ctx: FailureContext): Omit<DispatchFailure, 'partialText'> {
  const said = providerMessage(err, ctx.apiKey);
  const saidNote = said ? ` The provider said: "${said}"` : '';
  if (status === 401) {
    return {
      kind: 'auth',
      status,
      message: `The provider rejected the API key (HTTP 401). Check that the key is right and belongs to this endpoint.${saidNote}`,
    };
  }
  if (status === 403) {
    return {
      kind: 'auth',
      status,
      message: `The provider refused this key (HTTP 403): it may be disabled, limited, or not allowed to use "${ctx.model}".${saidNote}`,
    };
  }
  if (status === 402) {
    return {
      kind: 'credits',
      status,
      message: `The account behind this key is out of credits (HTTP 402). Add credits with the provider, or pick a cheaper model.${saidNote}`,
    };
  }
  if (status === 429) {
    const wait = retryAfterSeconds(err.headers);
    const when =
      wait === null
        ? 'The provider did not say when to retry; wait a little.'
        : `The provider asks to retry in ${wait} s.`;
    return {
      kind: 'rate-limit',
      status,
      message: `Rate limited (HTTP 429). ${when} Nothing is retried automatically.${saidNote}`,
      ...(wait === null ? {} : { retryAfterSeconds: wait }),
    };
  }
  if (isModelRejection(err, ctx.model)) {
    return {
      kind: 'model-not-found',
      status,
      message: `The provider does not accept the model id "${ctx.model}" (HTTP ${status}). Fix this LLM's model id for the provider (under “Model ids” in the settings; for OpenRouter, in the pool editor).${saidNote}`,
    };
  }
  const body = nonJsonBody(err, ctx.apiKey);
  if (body !== null) {
    return {
      kind: 'non-json',
      status,
      message: `The endpoint answered HTTP ${status} with a body that is not JSON ("${body}"). Is the base URL an OpenAI-compatible API (most end in /v1), or did a proxy in between fail?`,
    };
  }
  if (status === 404) {
    return {
      kind: 'not-found',
      status,
      message: `The endpoint has no chat completions at this address (HTTP 404). Check the base URL; most end in /v1.${saidNote}`,
    };
  }
  if (status >= 500) {
    const what = status === 503 ? 'is unavailable or overloaded' : 'had a server error';
    return {
      kind: 'server',
      status,
      message: `The provider ${what} (HTTP ${status}). Try again later; nothing is retried automatically.${saidNote}`,
    };
  }
  return { kind: 'bad-request', status, message: `The provider rejected the request (HTTP ${status}).${saidNote}` };
}

/** Maps anything a dispatch can throw to one specific message for the person. */
export function describeFailure(err: unknown, ctx: FailureContext): DispatchFailure {
  const partialText = ctx.partialText;
  if (err instanceof DispatchError) return err.failure;
  const stopped: DispatchFailure = {
    kind: 'stopped',
    partialText,
    message: `Stopped.${partialText ? ' The partial answer is kept below.' : ''}`,
  };
  if (ctx.stopped) return stopped;
  // The idle watchdog aborts too, so its flag is read before the abort error itself.
  if (ctx.timedOut || err instanceof APIConnectionTimeoutError) {
    return {
      kind: 'timeout',
      partialText,
      message: `No answer from the provider for ${ctx.timeoutSeconds} s, so the request was cancelled.${partialNote(partialText)}`,
    };
  }
  if (err instanceof APIUserAbortError) return stopped;
  if (ctx.cspBlocked) {
    return {
      kind: 'blocked',
      partialText,
      message: `The page's Content-Security-Policy blocked the connection to ${new URL(ctx.endpoint).origin}.`,
    };
  }
  const apiError: ProviderError | null = err instanceof APIError ? err : null;
  if (apiError?.status !== undefined) {
    return { ...statusFailure(apiError, apiError.status, ctx), partialText };
  }
  if (err instanceof APIError && err.error !== undefined) {
    const said = providerMessage(err, ctx.apiKey) ?? 'no details';
    return {
      kind: 'stream-broken',
      partialText,
      message: `The provider reported an error in the middle of the answer: "${said}".${partialNote(partialText)}`,
    };
  }
  if (err instanceof APIError) {
    return {
      kind: 'network',
      partialText,
      message: `Could not reach ${new URL(ctx.endpoint).origin}: the network failed, the server is down, it refused the browser's cross-origin (CORS) request, or it redirected (redirects are refused so the key cannot follow them).`,
    };
  }
  if (err instanceof IncompleteStreamError) {
    const what = partialText
      ? 'The answer ended before the provider said it was finished.'
      : 'The endpoint answered, but not with an OpenAI-compatible chat completion.';
    return { kind: 'stream-broken', partialText, message: `${what}${partialNote(partialText)}` };
  }
  if (err instanceof SyntaxError) {
    return {
      kind: 'stream-broken',
      partialText,
      message: `The provider's answer is not valid JSON, so it cannot be read.${partialNote(partialText)}`,
    };
  }
  return {
    kind: 'stream-broken',
    partialText,
    message: `The connection dropped while receiving the answer.${partialNote(partialText)}`,
  };
}
