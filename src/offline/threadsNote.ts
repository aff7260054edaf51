import type { WorkerState } from './offlineSummary';

/**
 * Whether the Qwen3 encoder gets WASM threads, and why not, in one sentence. onnxruntime-web
 * runs threads only in a cross-origin-isolated page; the worker decides from the same flag.
 */

export interface ThreadsFacts {
  isolated: boolean;
  worker: WorkerState;
  /** Why no service worker runs here, when none does. */
  reason: string | null;
  /** Whether the service worker served this page (it adds the isolation headers only to what it serves). */
  controlled: boolean;
}

export interface ThreadsNote {
  threads: 'several' | 'one';
  text: string;
  /** A reload would make the page isolated: the worker is active but did not serve this page. */
  reloadHelps: boolean;
}

export function threadsNote({ isolated, worker, reason, controlled }: ThreadsFacts): ThreadsNote {
  if (isolated) {
    return {
      threads: 'several',
      text: 'The encoder runs on several threads: this page is cross-origin isolated.',
      reloadHelps: false,
    };
  }
  const one = (text: string, reloadHelps = false): ThreadsNote => ({ threads: 'one', text, reloadHelps });
  if (worker === 'active' && !controlled)
    return one(
      'The encoder runs on one thread on this first visit. Reload once: the page’s service worker then makes it cross-origin isolated, and the encoder runs on several threads.',
      true,
    );
  if (worker === 'starting' || worker === 'installing')
    return one(
      'The encoder runs on one thread on this first visit: once the page’s service worker has started (a few seconds), a reload gives it several threads.',
    );
  if (worker === 'active')
    return one(
      'The encoder runs on one thread: the server’s own Cross-Origin headers keep this page from being cross-origin isolated.',
    );
  return one(
    `The encoder runs on one thread: this page is not cross-origin isolated, and no service worker can make it so here (${reason ?? 'none runs'}). A host that sends the COOP and COEP headers gives it several threads (README, “Deploy”).`,
  );
}
