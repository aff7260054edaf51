import { basename } from 'node:path';
import { loadDataset } from '../data/loader';
import { humanSummary } from '../../src/evaluate/report';
import { buildBundle } from '../train/buildBundle';
import { DEFAULT_TRAIN_OPTIONS } from '../train/trainer';
import { commandLine } from './commandLine';
import { integer, readFlags, required, runCli, UsageError } from './flags';
import { progressBar } from './progress';

const USAGE = `usage: npm run train -- --data <dir> --out <bundleDir> [--seed S] [--epochs E] [--hidden 128,128] [--id ID] [--allow-missing]

Trains the predictor on an R2-Bench-format folder and writes <bundleDir>/manifest.json,
predictor.onnx, report.json and deferral.svg (all or nothing).
  --epochs         most epochs (early stopping on the validation split may stop sooner; default ${DEFAULT_TRAIN_OPTIONS.maxEpochs})
  --seed           initialisation and shuffling seed (default ${DEFAULT_TRAIN_OPTIONS.seed}); same seed + data → same ONNX bytes
  --hidden         trunk widths (default ${DEFAULT_TRAIN_OPTIONS.hidden.join(',')}); the first layer sets most of the ONNX size (4096 × width floats)
  --id             bundle id (default: the folder name)
  --allow-missing  drop queries that some file lacks instead of failing`;

runCli(async () => {
  const argv = process.argv.slice(2);
  const flags = readFlags(
    argv,
    {
      data: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      epochs: { type: 'string' },
      hidden: { type: 'string' },
      id: { type: 'string' },
      'allow-missing': { type: 'boolean' },
    },
    USAGE,
  );
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  const dataDir = required(flags.data, 'data', USAGE);
  const out = required(flags.out, 'out', USAGE);
  const id =
    typeof flags.id === 'string'
      ? flags.id
      : basename(out)
          .toLowerCase()
          .replace(/[^a-z0-9._-]/g, '-');
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(id))
    throw new UsageError(`--id must be lowercase letters, digits, . _ - (got "${id}")`);
  const seed = integer(flags.seed, 'seed', DEFAULT_TRAIN_OPTIONS.seed);
  const maxEpochs = integer(flags.epochs, 'epochs', DEFAULT_TRAIN_OPTIONS.maxEpochs, 1);
  const hidden =
    typeof flags.hidden === 'string'
      ? flags.hidden.split(',').map((w) => integer(w.trim(), 'hidden', 0, 1))
      : DEFAULT_TRAIN_OPTIONS.hidden;

  const loading = progressBar('load', 'files');
  const data = await loadDataset(dataDir, { allowMissing: flags['allow-missing'] === true, onFile: loading.update });
  loading.stop();
  if (data.dropped) process.stderr.write(`dropped ${data.dropped} queries missing from some file\n`);
  const training = progressBar('train', 'epochs');
  const evaluating = progressBar('evaluate', 'queries');
  let lastLoss = '';
  const { report } = await buildBundle({
    data,
    out,
    id,
    train: { seed, maxEpochs, hidden },
    command: commandLine('train', argv),
    onEpoch: (log, max) => {
      training.update(log.epoch, max);
      lastLoss = `epoch ${log.epoch}: train loss ${log.trainLoss.toFixed(4)}, validation loss ${log.validationLoss.toFixed(4)}`;
    },
    onEvaluate: (done, total) => {
      training.stop();
      evaluating.update(done, total);
    },
  });
  evaluating.stop();
  process.stderr.write(
    `${lastLoss}; kept epoch ${report.training.bestEpoch}\n\n${humanSummary(report)}\n\nwrote ${out}\n`,
  );
});
