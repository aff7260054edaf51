import { describeSimulation } from '../simulate/describe';
import { writeDataset } from '../simulate/writeDataset';
import { R2_BENCH_BUDGETS, SIM_POOL } from '../simulate/pool';
import { commandLine } from './commandLine';
import { integer, readFlags, required, runCli, UsageError } from './flags';
import { progressBar } from './progress';

const USAGE = `usage: npm run simulate -- --out <dir> [--queries N] [--seed S] [--budgets 10,50,100,unlimited] [--models name,name]
       npm run simulate -- --describe [--queries N] [--seed S] [--models name,name]

Writes a simulated dataset in the R2-Bench layout (pool.json and <org>/<model>/<budget>_judge.csv).
Defaults: 2000 queries, seed 1, the 15 R2-Bench budgets plus unlimited, the 11-LLM release pool.
--describe prints the simulator's calibration (compliance, scores, lengths per LLM) instead.`;

function parseBudgets(value: string | boolean | undefined): (number | 'unlimited')[] {
  if (value === undefined) return [...R2_BENCH_BUDGETS];
  const budgets = String(value)
    .split(',')
    .map((s) => s.trim())
    .map((s) => (s === 'unlimited' ? s : Number(s)));
  if (budgets.some((b) => b !== 'unlimited' && !(Number.isInteger(b) && b > 0)) || !budgets.includes('unlimited')) {
    throw new UsageError(`--budgets must be positive integers and "unlimited", got "${String(value)}"`);
  }
  return budgets;
}

function parseModels(value: string | boolean | undefined) {
  if (value === undefined) return SIM_POOL;
  const names = String(value)
    .split(',')
    .map((s) => s.trim());
  const unknown = names.filter((n) => !SIM_POOL.some((m) => m.name === n));
  if (unknown.length)
    throw new UsageError(`unknown model(s) ${unknown.join(', ')}; known: ${SIM_POOL.map((m) => m.name).join(', ')}`);
  return SIM_POOL.filter((m) => names.includes(m.name));
}

runCli(async () => {
  const flags = readFlags(
    process.argv.slice(2),
    {
      out: { type: 'string' },
      queries: { type: 'string' },
      seed: { type: 'string' },
      budgets: { type: 'string' },
      models: { type: 'string' },
      describe: { type: 'boolean' },
    },
    USAGE,
  );
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  if (flags.describe) {
    const text = describeSimulation(
      integer(flags.seed, 'seed', 1),
      integer(flags.queries, 'queries', 2000, 1),
      parseModels(flags.models),
    );
    return void process.stdout.write(`${text}\n`);
  }
  const out = required(flags.out, 'out', USAGE);
  const bar = progressBar('simulate', 'files');
  const opts = {
    queries: integer(flags.queries, 'queries', 2000, 1),
    seed: integer(flags.seed, 'seed', 1),
    pool: parseModels(flags.models),
    budgets: parseBudgets(flags.budgets),
    command: commandLine('simulate', process.argv.slice(2)),
  };
  await writeDataset(out, { ...opts, onFile: bar.update });
  bar.stop();
  process.stderr.write(
    `wrote ${opts.queries} queries × ${opts.pool.length} LLMs × ${opts.budgets.length} budgets to ${out}\n`,
  );
});
