/**
 * What one build's service worker keeps for offline use. The build (vite-plugins/serviceWorker.ts)
 * writes it into sw.js, so a new deployment is a new sw.js, which the browser notices.
 * Pure: Node runs it at build time, the service worker reads its result.
 */

export interface KeptFile {
  /** Relative to the app's base: "index.html", "assets/index-1a2b3c.js", "models/default/manifest.json". */
  path: string;
  bytes: number;
  /** For a file whose name carries no content hash: its SHA-256 (hex) in this build, checked when it is kept. */
  sha256?: string;
}

export interface BuildManifest {
  /** Names this build: the same files give the same id. */
  build: string;
  /** The app shell and the default bundle, kept at install: the install fails unless every one is fetched and matches. */
  required: KeptFile[];
  /**
   * onnxruntime's two 27 MB asyncify runtimes (the predictor's WebGPU build, the Qwen3 encoder's):
   * kept once the page has fetched them, as only some visits use them.
   */
  optional: KeptFile[];
}

export interface BuiltFile {
  path: string;
  bytes: number;
  /** SHA-256 (hex) of the content. */
  sha256: string;
}

/** Vite puts every file whose name carries a content hash here. */
export const HASHED_DIR = 'assets/';

const OPTIONAL = /\.asyncify-[\w-]+\.wasm$/;

/** Served with the app but not kept: source maps, the worker itself, the hosts' headers file, other bundles. */
function kept(path: string, defaultBundle: string): boolean {
  if (path === 'sw.js' || path === '_headers' || path.endsWith('.map')) return false;
  const bundle = /^models\/([^/]+)\//.exec(path);
  return !bundle || bundle[1] === defaultBundle;
}

/**
 * The manifest of a build's files. `digest` hashes text (SHA-256, hex); it is passed in so that
 * this module needs neither node:crypto nor the browser's.
 */
export function buildManifest(
  files: readonly BuiltFile[],
  defaultBundle: string,
  digest: (text: string) => string,
): BuildManifest {
  const entries = files
    .filter((f) => kept(f.path, defaultBundle))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(({ path, bytes, sha256 }): KeptFile =>
      path.startsWith(HASHED_DIR) ? { path, bytes } : { path, bytes, sha256 },
    );
  const build = digest(entries.map((f) => `${f.path} ${f.sha256 ?? ''}`).join('\n')).slice(0, 16);
  return {
    build,
    required: entries.filter((f) => !OPTIONAL.test(f.path)),
    optional: entries.filter((f) => OPTIONAL.test(f.path)),
  };
}
