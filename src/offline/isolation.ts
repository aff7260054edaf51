/**
 * The response headers that make a page cross-origin isolated, which onnxruntime-web needs for
 * WASM threads (SharedArrayBuffer). Vite's dev and preview servers send them; on a host that
 * does not, the service worker (sw.ts) adds them to the app's own responses.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;
