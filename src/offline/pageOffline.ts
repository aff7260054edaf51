import { useStore } from 'zustand';
import { createOfflineStore, type OfflineState } from './offlineStore';

/**
 * The page's one offline store, started by startOffline.ts. It imports nothing of the predictor,
 * so a lazy chunk that reads it (the encoder panel's note) changes how nothing else is split.
 */

function unavailable(): string {
  if (location.protocol === 'file:') return 'a page opened from a file cannot run one';
  if (!isSecureContext) return 'service workers need HTTPS (or localhost)';
  return 'this browser offers none here (a private window may refuse them)';
}

export const offline = createOfflineStore({
  container: 'serviceWorker' in navigator ? navigator.serviceWorker : { unavailable: unavailable() },
  pageBuild: document.querySelector<HTMLMetaElement>('meta[name="r2-build"]')?.content ?? null,
  base: import.meta.env.BASE_URL,
  reload: () => location.reload(),
  onVisible: (callback) =>
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') callback();
    }),
});

export function useOffline<T>(selector: (state: OfflineState) => T): T {
  return useStore(offline, selector);
}
