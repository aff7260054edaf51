import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import type { SparseRows } from './features';
import { backward, forward, initNetwork, layers, zeroGradients, type Network } from './network';

// A network small enough to check every weight against central finite differences.
const shape = { dim: 12, hidden: [6, 5], models: 2, budgets: 3 };
const x: SparseRows = {
  dim: 12,
  offsets: Int32Array.from([0, 3, 5, 9]),
  indices: Int32Array.from([0, 4, 11, 2, 7, 1, 3, 4, 10]),
  values: Float32Array.from([0.5, -0.4, 0.77, 0.9, 0.44, 0.3, 0.6, -0.5, 0.55]),
};
const rows = [0, 1, 2];
const rng = new Rng(9, 'coefficients');
// The loss is a fixed linear functional of the outputs, so its gradient is known exactly.
const cq = Float64Array.from({ length: rows.length * 6 }, () => rng.normal());
const cl = Float64Array.from({ length: rows.length * 2 }, () => rng.normal());

function loss(net: Network): number {
  const a = forward(net, x, rows);
  let s = 0;
  a.quality.forEach((v, i) => (s += cq[i]! * v));
  a.logTokens.forEach((v, i) => (s += cl[i]! * v));
  return s;
}

describe('network gradients', () => {
  it('match finite differences for every parameter', () => {
    const net = initNetwork(shape, 3, [0.2, 0.5, 0.8, 0.3, 0.6, 0.9], [4, 5]);
    // Bigger output weights than the default init, so every path carries gradient.
    const wr = new Rng(4, 'output weights');
    for (const l of [net.quality, net.natural]) l.w.forEach((_, i) => (l.w[i] = wr.normal() * 0.5));
    const grads = zeroGradients(net);
    backward(net, x, forward(net, x, rows), cq, cl, grads);
    let checked = 0;
    layers(net).forEach((layer, l) => {
      for (const [params, g] of [
        [layer.w, grads.w[l]!],
        [layer.b, grads.b[l]!],
      ] as const) {
        for (let i = 0; i < params.length; i++) {
          const keep = params[i]!;
          const h = 1e-3;
          params[i] = keep + h;
          const up = loss(net);
          params[i] = keep - h;
          const down = loss(net);
          params[i] = keep;
          // float32 weights: the step itself is rounded, so compare with the realised step.
          const numeric = (up - down) / (Math.fround(keep + h) - Math.fround(keep - h));
          expect(Math.abs(numeric - g[i]!)).toBeLessThan(2e-3 * Math.max(1, Math.abs(numeric)));
          checked++;
        }
      }
    });
    expect(checked).toBe(12 * 6 + 6 + 6 * 5 + 5 + 5 * 6 + 6 + 5 * 2 + 2);
  });

  it('touches only the first-layer rows of features that are present', () => {
    const net = initNetwork(shape, 3, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [4, 5]);
    const grads = zeroGradients(net);
    backward(net, x, forward(net, x, [0]), cq.subarray(0, 6), cl.subarray(0, 2), grads);
    const rowsTouched = new Set<number>();
    grads.w[0]!.forEach((g, i) => g !== 0 && rowsTouched.add(Math.floor(i / 6)));
    expect([...rowsTouched].every((r) => [0, 4, 11].includes(r))).toBe(true);
  });
});
