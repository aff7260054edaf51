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
   * The onnxruntime builds only some visits run (the predictor's WebGPU build, the Qwen3
   * encoder's two, 14 to 27 MB each): kept once the page has fetched them.
   */
  optional: KeptFile[];
}

export interface BuiltFile {
  path: string;
  bytes: number;
  /** SHA-256 (hex) of the content. */
  sha256: string;
  /** A runtime only some visits run (the build knows which source each file came from). */
  optional?: boolean;
}

/** Vite puts every file whose name carries a content hash here. */
export const HASHED_DIR = 'assets/';

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
    .map(({ path, bytes, sha256, optional }) => ({
      file: path.startsWith(HASHED_DIR) ? { path, bytes } : { path, bytes, sha256 },
      optional: optional ?? false,
    }));
  const build = digest(entries.map(({ file }) => `${file.path} ${file.sha256 ?? ''}`).join('\n')).slice(0, 16);
  return {
    build,
    required: entries.filter((e) => !e.optional).map((e) => e.file),
    optional: entries.filter((e) => e.optional).map((e) => e.file),
  };
}
