import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { writeFolderAtomically } from '../core/atomicDir';
import type { PoolFile } from '../../src/evaluate/poolFile';
import { csvRow } from './csv';
import { makeQuery, respond, type SimQuery } from './model';
import type { SimLlm } from './pool';

export const CSV_COLUMNS = [
  'key',
  'prompts_id',
  'original_prompt',
  'templated_prompt',
  'golden_answer',
  'response',
  'judge_raw',
  'actual_token_count',
  'correctness_score',
] as const;

export interface SimulateOptions {
  queries: number;
  seed: number;
  pool: readonly SimLlm[];
  budgets: readonly (number | 'unlimited')[];
  /** The command line that produced the folder, recorded in pool.json for model cards. */
  command: string;
  /** Called after each file with (files written, files in all). */
  onFile?: (done: number, total: number) => void;
}

export function budgetFileName(budget: number | 'unlimited'): string {
  return `${budget}_judge.csv`;
}

function templated(q: SimQuery, budget: number | 'unlimited'): string {
  return budget === 'unlimited' ? q.text : `${q.text}\n\nAnswer using at most ${budget} tokens.`;
}

function responseText(llm: SimLlm, budget: number | 'unlimited', tokens: number, truncated: boolean): string {
  const cut = truncated
    ? `, cut off at ${budget === 'unlimited' ? 'the 4000-token cap' : `the ${budget}-token budget`}`
    : '';
  return `[simulated response of ${llm.name}: ${tokens} tokens${cut}]`;
}

async function writeFileRows(path: string, rows: Iterable<string>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  // Rows are joined into ~64 KB chunks: one write per row would dominate the run time.
  let chunk = '';
  for (const row of rows) {
    chunk += row;
    if (chunk.length < 65536) continue;
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  }
  out.end(chunk);
  await once(out, 'finish');
}

function* rowsFor(
  seed: number,
  queries: readonly SimQuery[],
  llm: SimLlm,
  budget: number | 'unlimited',
): Generator<string> {
  yield csvRow(CSV_COLUMNS);
  for (const q of queries) {
    const r = respond(seed, q, llm, budget);
    yield csvRow([
      q.key,
      q.index,
      q.text,
      templated(q, budget),
      q.goldenAnswer,
      responseText(llm, budget, r.tokens, r.truncated),
      `Correctness: ${r.score}`,
      r.tokens,
      r.score,
    ]);
  }
}

export function poolFileFor(
  pool: readonly SimLlm[],
  budgets: readonly (number | 'unlimited')[],
  command: string,
): PoolFile {
  return {
    budgets: [...budgets],
    models: pool.map(({ name, path, providerId, inputPerMillion, outputPerMillion }) => ({
      name,
      path,
      providerId,
      inputPerMillion,
      outputPerMillion,
    })),
    simulated: { command },
  };
}

/** Writes `<out>/pool.json` and `<out>/<org>/<model>/<budget>_judge.csv`, all or nothing. */
export async function writeDataset(out: string, opts: SimulateOptions): Promise<void> {
  const queries = Array.from({ length: opts.queries }, (_, i) => makeQuery(opts.seed, i));
  const total = opts.pool.length * opts.budgets.length;
  await writeFolderAtomically(out, async (dir) => {
    await writeFile(
      join(dir, 'pool.json'),
      `${JSON.stringify(poolFileFor(opts.pool, opts.budgets, opts.command), null, 2)}\n`,
    );
    let done = 0;
    for (const llm of opts.pool) {
      for (const budget of opts.budgets) {
        await writeFileRows(join(dir, llm.path, budgetFileName(budget)), rowsFor(opts.seed, queries, llm, budget));
        opts.onFile?.(++done, total);
      }
    }
  });
}
