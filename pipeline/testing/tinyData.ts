import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIM_POOL } from '../simulate/pool';
import { writeDataset } from '../simulate/writeDataset';

/** Small simulated datasets for tests: a large, a mid-size and a small LLM, four budgets. */

export const TINY_MODELS = ['Qwen3-235B-A22B-Instruct-2507', 'Llama-3.1-70B-Instruct', 'gemma-3-1b-it'];
export const TINY_BUDGETS = [10, 100, 500, 'unlimited'] as const;
export const tinyPool = () => SIM_POOL.filter((m) => TINY_MODELS.includes(m.name));

export async function writeTinyDataset(dir: string, queries = 150, seed = 7): Promise<string> {
  await writeDataset(dir, {
    queries,
    seed,
    pool: tinyPool(),
    budgets: TINY_BUDGETS,
    command: `npm run simulate -- --out ${dir} --queries ${queries} --seed ${seed}`,
  });
  return dir;
}

export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
