import { useEffect } from 'react';
import { predictor } from './sharedClient';
import { useEncoder } from './useEncoder';
import { useReadiness } from './useReadiness';

/**
 * Hands the worker each query as it is typed, when the bundle reads the Qwen3 encoder loaded in
 * this page: the keystroke's new tokens are embedded while the debounce waits, and the predict
 * that follows finds the vector ready. Not for an embeddings server (one request per settled
 * query), nor for the built-in encoders (a prediction takes a millisecond).
 */
export function useEmbedAhead(typed: string): void {
  const ready = useReadiness();
  const inPage = useEncoder((s) => s.info !== null && s.info.from !== 'server');
  const ahead = ready.ready && ready.encoder === 'ready' && inPage;
  useEffect(() => {
    if (ahead && typed.trim()) predictor().embedAhead(typed);
  }, [ahead, typed]);
}
