import { scrubProviderText } from '../../dispatch/scrub';
import { EncoderError } from '../encoderError';

/**
 * What an embeddings server's failures say to the person: the status, which request, the
 * server's own message (without the key, should it echo it), and what to do. A failed request
 * loses nothing received before it; the messages say so where a run stops part-way.
 */

/** A failure with an HTTP status, so the probe can tell "base64 refused" from the rest. */
export class ServerHttpError extends EncoderError {
  constructor(
    problem: EncoderError['problem'],
    message: string,
    readonly status: number,
  ) {
    super(problem, message);
  }
}

const KEPT = 'Every vector received before it is kept.';

/** The server's own words from an error body: OpenAI's and vLLM's {error: {message}}, vLLM's older {message}, TEI's {error}, FastAPI's {detail}. */
export function serverMessage(bodyText: string, apiKey: string): string {
  let said = bodyText;
  try {
    const body = JSON.parse(bodyText) as {
      error?: { message?: unknown } | string;
      message?: unknown;
      detail?: unknown;
    };
    const found = [typeof body.error === 'object' ? body.error?.message : body.error, body.message, body.detail].find(
      (m) => typeof m === 'string',
    );
    if (typeof found === 'string') said = found;
  } catch {
    said = bodyText.replace(/<[^>]*>/g, ' ');
  }
  const text = scrubProviderText(said.replace(/\s+/g, ' ').trim(), apiKey);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export interface FailureContext {
  /** The server's origin, e.g. http://localhost:8000. */
  origin: string;
  /** Which request: "the probe request", "batch 3 (64 queries, the first “…”)". */
  what: string;
  apiKey: string;
  /** Retries made before giving up. */
  retries: number;
}

function said(text: string): string {
  return text ? ` The server said: “${text}”` : '';
}

/** The error for an HTTP error status after any retries. */
export function httpFailure(status: number, bodyText: string, c: FailureContext): ServerHttpError {
  const words = said(serverMessage(bodyText, c.apiKey));
  const tries = c.retries > 0 ? ` after ${c.retries} ${c.retries === 1 ? 'retry' : 'retries'}` : '';
  if (status === 401 || status === 403)
    return new ServerHttpError(
      'auth',
      `The embeddings server at ${c.origin} refused ${c.what} (${status}): the API key is missing or wrong (it is sent as the bearer token; vLLM asks for one only when started with --api-key).${words} ${KEPT}`,
      status,
    );
  if (status === 429)
    return new ServerHttpError(
      'rate-limited',
      `The embeddings server at ${c.origin} still answered 429 (too many requests) to ${c.what}${tries}. Lower the requests in flight, or wait and resume.${words} ${KEPT}`,
      status,
    );
  if (status >= 500)
    return new ServerHttpError(
      'server-error',
      `The embeddings server at ${c.origin} failed on ${c.what} (${status})${tries}.${words} ${KEPT}`,
      status,
    );
  if (status === 404)
    return new ServerHttpError(
      'not-found',
      `The embeddings server at ${c.origin} answered 404 to ${c.what}: either the base URL is wrong (it usually ends in /v1) or the server does not serve that model id.${words}`,
      status,
    );
  return new ServerHttpError(
    'rejected',
    `The embeddings server at ${c.origin} refused ${c.what} (${status}).${words} ${KEPT}`,
    status,
  );
}

/** The server asked to wait longer than the page waits for a retry. */
export function waitTooLong(status: number, seconds: number, c: FailureContext): EncoderError {
  return new EncoderError(
    status === 429 ? 'rate-limited' : 'server-error',
    `The embeddings server at ${c.origin} answered ${status} to ${c.what} and asks to retry in ${Math.ceil(seconds)} s, longer than the page waits. Resume later. ${KEPT}`,
  );
}

export function timedOut(seconds: number, c: FailureContext): EncoderError {
  return new EncoderError(
    'timeout',
    `The embeddings server at ${c.origin} did not answer ${c.what} within ${seconds} s. It may be overloaded or stuck; fewer texts per request or fewer requests in flight may help. ${KEPT}`,
  );
}

export function unreachable(cause: unknown, c: FailureContext): EncoderError {
  const detail = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? '') || cause.message : '';
  return new EncoderError(
    'unreachable',
    `Could not reach the embeddings server at ${c.origin}${detail ? ` (${scrubProviderText(detail, c.apiKey)})` : ''}: it is not running, the address is wrong, or it does not allow this page's origin (CORS; vLLM allows every origin unless started with --allowed-origins).`,
  );
}
