import { PredictorClient } from './client';

let client: PredictorClient | null = null;

/** The page's one predictor worker, started on first use. */
export function predictor(): PredictorClient {
  return (client ??= new PredictorClient());
}
