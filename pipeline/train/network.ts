import { Rng } from '../core/rng';
import type { SparseRows } from './features';

/**
 * The predictor network: a shared trunk on the encoder's sparse features (the first layer
 * reads only the non-zero inputs), then per LLM one linear head per budget into a sigmoid
 * (predicted quality) and one into log1p(tokens) (predicted natural length).
 *
 *   x ─ W₀ ─ ReLU ─ W₁ ─ ReLU ─┬─ Wq ─ σ → quality[L·K]   (LLM-major, budget-minor)
 *                               └─ Wn ────→ log1p(tokens)[L]
 *
 * Weights are float32 (what the ONNX file holds); sums run in float64.
 */

export interface NetworkShape {
  dim: number;
  hidden: number[];
  models: number;
  budgets: number;
}

/** A fully connected layer: w is [rows × cols], row-major (one row per input unit). */
export interface Dense {
  rows: number;
  cols: number;
  w: Float32Array;
  b: Float32Array;
}

export interface Network {
  shape: NetworkShape;
  /** trunk[0] reads the sparse input; the rest are dense. */
  trunk: Dense[];
  quality: Dense;
  natural: Dense;
}

export function layers(net: Network): Dense[] {
  return [...net.trunk, net.quality, net.natural];
}

function dense(rows: number, cols: number, rng: Rng, sd: number, bias: ArrayLike<number> | number = 0): Dense {
  const w = new Float32Array(rows * cols);
  for (let i = 0; i < w.length; i++) w[i] = sd * rng.normal();
  const b = new Float32Array(cols);
  for (let j = 0; j < cols; j++) b[j] = typeof bias === 'number' ? bias : bias[j]!;
  return { rows, cols, w, b };
}

/**
 * He-initialised trunk (the first layer's inputs are L2-normalised, so unit-variance
 * weights give unit-variance pre-activations); small output weights with biases at the
 * training means, so training starts from the constant-mean predictor.
 */
export function initNetwork(
  shape: NetworkShape,
  seed: number,
  qualityMean: ArrayLike<number>,
  logTokensMean: ArrayLike<number>,
): Network {
  const rng = new Rng(seed, 'init');
  const trunk: Dense[] = [];
  let width = shape.dim;
  shape.hidden.forEach((h, i) => {
    trunk.push(dense(width, h, rng, i === 0 ? 1 : Math.sqrt(2 / width)));
    width = h;
  });
  const logit = Array.from(qualityMean, (p) => {
    const c = Math.min(1 - 1e-3, Math.max(1e-3, p));
    return Math.log(c / (1 - c));
  });
  const outSd = 0.1 / Math.sqrt(width);
  return {
    shape,
    trunk,
    quality: dense(width, shape.models * shape.budgets, rng, outSd, logit),
    natural: dense(width, shape.models, rng, outSd, logTokensMean),
  };
}

/** Activations of one batch, kept for the backward pass. */
export interface Activations {
  rows: readonly number[];
  /** Post-ReLU output of each trunk layer, [batch × width]. */
  hidden: Float64Array[];
  /** Sigmoid outputs [batch × L·K]. */
  quality: Float64Array;
  /** log1p(tokens) [batch × L]. */
  logTokens: Float64Array;
}

function sparseLayer(layer: Dense, x: SparseRows, rows: readonly number[]): Float64Array {
  const { cols, w, b } = layer;
  const out = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[o + j] = b[j]!;
    for (let p = x.offsets[r]!; p < x.offsets[r + 1]!; p++) {
      const v = x.values[p]!;
      const base = x.indices[p]! * cols;
      for (let j = 0; j < cols; j++) out[o + j]! += v * w[base + j]!;
    }
  });
  return out;
}

function denseLayer(layer: Dense, input: Float64Array, batch: number): Float64Array {
  const { rows, cols, w, b } = layer;
  const out = new Float64Array(batch * cols);
  for (let n = 0; n < batch; n++) {
    const o = n * cols;
    for (let j = 0; j < cols; j++) out[o + j] = b[j]!;
    for (let i = 0; i < rows; i++) {
      const a = input[n * rows + i]!;
      if (a === 0) continue;
      const base = i * cols;
      for (let j = 0; j < cols; j++) out[o + j]! += a * w[base + j]!;
    }
  }
  return out;
}

