/**
 * The page's Content-Security-Policy, shared by the Vite plugin that writes it and by the
 * dispatch code that must refuse an endpoint the policy would block (a blocked fetch looks
 * exactly like a network failure, so we check first and say why).
 */

import { PROVIDERS, presetOrigins } from './providers.ts';

export const DEFAULT_ENDPOINT = PROVIDERS.openrouter.baseUrl;

/**
 * Servers on this machine, on any port: local vLLM, Ollama and LM Studio often run on other
 * ports than their defaults, and a key sent to loopback never leaves the machine.
 */
const LOOPBACK_SOURCES = ['http://127.0.0.1:*', 'http://localhost:*'] as const;

/** The build-time variable that adds origins for a self-hosted build (space- or comma-separated). */
export const EXTRA_ORIGINS_VARIABLE = 'VITE_EXTRA_CONNECT_ORIGINS';

const ORIGIN_SOURCE = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;

/** The origins of the build-time variable; throws, naming the entry, on anything but scheme://host[:port]. */
export function parseExtraOrigins(text: string | undefined): string[] {
  const entries = (text ?? '').split(/[\s,]+/).filter((e) => e !== '');
  for (const entry of entries) {
    if (!ORIGIN_SOURCE.test(entry.toLowerCase())) {
      throw new Error(
        `${EXTRA_ORIGINS_VARIABLE}: "${entry}" is not an origin such as https://llm.example.org or http://10.0.0.5:8000 (scheme, host and optional port; no path).`,
      );
    }
  }
  return entries.map((e) => e.toLowerCase());
}

/** What this build was given: read by the page, which must refuse what its policy would block. */
const BUILD_EXTRA_ORIGINS: readonly string[] = parseExtraOrigins(
  (import.meta.env as Record<string, string | undefined> | undefined)?.[EXTRA_ORIGINS_VARIABLE],
);

/** Origins a dispatch may go to, besides the page's own: every preset's, loopback, and the build's extras. */
export function endpointSources(extraOrigins: readonly string[] = BUILD_EXTRA_ORIGINS): string[] {
  return [...presetOrigins(), ...LOOPBACK_SOURCES, ...extraOrigins];
}

/**
 * The Hugging Face hub, for the Qwen3 encoder's files: huggingface.co answers model downloads
 * with redirects to cdn-lfs*.huggingface.co, cdn-lfs*.hf.co and, for Xet storage,
 * cas-bridge.xethub.hf.co; the wildcards cover every one of them.
 */
export const MODEL_HUB_SOURCES = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'] as const;

/**
 * The authors' released R2-Router checkpoints, fetched from their GitHub repository's raw files
 * at a pinned commit. The exact host only: raw.githubusercontent.com serves them without redirects.
 */
export const RELEASE_SOURCES = ['https://raw.githubusercontent.com'] as const;

export interface PolicyOptions {
  /** Vite's dev server talks to the page over a WebSocket for hot reload. */
  dev: boolean;
  /** 'sha256-…' sources for inline scripts the page carries (Vite's dev preamble). */
  inlineScriptHashes: readonly string[];
  /** Origins from the build-time variable. */
  extraOrigins?: readonly string[];
}

export function contentSecurityPolicy({ dev, inlineScriptHashes, extraOrigins = [] }: PolicyOptions): string {
  const sources = ["'self'", ...endpointSources(extraOrigins), ...MODEL_HUB_SOURCES, ...RELEASE_SOURCES];
  const connect = dev ? [...sources, 'ws://127.0.0.1:*', 'ws://localhost:*'] : sources;
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    // onnxruntime-web compiles WebAssembly.
    'script-src': ["'self'", "'wasm-unsafe-eval'", ...inlineScriptHashes.map((h) => `'${h}'`)],
    'worker-src': ["'self'", 'blob:'],
    // recharts and React write inline style attributes.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'connect-src': connect,
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Whether a URL's origin matches one CSP host source such as https://*.hf.co or http://localhost:*. */
function matchesSource(url: URL, source: string): boolean {
  const m = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\*|\d+))?$/.exec(source);
  if (!m) return false;
  const [, scheme, wildcard, host, port] = m;
  if (url.protocol !== `${scheme}:`) return false;
  const hostOk = wildcard ? url.hostname.endsWith(`.${host}`) : url.hostname === host;
  const defaultPort = scheme === 'https' ? '443' : '80';
  const portOk = port === '*' || (url.port || defaultPort) === (port ?? defaultPort);
  return hostOk && portOk;
}

/** Why a base URL cannot be used, or null when it can. */
export function endpointProblem(
  endpoint: string,
  pageOrigin: string | null,
  extraOrigins: readonly string[] = BUILD_EXTRA_ORIGINS,
): string | null {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    return 'The base URL is not a valid URL (for example https://openrouter.ai/api/v1).';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'The base URL must start with https:// (or http:// for a local server).';
  if (url.username || url.password)
    return 'The base URL must not contain a user name or password; use the API key field.';
  if (url.search || url.hash) return 'The base URL must not have a query string or #fragment.';
  const sources = endpointSources(extraOrigins);
  const allowed = url.origin === pageOrigin || sources.some((s) => matchesSource(url, s));
  if (!allowed) {
    return `This page's Content-Security-Policy only lets it connect to ${sources.join(', ')} (and its own origin), so ${url.origin} would be blocked. A self-hosted build can add origins with ${EXTRA_ORIGINS_VARIABLE}.`;
  }
  return null;
}
