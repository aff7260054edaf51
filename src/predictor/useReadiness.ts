import { useMemo } from 'react';
import { readiness, whenReady, type Readiness, type ReadyBundle } from './readiness';
import { encoderStore, useEncoder } from './useEncoder';
import { predictorStore, usePredictor } from './usePredictor';

/** The page's readiness now, from its predictor and encoder stores. */
export function currentReadiness(): Readiness {
  return readiness({ predictor: predictorStore.getState(), encoder: encoderStore.getState() });
}

/** Resolves once the page's bundle can predict; see whenReady. */
export function pageReady(signal: AbortSignal, onWait?: (message: string) => void): Promise<ReadyBundle> {
  const subscribe = (listener: () => void) => {
    const stops = [predictorStore.subscribe(listener), encoderStore.subscribe(listener)];
    return () => stops.forEach((stop) => stop());
  };
  return whenReady(currentReadiness, subscribe, signal, onWait);
}

/** The page's readiness, for a view: re-computed only when one of its inputs changes. */
export function useReadiness(): Readiness {
  const status = usePredictor((s) => s.status);
  const key = usePredictor((s) => s.key);
  const manifest = usePredictor((s) => s.manifest);
  const encoderStatus = useEncoder((s) => s.status);
  const info = useEncoder((s) => s.info);
  return useMemo(
    () => readiness({ predictor: { status, key, manifest }, encoder: { status: encoderStatus, info } }),
    [status, key, manifest, encoderStatus, info],
  );
}
