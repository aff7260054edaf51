import { Rng } from '../core/rng';
import { Adam } from './adam';
import type { SparseRows } from './features';
import { backward, forward, initNetwork, layers, zeroGradients, type Network, type NetworkShape } from './network';
import { columnStats, type Targets } from './targets';

/**
 * Minibatch training with early stopping. The loss per query is
 *   mean over (LLM, budget) of (q̂ − y)²  +  lengthWeight · mean over LLMs of (ℓ̂ − ℓ)² / var(ℓ)
 * where ℓ = log1p(natural tokens); dividing by the training variance puts the length
 * heads on the quality heads' scale. The network with the lowest validation loss wins.
 */

export interface TrainOptions {
  seed: number;
  maxEpochs: number;
  batchSize: number;
  lr: number;
  hidden: number[];
  patience: number;
  lengthWeight: number;
  weightDecay: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 1,
  maxEpochs: 40,
  batchSize: 64,
  lr: 1e-3,
  hidden: [128, 128],
  patience: 5,
  lengthWeight: 0.25,
  weightDecay: 0,
};

export interface EpochLog {
  epoch: number;
  trainLoss: number;
  validationLoss: number;
}

export interface TrainResult {
  net: Network;
  history: EpochLog[];
  bestEpoch: number;
}

interface LossParts {
  targets: Targets;
  lengthScale: Float64Array;
  lengthWeight: number;
}

/** Loss summed over `rows`; when `grads` is given, adds the gradient of the batch mean. */
function batchLoss(
  net: Network,
  x: SparseRows,
  rows: readonly number[],
  parts: LossParts,
  grads?: ReturnType<typeof zeroGradients>,
): number {
  const { targets, lengthScale, lengthWeight } = parts;
  const L = targets.models;
  const LK = L * targets.budgets;
  const act = forward(net, x, rows);
  const dq = new Float64Array(act.quality.length);
  const dl = new Float64Array(act.logTokens.length);
  let loss = 0;
  const n = rows.length;
  rows.forEach((r, i) => {
    for (let j = 0; j < LK; j++) {
      const e = act.quality[i * LK + j]! - targets.quality[r * LK + j]!;
      loss += (e * e) / LK;
      dq[i * LK + j] = (2 * e) / (LK * n);
    }
    for (let m = 0; m < L; m++) {
      const e = act.logTokens[i * L + m]! - targets.logTokens[r * L + m]!;
      loss += (lengthWeight * e * e * lengthScale[m]!) / L;
      dl[i * L + m] = (2 * lengthWeight * e * lengthScale[m]!) / (L * n);
    }
  });
  if (grads) backward(net, x, act, dq, dl, grads);
  return loss;
}

function meanLoss(net: Network, x: SparseRows, rows: readonly number[], parts: LossParts): number {
  let total = 0;
  for (let s = 0; s < rows.length; s += 512) total += batchLoss(net, x, rows.slice(s, s + 512), parts);
  return total / Math.max(1, rows.length);
}

function snapshot(net: Network): Float32Array[] {
  return layers(net).flatMap((l) => [l.w.slice(), l.b.slice()]);
}

function restore(net: Network, saved: Float32Array[]): void {
  layers(net).forEach((l, i) => {
    l.w.set(saved[2 * i]!);
    l.b.set(saved[2 * i + 1]!);
  });
}

export function trainNetwork(
  x: SparseRows,
  targets: Targets,
  split: { train: readonly number[]; validation: readonly number[] },
  options: Partial<TrainOptions> = {},
  onEpoch?: (log: EpochLog, maxEpochs: number) => void,
): TrainResult {
  const opts = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  if (split.train.length === 0 || split.validation.length === 0)
    throw new Error('training needs at least one training and one validation query');
  const L = targets.models;
  const q = columnStats(targets.quality, L * targets.budgets, split.train);
  const len = columnStats(targets.logTokens, L, split.train);
  const shape: NetworkShape = { dim: x.dim, hidden: opts.hidden, models: L, budgets: targets.budgets };
  const net = initNetwork(shape, opts.seed, q.mean, len.mean);
  const parts: LossParts = {
    targets,
    lengthScale: len.variance.map((v) => 1 / Math.max(v, 1e-3)),
    lengthWeight: opts.lengthWeight,
  };
  const adam = new Adam(net, { lr: opts.lr, weightDecay: opts.weightDecay });
  const grads = zeroGradients(net);
  const order = [...split.train];
  let best = { loss: meanLoss(net, x, split.validation, parts), epoch: 0, params: snapshot(net) };
  const history: EpochLog[] = [];
  for (let epoch = 1; epoch <= opts.maxEpochs; epoch++) {
    new Rng(opts.seed, `epoch:${epoch}`).shuffle(order);
    let trainLoss = 0;
    for (let s = 0; s < order.length; s += opts.batchSize) {
      grads.w.forEach((g) => g.fill(0));
      grads.b.forEach((g) => g.fill(0));
      trainLoss += batchLoss(net, x, order.slice(s, s + opts.batchSize), parts, grads);
      adam.step(net, grads);
    }
    const validationLoss = meanLoss(net, x, split.validation, parts);
    const log = { epoch, trainLoss: trainLoss / order.length, validationLoss };
    history.push(log);
    onEpoch?.(log, opts.maxEpochs);
    if (validationLoss < best.loss) best = { loss: validationLoss, epoch, params: snapshot(net) };
    else if (epoch - best.epoch >= opts.patience) break;
  }
  restore(net, best.params);
  return { net, history, bestEpoch: best.epoch };
}

/** The trained network's predictions: quality [rows × L·K] and natural tokens [rows × L]. */
export function predictNetwork(
  net: Network,
  x: SparseRows,
  rows: readonly number[],
): { quality: Float32Array; naturalTokens: Float32Array; logTokens: Float32Array } {
  const L = net.shape.models;
  const LK = L * net.shape.budgets;
  const quality = new Float32Array(rows.length * LK);
  const logTokens = new Float32Array(rows.length * L);
  const naturalTokens = new Float32Array(rows.length * L);
  for (let s = 0; s < rows.length; s += 512) {
    const act = forward(net, x, rows.slice(s, s + 512));
    quality.set(act.quality, s * LK);
    act.logTokens.forEach((v, i) => {
      logTokens[s * L + i] = v;
      naturalTokens[s * L + i] = Math.max(0, Math.expm1(v));
    });
  }
  return { quality, naturalTokens, logTokens };
}
