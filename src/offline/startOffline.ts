import { encoderStore } from '../predictor/useEncoder';
import { predictorStore } from '../predictor/usePredictor';
import { offline } from './pageOffline';
import { ENCODER_RUNTIMES, WEBGPU_RUNTIME } from './runtimes';

/** Starts the page's offline store once the app is mounting, tied to the predictor's stores. */

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
  // Safari has no requestIdleCallback: a second's wait stands in for it.
  await new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 5000 });
    else setTimeout(resolve, 1000);
  });
}

/** The runtimes this page has run on, besides the predictor's WASM one (kept with the app). */
function usedRuntimes(): string[] {
  const { status, info } = encoderStore.getState();
  const device = status === 'ready' && info && info.from !== 'server' ? info.device : null;
  const used = device ? [ENCODER_RUNTIMES[device === 'webgpu' ? 'webgpu' : 'wasm']] : [];
  return predictorStore.getState().load?.backend === 'webgpu' ? [...used, WEBGPU_RUNTIME] : used;
}

export function startOffline(): void {
  void offline.start({ settled: afterFirstBundle, used: usedRuntimes });
  // A runtime is kept as soon as the page has used one, whichever worker fetched it.
  const keepUsed = () => void offline.getState().keep(usedRuntimes());
  encoderStore.subscribe(keepUsed);
  predictorStore.subscribe(keepUsed);
}
