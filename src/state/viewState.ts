import { z } from 'zod';
import { DEFAULT_BUNDLE_ID, MAX_PRICE_PER_MILLION, RELEASE_DEFAULT_LAMBDA } from '../config';
import type { Cap, CostUnit } from '../router/types';

/** Everything that makes a view shareable; it round-trips through the URL. */

export const poolOverrideSchema = z
  .object({
    enabled: z.boolean().optional(),
    providerId: z.string().min(1).optional(),
    inputPerMillion: z.number().nonnegative().max(MAX_PRICE_PER_MILLION).optional(),
    outputPerMillion: z.number().nonnegative().max(MAX_PRICE_PER_MILLION).optional(),
  })
  .strict();
export type PoolOverride = z.infer<typeof poolOverrideSchema>;
export const poolOverridesSchema = z.record(z.string(), poolOverrideSchema);
export type PoolOverrides = z.infer<typeof poolOverridesSchema>;

export interface ViewState {
  bundleId: string;
  query: string;
  lambda: number;
  capKind: CostUnit;
  cap: Cap;
  xAxis: CostUnit;
  continuous: boolean;
  present: boolean;
  pool: PoolOverrides;
  /**
   * Decide by the playground's rules even where the bundle brings the released router's own
   * (8-decimal rounding, first of ties, words × 1.3 input tokens, anchors only).
   */
  appRules: boolean;
  /** The guided tour's step (1-based), or null when the tour is closed. */
  tour: number | null;
  /** Guess mode: R2's choice stays hidden until the person has picked a point. */
  guess: boolean;
  /** The single-query playground, or the workload view (a whole file of queries). */
  view: 'main' | 'workload';
  /**
   * The embeddings server the view's encoder is, when it is one: its base URL and model id
   * (its key never). A page opened with them asks before sending anything there.
   */
  embeddingsUrl: string | null;
  embeddingsModel: string | null;
}

/** The fields a tour step may set; the pool, the bundle and the modes stay as the person left them. */
export type ViewPatch = Partial<Pick<ViewState, 'query' | 'lambda' | 'capKind' | 'cap' | 'xAxis' | 'continuous'>>;

export const DEFAULT_QUERY = 'A train travels 180 km in 2.5 hours. What is its average speed in km/h?';

export const DEFAULT_VIEW: ViewState = {
  bundleId: DEFAULT_BUNDLE_ID,
  query: DEFAULT_QUERY,
  lambda: RELEASE_DEFAULT_LAMBDA,
  capKind: 'tokens',
  cap: null,
  xAxis: 'tokens',
  continuous: true,
  present: false,
  pool: {},
  appRules: false,
  tour: null,
  guess: false,
  view: 'main',
  embeddingsUrl: null,
  embeddingsModel: null,
};
