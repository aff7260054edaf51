import { z } from 'zod';

/**
 * A predictor bundle is a folder holding `manifest.json` and one ONNX file.
 * The same schema is read by the app, the trainer, the evaluator and the importer.
 */

export const UNLIMITED = 'unlimited' as const;
export type Budget = number | typeof UNLIMITED;

const price = z
  .number({ error: 'must be a number (USD per 1M tokens)' })
  .finite('must be a finite number')
  .nonnegative('must not be negative');

export const poolEntrySchema = z.object({
  name: z.string().min(1, 'needs a display name'),
  providerId: z.string().min(1, 'needs a provider model id'),
  inputPerMillion: price,
  outputPerMillion: price,
  /** false when the provider does not serve this LLM (an imported release marks these; their prices are estimates). */
  available: z.boolean().optional(),
  /** A remark from whoever made the bundle, e.g. why a price is an estimate. */
  note: z.string().optional(),
});
export type PoolEntry = z.infer<typeof poolEntrySchema>;

const hashedNgramsEncoder = z.object({
  kind: z.literal('hashed-ngrams'),
  dim: z.number().int().positive(),
  seed: z.number().int().nonnegative(),
  charNgrams: z.array(z.number().int().min(1).max(8)),
  wordNgrams: z.array(z.number().int().min(1).max(4)),
  maxChars: z.number().int().positive(),
});

const qwen3Encoder = z.object({
  kind: z.literal('qwen3-embedding'),
  model: z.string().min(1),
  dim: z.number().int().positive(),
  pooling: z.literal('last-token'),
  normalize: z.boolean(),
});

export const encoderSchema = z.discriminatedUnion('kind', [hashedNgramsEncoder, qwen3Encoder]);
export type EncoderSpec = z.infer<typeof encoderSchema>;
export type HashedNgramsSpec = z.infer<typeof hashedNgramsEncoder>;

const dimension = z.union([z.number().int().positive(), z.string().min(1)]);
const tensorSpec = z.object({ name: z.string().min(1), shape: z.array(dimension) });

export const manifestSchema = z
  .object({
    format: z.literal('r2-bundle/1'),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, . _ - only'),
    onnx: z.string().regex(/^[^/\\]+\.onnx$/, 'a file name in the bundle folder ending in .onnx'),
    encoder: encoderSchema,
    budgets: z.array(z.union([z.number().int().positive(), z.literal(UNLIMITED)])).min(2),
    /**
     * How the bundle's own router decides: "release" scores as the released R2-Router does
     * (8-decimal rounding, first of ties, words × 1.3 input tokens, anchors only); absent, the playground's.
     */
    decisionRules: z.enum(['playground', 'release']).optional(),
    pool: z.array(poolEntrySchema).min(1, 'the pool needs at least one LLM'),
    io: z.object({
      input: tensorSpec,
      /** [batch, pool.length, budgets.length], budgets in manifest order. */
      quality: tensorSpec,
      /** [batch, pool.length]: predicted natural (unlimited) output length in tokens. */
      naturalTokens: tensorSpec,
    }),
    card: z.object({
      title: z.string().min(1),
      summary: z.string().min(1),
      trainedOn: z.string().min(1),
      simulated: z.boolean(),
      reproduce: z.string().min(1),
      license: z.string().optional(),
      metrics: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
      /** For a bundle of someone else's model: what is theirs, what the app approximates, what nobody checked here. */
      fidelity: z
        .object({
          real: z.string().min(1),
          approximate: z.string().min(1),
          unverified: z.string().min(1),
          /** A command that checks what is unverified. */
          check: z.string().min(1),
        })
        .optional(),
    }),
  })
  .superRefine((m, ctx) => {
    const numeric = m.budgets.filter((b): b is number => b !== UNLIMITED);
    if (m.budgets.filter((b) => b === UNLIMITED).length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['budgets'], message: 'must contain "unlimited" exactly once' });
    }
    if (numeric.some((b, i) => i > 0 && b <= numeric[i - 1]!)) {
      ctx.addIssue({ code: 'custom', path: ['budgets'], message: 'numeric budgets must be strictly increasing' });
    }
    const names = new Set<string>();
    m.pool.forEach((p, i) => {
      if (names.has(p.name))
        ctx.addIssue({ code: 'custom', path: ['pool', i, 'name'], message: `duplicate LLM name "${p.name}"` });
      names.add(p.name);
    });
    const [, inDim] = m.io.input.shape;
    if (typeof inDim === 'number' && inDim !== m.encoder.dim) {
      ctx.addIssue({
        code: 'custom',
        path: ['io', 'input', 'shape'],
        message: `input width ${inDim} differs from encoder dim ${m.encoder.dim}`,
      });
    }
    const [, qModels, qBudgets] = m.io.quality.shape;
    if (qModels !== m.pool.length || qBudgets !== m.budgets.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['io', 'quality', 'shape'],
        message: `must be [batch, ${m.pool.length}, ${m.budgets.length}] (pool × budgets)`,
      });
    }
    if (m.io.naturalTokens.shape[1] !== m.pool.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['io', 'naturalTokens', 'shape'],
        message: `must be [batch, ${m.pool.length}]`,
      });
    }
  });

export type Manifest = z.infer<typeof manifestSchema>;

export class BundleError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  • ${p}`).join('\n')}` : message);
    this.name = 'BundleError';
  }
}

/** Parses manifest JSON text, listing every problem with its path rather than the first. */
export function parseManifest(text: string, source = 'manifest.json'): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new BundleError(`${source} is not valid JSON: ${(e as Error).message}`);
  }
  const result = manifestSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new BundleError(`${source} is not a valid predictor bundle`, problems);
  }
  return result.data;
}

/** Index of each budget in the quality tensor's last axis. */
export function budgetIndex(manifest: Manifest): { anchors: number[]; anchorIdx: number[]; unlimitedIdx: number } {
  const anchors: number[] = [];
  const anchorIdx: number[] = [];
  let unlimitedIdx = -1;
  manifest.budgets.forEach((b, i) => {
    if (b === UNLIMITED) unlimitedIdx = i;
    else {
      anchors.push(b);
      anchorIdx.push(i);
    }
  });
  return { anchors, anchorIdx, unlimitedIdx };
}
