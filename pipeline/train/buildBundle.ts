import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseManifest, type Manifest } from '../../src/bundle/manifest';
import { DEFAULT_HASHED_SPEC } from '../../src/encoder/hashedNgrams';
import { openBundle } from '../bundle/nodeBundle';
import { writeFolderAtomically } from '../core/atomicDir';
import type { Dataset } from '../../src/evaluate/dataset';
import { splitIndices } from '../../src/evaluate/split';
import { evaluateBundle } from '../evaluate/evaluateBundle';
import { deferralSvg } from '../../src/evaluate/plot';
import { cardMetrics, type Report } from '../../src/evaluate/report';
import { exportOnnx, IO_NAMES } from '../export/onnxExport';
import { exportError } from '../export/verifyExport';
import { encodeRows } from './features';
import { targetsOf } from './targets';
import { DEFAULT_TRAIN_OPTIONS, trainNetwork, type EpochLog, type TrainOptions } from './trainer';

/**
 * data → trained network → ONNX → manifest → held-out evaluation of the written bundle
 * (through onnxruntime-node, as the app would run it) → report.json and deferral.svg.
 * Everything is written into a temporary folder that replaces `out` only at the end.
 */

export const ONNX_FILE = 'predictor.onnx';
/** The ONNX graph must reproduce the trainer's predictions to this tolerance. */
export const EXPORT_TOLERANCE = 1e-5;

export interface BuildOptions {
  data: Dataset;
  out: string;
  id: string;
  train: Partial<TrainOptions>;
  /** The train command line; a simulated dataset's own command is put before it. */
  command: string;
  onEpoch?: (log: EpochLog, maxEpochs: number) => void;
  onEvaluate?: (done: number, total: number) => void;
}

export interface TrainingReport extends Report {
  training: {
    options: TrainOptions;
    bestEpoch: number;
    history: EpochLog[];
    exportMaxError: { quality: number; logTokens: number };
  };
}

function card(data: Dataset, reproduce: string, hidden: number[]): Manifest['card'] {
  const { models, budgets, simulated } = data.pool;
  const shape = `${data.keys.length} queries × ${models.length} LLMs × ${budgets.length} budgets`;
  const architecture = `Hashed word and character n-gram features → MLP trunk (${hidden.join(', ')}, ReLU) → per LLM a sigmoid quality head for each budget and a natural-length head; trained in-house with Adam and early stopping (pipeline/README.md).`;
  const toReal =
    'To train on R2-Bench instead: download it from the Hugging Face Hub, add a pool.json listing its budgets, model folders and prices (pipeline/README.md), then run npm run train -- --data <R2-Bench data folder> --out models/r2bench.';
  if (simulated) {
    return {
      title: 'R2 predictor trained on SIMULATED data',
      summary: `${architecture} It was trained on simulated responses from this project's generative model (pipeline/simulate), not on real LLM outputs: it shows how R2 routing behaves, not how these LLMs really perform. ${toReal}`,
      trainedOn: `Simulated R2-Bench-format dataset (${shape}), written by: ${simulated.command}`,
      simulated: true,
      reproduce,
      metrics: {},
    };
  }
  return {
    title: `R2 predictor trained on ${data.root}`,
    summary: `${architecture} ${toReal.replace('To train on R2-Bench instead: d', 'D')}`,
    trainedOn: `${data.root} (${shape})`,
    simulated: false,
    reproduce,
    metrics: {},
  };
}

export async function buildBundle(opts: BuildOptions): Promise<{ manifest: Manifest; report: TrainingReport }> {
  const { data } = opts;
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...opts.train };
  const spec = DEFAULT_HASHED_SPEC;
  const x = encodeRows(data.prompts, spec);
  const split = splitIndices(data.keys);
  const result = trainNetwork(x, targetsOf(data), split, options, opts.onEpoch);
  const L = data.pool.models.length;
  const K = data.pool.budgets.length;
  const reproduce = data.pool.simulated ? `${data.pool.simulated.command} && ${opts.command}` : opts.command;
  const manifest: Manifest = {
    format: 'r2-bundle/1',
    id: opts.id,
    onnx: ONNX_FILE,
    encoder: spec,
    budgets: data.pool.budgets,
    pool: data.pool.models.map(({ name, providerId, inputPerMillion, outputPerMillion }) => ({
      name,
      providerId,
      inputPerMillion,
      outputPerMillion,
    })),
    io: {
      input: { name: IO_NAMES.input, shape: ['batch', spec.dim] },
      quality: { name: IO_NAMES.quality, shape: ['batch', L, K] },
      naturalTokens: { name: IO_NAMES.naturalTokens, shape: ['batch', L] },
    },
    card: card(data, reproduce, options.hidden),
  };
  return writeFolderAtomically(opts.out, async (dir) => {
    const writeManifest = (m: Manifest) => writeFile(join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
    await writeFile(join(dir, ONNX_FILE), exportOnnx(result.net, `r2_predictor_${opts.id.replace(/[^a-z0-9]/g, '_')}`));
    await writeManifest(manifest);
    const bundle = await openBundle(dir);
    const exportMaxError = await exportError(bundle, result.net, x, split.test);
    if (exportMaxError.quality >= EXPORT_TOLERANCE || exportMaxError.logTokens >= EXPORT_TOLERANCE) {
      throw new Error(
        `the ONNX graph does not reproduce the trainer (max difference ${JSON.stringify(exportMaxError)})`,
      );
    }
    const evaluation = await evaluateBundle(bundle, data, opts.onEvaluate);
    const report: TrainingReport = {
      ...evaluation,
      training: { options, bestEpoch: result.bestEpoch, history: result.history, exportMaxError },
    };
    const final: Manifest = { ...manifest, card: { ...manifest.card, metrics: cardMetrics(report) } };
    parseManifest(JSON.stringify(final), 'the manifest being written');
    await writeManifest(final);
    await writeFile(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(
      join(dir, 'deferral.svg'),
      deferralSvg(report, `${final.card.title}: held-out deferral curves (${report.heldOut.queries} queries)`),
    );
    return { manifest: final, report };
  });
}
