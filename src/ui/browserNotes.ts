import { formatBytes } from './format';

/**
 * What this browser lacks that the released router's Qwen3 encoder would use, said before it
 * matters rather than found out by a slow or failed load: WebGPU, threads (which need a
 * cross-origin-isolated page) and room in Cache Storage for the weights.
 */
export interface BrowserEnv {
  /** Why the predictor's worker found no usable WebGPU (null: it has WebGPU; undefined: not known yet). */
  webgpuNote: string | null | undefined;
  /** `crossOriginIsolated`: WASM threads need it. */
  isolated: boolean;
  /** Whether Cache Storage is there (not in an insecure context, nor in some private windows). */
  cacheStorage: boolean;
  /** What the browser lets this page store, where it says (navigator.storage.estimate). */
  quotaBytes: number | null;
}

/** The encoder's weights at the smallest precision the panel offers are about this size (q4). */
export const ENCODER_MIN_BYTES = 500e6;

export function browserNotes(env: BrowserEnv): string[] {
  const notes: string[] = [];
  if (typeof env.webgpuNote === 'string') {
    notes.push(`No WebGPU (${env.webgpuNote}): the encoder runs on the CPU through WASM, the slower path.`);
  }
  if (!env.isolated) {
    notes.push(
      'This page is not cross-origin isolated (its server sends no COOP/COEP headers), so the encoder runs on one CPU thread.',
    );
  }
  if (!env.cacheStorage) {
    notes.push(
      'This browser gives the page no Cache Storage here (a private window, or a page not served over HTTPS): the weights download again on every visit.',
    );
  } else if (env.quotaBytes !== null && env.quotaBytes < ENCODER_MIN_BYTES) {
    notes.push(
      `This browser lets the page keep about ${formatBytes(env.quotaBytes)}: the weights may not be kept, and download again on the next visit.`,
    );
  }
  return notes;
}
