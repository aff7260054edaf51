import { R2_BENCH_BUDGETS } from '../../pipeline/simulate/pool';
import type { Manifest } from '../../src/bundle/manifest';
import { GraphBuilder } from '../../src/onnx/graphBuilder';
import { seededRandom } from '../queries';

/**
 * A predictor bundle that reads the random export's 1024-wide embedding, sized like the
 * imported release (11 LLMs × 15 budgets + unlimited), so the page draws as many curves as
 * it would for the real thing. Its heads are random linear maps: the encoder is what is timed.
 */

export const BENCH_BUNDLE_ID = 'encoder-bench';
const DIM = 1024;
const BUDGETS: Manifest['budgets'] = [...R2_BENCH_BUDGETS];
// The release's pool and prices (USD per 1M input / output tokens).
const POOL: [string, number, number][] = [
  ['Qwen3-235B-A22B-Instruct-2507', 0.071, 0.1],
  ['GLM-4.5-Air', 0.13, 0.85],
  ['Llama-3.1-70B-Instruct', 0.4, 0.4],
  ['Qwen2.5-Math-7B-Instruct', 0.1, 0.1],
  ['Qwen2.5-Math-1.5B-Instruct', 0.04, 0.04],
  ['gemma-3-4b-it', 0.04, 0.08],
  ['Llama-3.2-3B-Instruct', 0.051, 0.34],
  ['Mistral-7B-Instruct-v0.2', 0.11, 0.19],
  ['Qwen3-0.6B', 0.02, 0.02],
  ['gemma-3-1b-it', 0.02, 0.04],
  ['gemma-3-270m-it', 0.01, 0.02],
];

/** `modelId`: the Hub id of the encoder export the bundle asks for. */
export function benchBundle(modelId: string): { manifest: Manifest; onnx: Uint8Array } {
  const llms = POOL.length;
  const width = llms * BUDGETS.length;
  const random = seededRandom(7);
  const weights = (n: number, scale: number) => Float32Array.from({ length: n }, () => (2 * random() - 1) * scale);
  // Quality rises with the budget, so the curves look like curves; the embedding moves them.
  const bias = Float32Array.from(
    { length: width },
    (_, i) => -1.5 + 3 * ((i % BUDGETS.length) / BUDGETS.length) + 0.1 * Math.floor(i / BUDGETS.length),
  );
  const g = new GraphBuilder('encoder_bench_head');
  const e = g.input('embedding', ['batch', DIM]);
  const scores = g.op('Add', [
    g.op('MatMul', [e, g.float('quality_weights', weights(DIM * width, 0.05), [DIM, width])]),
    g.float('quality_bias', bias, [width]),
  ]);
  g.op('Reshape', [g.op('Sigmoid', [scores]), g.int64('quality_shape', [-1, llms, BUDGETS.length])], {}, 'quality');
  g.output('quality', ['batch', llms, BUDGETS.length]);
  const lengths = g.op('Add', [
    g.float('base_tokens', [400], []),
    g.op('MatMul', [e, g.float('token_weights', weights(DIM * llms, 20), [DIM, llms])]),
  ]);
  g.op('Relu', [lengths], {}, 'natural_tokens');
  g.output('natural_tokens', ['batch', llms]);

  const manifest: Manifest = {
    format: 'r2-bundle/1',
    id: BENCH_BUNDLE_ID,
    onnx: 'predictor.onnx',
    encoder: { kind: 'qwen3-embedding', model: modelId, dim: DIM, pooling: 'last-token', normalize: true },
    budgets: BUDGETS,
    pool: POOL.map(([name, input, output]) => ({
      name,
      providerId: `bench/${name}`,
      inputPerMillion: input,
      outputPerMillion: output,
    })),
    io: {
      input: { name: 'embedding', shape: ['batch', DIM] },
      quality: { name: 'quality', shape: ['batch', llms, BUDGETS.length] },
      naturalTokens: { name: 'natural_tokens', shape: ['batch', llms] },
    },
    card: {
      title: 'Encoder bench bundle',
      summary: 'Random linear heads over a Qwen3-0.6B-shaped embedding, for timing the encoder in the page.',
      trainedOn: 'nothing: random weights',
      simulated: true,
      reproduce: 'npm run bench -- --encoder',
      metrics: {},
    },
  };
  return { manifest, onnx: g.toBytes('r2-routing-playground encoder bench') };
}
