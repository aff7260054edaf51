import { z } from 'zod';
import { UNLIMITED, type Budget } from '../bundle/manifest';
import { at, DatasetError } from './errors';
import { jsonValueLines, JsonSyntaxError, lineOf } from './jsonLines';

/**
 * `pool.json` beside the model folders: the budgets run and, per LLM, its folder and
 * prices. Prices are required (the router needs them); providerId defaults to the path.
 */

const price = (what: string) =>
  z
    .number({ error: `needs ${what} (USD per 1M tokens, a number)` })
    .finite()
    .nonnegative(`${what} must not be negative`);

const budgetSchema = z.union([
  z.number().int('budgets must be whole token counts').positive('budgets must be positive'),
  z.literal(UNLIMITED),
  z.literal('default').transform(() => UNLIMITED),
]);

const modelSchema = z.object({
  name: z.string({ error: 'needs a name' }).min(1, 'needs a name'),
  path: z
    .string({ error: 'needs a path (its folder under the data root, e.g. "Qwen/Qwen3-0.6B")' })
    .min(1)
    .refine((p) => !p.split(/[\\/]/).includes('..') && !p.startsWith('/'), 'path must stay inside the data folder'),
  providerId: z.string().min(1).optional(),
  inputPerMillion: price('inputPerMillion'),
  outputPerMillion: price('outputPerMillion'),
});

const poolFileSchema = z
  .object({
    budgets: z.array(budgetSchema).min(2, 'needs at least one budget and "unlimited"'),
    models: z.array(modelSchema).min(1, 'needs at least one model'),
    /** Present when `npm run simulate` wrote the folder: the command that did. */
    simulated: z.object({ command: z.string().min(1) }).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.budgets.filter((b) => b === UNLIMITED).length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['budgets'],
        message: 'must list "unlimited" (the no-instruction run) exactly once',
      });
    }
    const numeric = p.budgets.filter((b) => b !== UNLIMITED);
    if (new Set(numeric).size !== numeric.length)
      ctx.addIssue({ code: 'custom', path: ['budgets'], message: 'budgets must be distinct' });
    const seen = new Map<string, number>();
    p.models.forEach((m, i) => {
      const first = seen.get(m.name);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['models', i, 'name'],
          message: `duplicate model name "${m.name}" (also models[${first}])`,
        });
      seen.set(m.name, i);
    });
  });

export type PoolFile = z.input<typeof poolFileSchema>;

export interface PoolModel {
  name: string;
  path: string;
  providerId: string;
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface Pool {
  /** Ascending numeric budgets, then "unlimited". */
  budgets: Budget[];
  models: PoolModel[];
  simulated?: { command: string };
}

export function parsePoolFile(text: string, file: string): Pool {
  let lines: Map<string, number>;
  try {
    lines = jsonValueLines(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new DatasetError(`${at(file, e.line)}: not valid JSON: ${e.message}`);
    throw e;
  }
  const result = poolFileSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${at(file, lineOf(lines, issue.path))}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new DatasetError(`${file} does not describe a usable pool`, problems);
  }
  const numeric = result.data.budgets.filter((b): b is number => b !== UNLIMITED).sort((a, b) => a - b);
  return {
    budgets: [...numeric, UNLIMITED],
    models: result.data.models.map((m) => ({ ...m, providerId: m.providerId ?? m.path })),
    ...(result.data.simulated ? { simulated: result.data.simulated } : {}),
  };
}