function relu(a: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) if (a[i]! < 0) a[i] = 0;
  return a;
}

export function forward(net: Network, x: SparseRows, rows: readonly number[]): Activations {
  const hidden: Float64Array[] = [];
  let h = relu(sparseLayer(net.trunk[0]!, x, rows));
  hidden.push(h);
  for (let l = 1; l < net.trunk.length; l++) {
    h = relu(denseLayer(net.trunk[l]!, h, rows.length));
    hidden.push(h);
  }
  const quality = denseLayer(net.quality, h, rows.length);
  for (let i = 0; i < quality.length; i++) quality[i] = 1 / (1 + Math.exp(-quality[i]!));
  return { rows, hidden, quality, logTokens: denseLayer(net.natural, h, rows.length) };
}

/** Gradient buffers shaped like the network's layers (float64). */
export interface Gradients {
  w: Float64Array[];
  b: Float64Array[];
}

export function zeroGradients(net: Network): Gradients {
  const all = layers(net);
  return { w: all.map((l) => new Float64Array(l.w.length)), b: all.map((l) => new Float64Array(l.b.length)) };
}

/** Adds gW += inputᵀ·delta, gb += Σ delta; returns delta·Wᵀ (the gradient w.r.t. input). */
function denseBackward(
  layer: Dense,
  input: Float64Array,
  delta: Float64Array,
  batch: number,
  gw: Float64Array,
  gb: Float64Array,
): Float64Array {
  const { rows, cols, w } = layer;
  const dInput = new Float64Array(batch * rows);
  for (let n = 0; n < batch; n++) {
    const d = n * cols;
    for (let j = 0; j < cols; j++) gb[j]! += delta[d + j]!;
    for (let i = 0; i < rows; i++) {
      const a = input[n * rows + i]!;
      const base = i * cols;
      let s = 0;
      for (let j = 0; j < cols; j++) {
        s += delta[d + j]! * w[base + j]!;
        if (a !== 0) gw[base + j]! += a * delta[d + j]!;
      }
      dInput[n * rows + i] = s;
    }
  }
  return dInput;
}

/**
 * Backpropagates output gradients (w.r.t. the sigmoid outputs and the log-lengths) into
 * `grads`, accumulating.
 */
export function backward(
  net: Network,
  x: SparseRows,
  act: Activations,
  dQuality: Float64Array,
  dLogTokens: Float64Array,
  grads: Gradients,
): void {
  const batch = act.rows.length;
  const trunkDepth = net.trunk.length;
  const top = act.hidden[trunkDepth - 1]!;
  // σ'(z) = σ(1 − σ): turn d/dquality into d/dlogit in place.
  const dLogit = new Float64Array(dQuality.length);
  for (let i = 0; i < dLogit.length; i++) {
    const q = act.quality[i]!;
    dLogit[i] = dQuality[i]! * q * (1 - q);
  }
  const dTop = denseBackward(net.quality, top, dLogit, batch, grads.w[trunkDepth]!, grads.b[trunkDepth]!);
  const dTopN = denseBackward(net.natural, top, dLogTokens, batch, grads.w[trunkDepth + 1]!, grads.b[trunkDepth + 1]!);
  let delta = dTop;
  for (let i = 0; i < delta.length; i++) delta[i] = top[i]! > 0 ? delta[i]! + dTopN[i]! : 0;
  for (let l = trunkDepth - 1; l >= 1; l--) {
    const below = act.hidden[l - 1]!;
    const dBelow = denseBackward(net.trunk[l]!, below, delta, batch, grads.w[l]!, grads.b[l]!);
    for (let i = 0; i < dBelow.length; i++) if (below[i]! <= 0) dBelow[i] = 0;
    delta = dBelow;
  }
  const first = net.trunk[0]!;
  const gw = grads.w[0]!;
  const gb = grads.b[0]!;
  const cols = first.cols;
  act.rows.forEach((r, n) => {
    const d = n * cols;
    for (let j = 0; j < cols; j++) gb[j]! += delta[d + j]!;
    for (let p = x.offsets[r]!; p < x.offsets[r + 1]!; p++) {
      const v = x.values[p]!;
      const base = x.indices[p]! * cols;
      for (let j = 0; j < cols; j++) gw[base + j]! += v * delta[d + j]!;
    }
  });
}
