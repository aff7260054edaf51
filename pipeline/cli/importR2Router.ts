import { resolve } from 'node:path';
import { importRelease } from '../../src/importer/importRelease';
import { writeBundle } from '../bundle/writeBundle';
import { readReleaseFolder } from '../importer/readReleaseFolder';
import { commandLine } from './commandLine';
import { readFlags, required, runCli } from './flags';

const USAGE = `usage: npm run import:r2router -- --release <dir> --out <bundleDir>

Reads a released R2-Router folder (config.json and checkpoints/<llm>/*.joblib), checks
every Ridge head, and writes a predictor bundle (manifest.json + ONNX) to <bundleDir>, all
at once: on any problem nothing is written. Prints a JSON summary on stdout.`;

runCli(async () => {
  const argv = process.argv.slice(2);
  const flags = readFlags(argv, { release: { type: 'string' }, out: { type: 'string' } }, USAGE);
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  const release = required(flags.release, 'release', USAGE);
  const out = required(flags.out, 'out', USAGE);
  const { manifest, onnxBytes, warnings } = await importRelease(await readReleaseFolder(release), {
    reproduce: commandLine('import:r2router', argv),
  });
  await writeBundle(out, manifest, onnxBytes);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const summary = {
    bundle: resolve(out),
    id: manifest.id,
    onnx: manifest.onnx,
    onnxBytes: onnxBytes.length,
    encoder: manifest.encoder,
    budgets: manifest.budgets,
    pool: manifest.pool,
    warnings,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
});
