import { z } from 'zod';
import type { Cap } from '../router/types';
import type { CapKind } from '../router/capScale';

/** Everything that makes a view shareable; it round-trips through the URL. */

export const poolOverrideSchema = z
  .object({
    enabled: z.boolean().optional(),
    providerId: z.string().min(1).optional(),
    inputPerMillion: z.number().finite().nonnegative().optional(),
    outputPerMillion: z.number().finite().nonnegative().optional(),
  })
  .strict();
export type PoolOverride = z.infer<typeof poolOverrideSchema>;
export const poolOverridesSchema = z.record(z.string(), poolOverrideSchema);
export type PoolOverrides = z.infer<typeof poolOverridesSchema>;

export type AxisMode = 'tokens' | 'usd';

export interface ViewState {
  bundleId: string;
  query: string;
  lambda: number;
  capKind: CapKind;
  cap: Cap;
  xAxis: AxisMode;
  continuous: boolean;
  present: boolean;
  pool: PoolOverrides;
}

export const DEFAULT_QUERY = 'A train travels 180 km in 2.5 hours. What is its average speed in km/h?';

export const DEFAULT_VIEW: ViewState = {
  bundleId: 'default',
  query: DEFAULT_QUERY,
  lambda: 0.99999,
  capKind: 'tokens',
  cap: null,
  xAxis: 'tokens',
  continuous: true,
  present: false,
  pool: {},
};
