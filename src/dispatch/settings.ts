import { DEFAULT_ENDPOINT, endpointProblem } from './csp';
import { parseExtraHeaders } from './headers';
import type { ProviderId } from './providers';

export interface DispatchSettings {
  /** The preset the base URL came from, which also decides how pool LLMs are named. */
  provider: ProviderId;
  /** OpenAI-compatible base URL; `/chat/completions` is appended. */
  endpoint: string;
  apiKey: string;
  /** "Name: value" per line. */
  extraHeaders: string;
  /** Stream the answer (off for servers that cannot stream). */
  stream: boolean;
  /** Cancel when the provider sends nothing for this long: before it answers, or between chunks. */
  timeoutSeconds: number;
}

export const DEFAULT_SETTINGS: DispatchSettings = {
  provider: 'openrouter',
  endpoint: DEFAULT_ENDPOINT,
  apiKey: '',
  extraHeaders: '',
  stream: true,
  // Long enough for a slow model's first token on a busy provider, short enough not to feel hung.
  timeoutSeconds: 90,
};

/** Every reason these settings cannot be used, for the person to fix before anything is sent. */
export function settingsProblems(s: DispatchSettings, pageOrigin: string | null): string[] {
  const problems: string[] = [];
  const key = s.apiKey.trim();
  if (key === '') {
    if (!isLoopback(s.endpoint)) problems.push('Enter an API key.');
  } else if (!/^[\x21-\x7e]+$/.test(key))
    problems.push('The API key has spaces or characters an HTTP header cannot carry; paste it again.');
  const endpoint = endpointProblem(s.endpoint, pageOrigin);
  if (endpoint) problems.push(endpoint);
  const headers = parseExtraHeaders(s.extraHeaders, s.apiKey);
  if (!headers.ok)
    problems.push(...headers.problems.map((p) => `Extra headers, ${p.charAt(0).toLowerCase()}${p.slice(1)}`));
  if (!Number.isFinite(s.timeoutSeconds) || s.timeoutSeconds < 1 || s.timeoutSeconds > 600) {
    problems.push('The timeout must be between 1 and 600 seconds.');
  }
  return problems;
}

/** A server on this machine: local servers need no key. */
export function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint.trim()).hostname;
    return host === 'localhost' || host === '127.0.0.1';
  } catch {
    return false;
  }
}
