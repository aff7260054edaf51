import { useStore } from 'zustand';
import { predictorStore } from '../predictor/usePredictor';
import { createOfflineStore, type OfflineState } from './offlineStore';

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
});

export function useOffline<T>(selector: (state: OfflineState) => T): T {
  return useStore(offline, selector);
}
