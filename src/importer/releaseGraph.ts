import { GraphBuilder } from '../onnx/graphBuilder';
import type { RidgeHead } from './ridgeHead';

/** Every head of one LLM: quality per budget (manifest order, "unlimited" included) and the unlimited length. */
export interface ModelHeads {
  quality: RidgeHead[];
  tokens: RidgeHead;
}

/** ONNX TensorProto element types. */
const FLOAT = 1;
const DOUBLE = 11;

export const RELEASE_IO = { input: 'embedding', quality: 'quality', naturalTokens: 'natural_tokens' } as const;

/**
 * The released router as one ONNX graph over a batch of embeddings:
 *   quality        = Clip(e · W + b, 0, 1) reshaped to [batch, LLMs, budgets]
 *   natural_tokens = Max(e · Wt + bt, 0)                        [batch, LLMs]
 * exactly the release's np.clip(ridge.predict(e), 0, 1) and max(0, ridge.predict(e)).
 * The release computes in float64 (its embeddings are float64 arrays); summing 1024
 * products in float32 would drift by up to ~1e-3 tokens on the length heads, so the graph
 * widens to double and rounds once, at the float32 outputs.
 */
export function buildReleaseGraph(models: readonly ModelHeads[], dim: number): Uint8Array {
  const llms = models.length;
  const budgets = models[0]?.quality.length ?? 0;
  const width = llms * budgets;
  const w = new Float32Array(dim * width);
  const b = new Float32Array(width);
  const wt = new Float32Array(dim * llms);
  const bt = new Float32Array(llms);
  models.forEach((m, l) => {
    m.quality.forEach((head, k) => {
      const col = l * budgets + k;
      head.coef.forEach((v, d) => (w[d * width + col] = v));
      b[col] = head.intercept;
    });
    m.tokens.coef.forEach((v, d) => (wt[d * llms + l] = v));
    bt[l] = m.tokens.intercept;
  });

  const g = new GraphBuilder('r2_router_release');
  const double = (name: string) => g.op('Cast', [name], { to: DOUBLE });
  const e = double(g.input(RELEASE_IO.input, ['batch', dim]));
  const zero = double(g.float('zero', [0], []));
  const one = double(g.float('one', [1], []));
  const scores = g.op('Add', [
    g.op('MatMul', [e, double(g.float('quality_weights', w, [dim, width]))]),
    double(g.float('quality_bias', b, [width])),
  ]);
  const quality = g.op('Cast', [g.op('Clip', [scores, zero, one])], { to: FLOAT });
  g.op('Reshape', [quality, g.int64('quality_shape', [-1, llms, budgets])], {}, RELEASE_IO.quality);
  g.output(RELEASE_IO.quality, ['batch', llms, budgets]);
  const lengths = g.op('Add', [
    g.op('MatMul', [e, double(g.float('token_weights', wt, [dim, llms]))]),
    double(g.float('token_bias', bt, [llms])),
  ]);
  g.op('Cast', [g.op('Max', [lengths, zero])], { to: FLOAT }, RELEASE_IO.naturalTokens);
  g.output(RELEASE_IO.naturalTokens, ['batch', llms]);
  return g.toBytes('r2-routing-playground release importer');
}
