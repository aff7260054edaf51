import OpenAI, { APIUserAbortError } from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { estimateInputTokens } from '../router/cost';
import { watchCspViolations } from './cspWatch';
import { DispatchError, IncompleteStreamError, describeFailure } from './errors';
import { parseExtraHeaders } from './headers';
import type { ChatMessage } from './instruction';
import { settingsProblems, type DispatchSettings } from './settings';

export interface DispatchRequest {
  /** The provider's model id (the pool entry's, as the provider names it). */
  providerModelId: string;
  messages: ChatMessage[];
  /** max_tokens, or null for none. */
  maxTokens: number | null;
}

export interface DispatchResult {
  text: string;
  /** From the provider's usage, or estimated from the text when `usageReported` is false. */
  completionTokens: number;
  usageReported: boolean;
  /** Prompt tokens as the provider counted them (instruction and chat template included), when reported. */
  promptTokens: number | null;
  finishReason: string | null;
}

/** Completion tokens estimated from text, for providers that omit usage (and for stopped answers). */
export function estimateCompletionTokens(text: string): number {
  return text === '' ? 0 : estimateInputTokens(text);
}

function pageOrigin(): string | null {
  return typeof location === 'undefined' ? null : location.origin;
}

interface Received {
  text: string;
  finishReason: string | null;
  usage: { completion_tokens: number; prompt_tokens: number } | null;
}

/** Groq puts a stream's usage under `x_groq` on its last chunk rather than in `usage`. */
function groqUsage(chunk: object): Received['usage'] {
  if (!('x_groq' in chunk) || typeof chunk.x_groq !== 'object' || chunk.x_groq === null) return null;
  const usage = (chunk.x_groq as { usage?: unknown }).usage;
  if (typeof usage !== 'object' || usage === null) return null;
  const { completion_tokens: completion, prompt_tokens: prompt } = usage as Record<string, unknown>;
  return typeof completion === 'number' && typeof prompt === 'number'
    ? { completion_tokens: completion, prompt_tokens: prompt }
    : null;
}

/** Local servers ignore the key; the client still needs one to build the request. */
const NO_KEY = 'no-key';

/**
 * Sends one chat completion with the person's key to the configured base URL only: no retries
 * (a paid call is never repeated silently), no redirects (the key cannot follow one elsewhere),
 * no cookies or referrer. Throws DispatchError, whose message never holds the key.
 */
export async function dispatch(
  request: DispatchRequest,
  settings: DispatchSettings,
  signal: AbortSignal,
  onText: (textSoFar: string) => void,
): Promise<DispatchResult> {
  const problems = settingsProblems(settings, pageOrigin());
  if (problems.length > 0) throw new DispatchError({ kind: 'settings', message: problems.join(' '), partialText: '' });
  const headers = parseExtraHeaders(settings.extraHeaders, settings.apiKey);
  const apiKey = settings.apiKey.trim() || NO_KEY;
  const endpoint = settings.endpoint.trim();
  const timeoutMs = Math.round(settings.timeoutSeconds * 1000);

  const controller = new AbortController();
  let stopped = signal.aborted;
  let timedOut = false;
  const stop = () => {
    stopped = true;
    controller.abort();
  };
  signal.addEventListener('abort', stop, { once: true });
  if (stopped) controller.abort();
  // The client's own timeout ends when the headers arrive; this one also covers a stream gone quiet.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  };
  const csp = watchCspViolations();

  const received: Received = { text: '', finishReason: null, usage: null };

  try {
    const client = new OpenAI({
      apiKey,
      baseURL: endpoint,
      dangerouslyAllowBrowser: true,
      maxRetries: 0,
      timeout: timeoutMs,
      defaultHeaders: headers.ok ? headers.headers : {},
      adminAPIKey: null,
      organization: null,
      project: null,
      logLevel: 'off',
      fetchOptions: { redirect: 'error', credentials: 'omit', referrerPolicy: 'no-referrer' },
    });
    const body: ChatCompletionCreateParamsBase = {
      model: request.providerModelId,
      messages: request.messages,
      ...(request.maxTokens === null ? {} : { max_tokens: request.maxTokens }),
    };
    rearm();
    if (settings.stream) {
      const stream = await client.chat.completions.create(
        { ...body, stream: true, stream_options: { include_usage: true } },
        { signal: controller.signal },
      );
      for await (const chunk of stream) {
        rearm();
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (delta) {
          received.text += delta;
          onText(received.text);
        }
        if (choice?.finish_reason) received.finishReason = choice.finish_reason;
        const usage = chunk.usage ?? groqUsage(chunk);
        if (usage) received.usage = usage;
      }
      // The client ends an aborted stream quietly; say why it ended.
      if (controller.signal.aborted) throw new APIUserAbortError();
    } else {
      const completion = await client.chat.completions.create(
        { ...body, stream: false },
        { signal: controller.signal },
      );
      const choice = completion.choices?.[0];
      received.text = choice?.message?.content ?? '';
      received.finishReason = choice?.finish_reason ?? null;
      received.usage = completion.usage ?? null;
      onText(received.text);
    }
    if (received.finishReason === null) throw new IncompleteStreamError();
  } catch (err) {
    throw new DispatchError(
      describeFailure(err, {
        model: request.providerModelId,
        endpoint,
        apiKey,
        partialText: received.text,
        stopped,
        timedOut,
        timeoutSeconds: settings.timeoutSeconds,
        cspBlocked: await csp.blocked(),
      }),
    );
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
    csp.stop();
  }

  const usage = received.usage;
  return {
    text: received.text,
    completionTokens: usage ? usage.completion_tokens : estimateCompletionTokens(received.text),
    usageReported: usage !== null,
    promptTokens: usage ? usage.prompt_tokens : null,
    finishReason: received.finishReason,
  };
}
