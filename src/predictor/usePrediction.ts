import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { predictor } from './sharedClient';
import { usePredictor } from './usePredictor';
import { useReadiness } from './useReadiness';

/** The cache key of a query's prediction with a bundle (`bundle`) and its encoder (`ready`, readiness's key). */
export function predictionKey(bundle: string | null, ready: string | null, query: string) {
  return ['predict', bundle, ready, query] as const;
}

/**
 * Predictions per (bundle, encoder, query), cached; the previous curves stay up while the next
 * arrive (but never another bundle's). A query replaced before the worker reaches it is
 * dropped there: React Query aborts the signal of a query nobody watches any more.
 */
export function usePrediction(query: string) {
  const ready = useReadiness();
  const bundle = usePredictor((s) => s.key);
  return useQuery({
    queryKey: predictionKey(bundle, ready.ready ? ready.key : null, query),
    queryFn: ({ signal }) => predictor().predict(query, signal),
    enabled: ready.ready && query.trim().length > 0,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: false,
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === bundle ? keepPreviousData(previous) : undefined,
  });
}
