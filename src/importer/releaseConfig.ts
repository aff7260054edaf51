import { z } from 'zod';
import { UNLIMITED } from '../bundle/manifest';

/** The release's config.json (r2_router/config.json in the authors' repository). */
const price = z.number().finite().nonnegative();

const releaseModelSchema = z.object({
  openrouter_id: z.string().min(1),
  input_price_per_million: price,
  output_price_per_million: price,
  checkpoint_dir: z.string().min(1),
  available: z.boolean().optional(),
  note: z.string().optional(),
});

export const releaseConfigSchema = z.object({
  router_name: z.string().optional(),
  method: z.string().optional(),
  embedding_model: z.string().min(1),
  embedding_dim: z.number().int().positive(),
  default_lambda: z.number().min(0).max(1).optional(),
  token_limits: z.array(z.union([z.number().int().positive(), z.literal(UNLIMITED)])).min(2),
  models: z.record(z.string().min(1), releaseModelSchema).refine((m) => Object.keys(m).length > 0, 'lists no models'),
});
export type ReleaseConfig = z.infer<typeof releaseConfigSchema>;
