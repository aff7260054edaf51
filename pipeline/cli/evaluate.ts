import { openBundle } from '../bundle/nodeBundle';
import { loadDataset } from '../data/loader';
import { evaluateBundle } from '../evaluate/evaluateBundle';
import { humanSummary } from '../../src/evaluate/report';
import { readFlags, required, runCli } from './flags';
import { progressBar } from './progress';

const USAGE = `usage: npm run evaluate -- --bundle <bundleDir> --data <dir> [--allow-missing]

Routes the held-out split of an R2-Bench-format folder with the bundle and prints the
report JSON on stdout (a short table goes to stderr).`;

runCli(async () => {
  const flags = readFlags(
    process.argv.slice(2),
    { bundle: { type: 'string' }, data: { type: 'string' }, 'allow-missing': { type: 'boolean' } },
    USAGE,
  );
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  const bundle = await openBundle(required(flags.bundle, 'bundle', USAGE));
  const loading = progressBar('load', 'files');
  const data = await loadDataset(required(flags.data, 'data', USAGE), {
    allowMissing: flags['allow-missing'] === true,
    onFile: loading.update,
  });
  loading.stop();
  const evaluating = progressBar('evaluate', 'queries');
  const report = await evaluateBundle(bundle, data, evaluating.update);
  evaluating.stop();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`${humanSummary(report)}\n`);
});
