import { useStore } from 'zustand';
import { encoderStore } from '../predictor/useEncoder';
import { predictorStore } from '../predictor/usePredictor';
import { createOfflineStore, type OfflineState } from './offlineStore';
import { ENCODER_RUNTIME, WEBGPU_RUNTIME } from './runtimes';

/** The page's one offline store, started by mount.tsx. */

function unavailable(): string {
  if (location.protocol === 'file:') return 'a page opened from a file cannot run one';
  if (!isSecureContext) return 'service workers need HTTPS (or localhost)';
  return 'this browser offers none here (a private window may refuse them)';
}

/** Once the first bundle has loaded (or failed) and the page is idle: the first curves come first. */
async function afterFirstBundle(): Promise<void> {
  const loading = () => predictorStore.getState().status === 'loading';
  if (loading())
    await new Promise<void>((resolve) => {
      const stop = predictorStore.subscribe(() => {
        if (loading()) return;
        stop();
        resolve();
      });
    });
  await new Promise<void>((resolve) =>
    'requestIdleCallback' in window
      ? requestIdleCallback(() => resolve(), { timeout: 5000 })
      : setTimeout(resolve, 1000),
  );
}

/** The runtimes this page has run on, besides the predictor's WASM one (kept with the app). */
function usedRuntimes(): string[] {
  const used = encoderStore.getState().status === 'ready' ? [ENCODER_RUNTIME] : [];
  return predictorStore.getState().load?.backend === 'webgpu' ? [...used, WEBGPU_RUNTIME] : used;
}

export const offline = createOfflineStore({
  container: 'serviceWorker' in navigator ? navigator.serviceWorker : { unavailable: unavailable() },
  pageBuild: document.querySelector<HTMLMetaElement>('meta[name="r2-build"]')?.content ?? null,
  base: import.meta.env.BASE_URL,
  settled: afterFirstBundle,
  reload: () => location.reload(),
  onVisible: (callback) =>
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') callback();
    }),
  used: usedRuntimes,
});

// A runtime is kept as soon as the page has used one, whichever worker fetched it.
const keepUsed = () => void offline.getState().keep(usedRuntimes());
encoderStore.subscribe(keepUsed);
predictorStore.subscribe(keepUsed);

export function useOffline<T>(selector: (state: OfflineState) => T): T {
  return useStore(offline, selector);
}
