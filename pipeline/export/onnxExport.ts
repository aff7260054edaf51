import { GraphBuilder } from '../../src/onnx/graphBuilder';
import type { Network } from '../train/network';

/**
 * Writes the trained network as an ONNX graph (opset 17, via the shared GraphBuilder):
 *
 *   features[N, dim] → (MatMul, Add, Relu)ⁿ → MatMul+Add → Sigmoid → Reshape → quality[N, L, K]
 *                                            → MatMul+Add → Exp − 1 → Relu → natural_tokens[N, L]
 *
 * The first layer is a dense MatMul: the browser passes a dense vector and a 4096×128
 * MatMul costs well under a millisecond in WASM.
 */

export const IO_NAMES = { input: 'features', quality: 'quality', naturalTokens: 'natural_tokens' } as const;

export function exportOnnx(net: Network, graphName = 'r2_predictor'): Uint8Array {
  const { dim, models, budgets } = net.shape;
  const g = new GraphBuilder(graphName);
  let h = g.input(IO_NAMES.input, ['batch', dim]);
  net.trunk.forEach((layer, i) => {
    const w = g.float(`trunk${i}.weight`, layer.w, [layer.rows, layer.cols]);
    const b = g.float(`trunk${i}.bias`, layer.b, [layer.cols]);
    h = g.op('Relu', [g.op('Add', [g.op('MatMul', [h, w]), b])]);
  });
  const qw = g.float('quality.weight', net.quality.w, [net.quality.rows, net.quality.cols]);
  const qb = g.float('quality.bias', net.quality.b, [net.quality.cols]);
  const probabilities = g.op('Sigmoid', [g.op('Add', [g.op('MatMul', [h, qw]), qb])]);
  g.op('Reshape', [probabilities, g.int64('quality.shape', [-1, models, budgets])], {}, IO_NAMES.quality);
  g.output(IO_NAMES.quality, ['batch', models, budgets]);

  const nw = g.float('natural.weight', net.natural.w, [net.natural.rows, net.natural.cols]);
  const nb = g.float('natural.bias', net.natural.b, [net.natural.cols]);
  const logTokens = g.op('Add', [g.op('MatMul', [h, nw]), nb]);
  const one = g.float('one', [1], []);
  // exp(x) − 1 undoes the log1p target; Relu keeps a (rare) negative prediction at 0 tokens.
  g.op('Relu', [g.op('Sub', [g.op('Exp', [logTokens]), one])], {}, IO_NAMES.naturalTokens);
  g.output(IO_NAMES.naturalTokens, ['batch', models]);
  return g.toBytes();
}
