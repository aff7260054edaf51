/**
 * The page's Content-Security-Policy, shared by the Vite plugin that writes it and by the
 * dispatch code that must refuse an endpoint the policy would block (a blocked fetch looks
 * exactly like a network failure, so we check first and say why).
 */

export const DEFAULT_ENDPOINT = 'https://openrouter.ai/api/v1';

/** Origins a dispatch may go to, besides the page's own. */
export const ENDPOINT_SOURCES = ['https://openrouter.ai', 'http://127.0.0.1:*', 'http://localhost:*'] as const;

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

export const CONNECT_SOURCES = ["'self'", ...ENDPOINT_SOURCES, ...MODEL_HUB_SOURCES, ...RELEASE_SOURCES];

export interface PolicyOptions {
  /** Vite's dev server talks to the page over a WebSocket for hot reload. */
  dev: boolean;
  /** 'sha256-…' sources for inline scripts the page carries (Vite's dev preamble). */
  inlineScriptHashes: readonly string[];
}

export function contentSecurityPolicy({ dev, inlineScriptHashes }: PolicyOptions): string {
  const connect = dev ? [...CONNECT_SOURCES, 'ws://127.0.0.1:*', 'ws://localhost:*'] : CONNECT_SOURCES;
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
export function endpointProblem(endpoint: string, pageOrigin: string | null): string | null {
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
  const allowed = url.origin === pageOrigin || ENDPOINT_SOURCES.some((s) => matchesSource(url, s));
  if (!allowed) {
    return `This page's Content-Security-Policy only lets it connect to ${ENDPOINT_SOURCES.join(', ')} (and its own origin), so ${url.origin} would be blocked.`;
  }
  return null;
}
