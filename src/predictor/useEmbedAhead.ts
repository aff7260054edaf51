import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { predictionKey } from './usePrediction';
import { predictor } from './sharedClient';
import { useEncoder } from './useEncoder';
import { usePredictor } from './usePredictor';
import { useReadiness } from './useReadiness';

/**
 * Hands the worker each query as it is typed, when the bundle reads the Qwen3 encoder loaded in
 * this page: the keystroke's new tokens are embedded while the debounce waits, and the predict
 * that follows finds the vector ready. Not for a text the page has a prediction for already (an
 * undo, an example picked again), nor for an embeddings server (one request per settled query),
 * nor for the built-in encoders (a prediction takes a millisecond).
 */
export function useEmbedAhead(typed: string): void {
  const queryClient = useQueryClient();
  const ready = useReadiness();
  const bundle = usePredictor((s) => s.key);
  const inPage = useEncoder((s) => s.info !== null && s.info.from !== 'server');
  const readyKey = ready.ready && ready.encoder === 'ready' && inPage ? ready.key : null;
  useEffect(() => {
    if (readyKey === null || !typed.trim()) return;
    if (queryClient.getQueryData(predictionKey(bundle, readyKey, typed)) !== undefined) return;
    predictor().embedAhead(typed);
  }, [queryClient, bundle, readyKey, typed]);
}
