import type { Manifest } from '../bundle/manifest';
import type { ReleaseConfig } from './releaseConfig';
import { RELEASE_IO } from './releaseGraph';

const RELEASE_BUNDLE_ID = 'r2-router-release';
export const DEFAULT_REPRODUCE = 'npm run import:r2router -- --release <release folder> --out <bundle folder>';

function list(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}

/** The manifest of an imported release (not yet validated: importRelease parses it with the schema). */
export function releaseManifest(config: ReleaseConfig, reproduce: string): Manifest {
  const entries = Object.entries(config.models);
  const unavailable = entries.filter(([, m]) => m.available === false).map(([name]) => name);
  const numeric = config.token_limits.filter((b) => b !== 'unlimited');
  const summary = [
    "The checkpoints the R2-Router authors released, imported unchanged: for each LLM one Ridge regression (alpha 10) per output budget predicting the judge's quality score from the query embedding, plus Ridge regressions for the quality and the length of an answer given no budget.",
    `Embeddings must be ${config.embedding_model}'s last-token hidden state, L2-normalised (${config.embedding_dim} floats), as vLLM's embedding runner returns it.`,
    unavailable.length
      ? `${list(unavailable)} ${unavailable.length > 1 ? 'are' : 'is'} not served by OpenRouter (available: false in the release; the authors estimated ${unavailable.length > 1 ? 'their prices' : 'its price'}).`
      : '',
    config.default_lambda === undefined ? '' : `The release's default λ is ${config.default_lambda}.`,
  ];
  return {
    format: 'r2-bundle/1',
    id: RELEASE_BUNDLE_ID,
    onnx: `${RELEASE_BUNDLE_ID}.onnx`,
    encoder: {
      kind: 'qwen3-embedding',
      model: config.embedding_model,
      dim: config.embedding_dim,
      pooling: 'last-token',
      normalize: true,
    },
    budgets: config.token_limits,
    pool: entries.map(([name, m]) => ({
      name,
      providerId: m.openrouter_id,
      inputPerMillion: m.input_price_per_million,
      outputPerMillion: m.output_price_per_million,
      ...(m.available === undefined ? {} : { available: m.available }),
      ...(m.note === undefined ? {} : { note: m.note }),
    })),
    decisionRules: 'release',
    io: {
      input: { name: RELEASE_IO.input, shape: ['batch', config.embedding_dim] },
      quality: { name: RELEASE_IO.quality, shape: ['batch', entries.length, config.token_limits.length] },
      naturalTokens: { name: RELEASE_IO.naturalTokens, shape: ['batch', entries.length] },
    },
    card: {
      title: "R2-Router: the authors' released Ridge router",
      summary: summary.filter(Boolean).join(' '),
      trainedOn: `R2-Bench, by the paper's authors: real responses of these ${entries.length} LLMs at budgets ${numeric.join(', ')} and with no budget, each scored 0–1 by an LLM judge (Qwen3-80B-Instruct)`,
      simulated: false,
      reproduce,
      license: 'MIT',
      metrics: {
        'paper: OOD AUDC (MMLU-Pro non-STEM)': 0.71,
        'paper: OOD QNC (MMLU-Pro non-STEM)': 0.26,
        'paper: OOD peak quality (MMLU-Pro non-STEM)': 0.83,
        'metrics source': 'reported in the R2-Router paper for its router; not re-measured for these Ridge checkpoints',
      },
      fidelity: {
        real: `The predictions from an embedding: the authors' Ridge heads for these ${entries.length} LLMs, trained on R2-Bench, imported unchanged (they match the pickles' arithmetic to float32 rounding), with the release's pool and prices.`,
        approximate: `The embedding. The release asks vLLM serving ${config.embedding_model} (in the checkpoint's own precision, bfloat16 by default); this page runs an ONNX export of the same model with onnxruntime, at the precision picked in the encoder panel. fp32 is the closest; fp16, q8 and q4 drift further.`,
        unverified: `How close this page's embeddings are to vLLM's. It has not been measured (that needs the weights and a vLLM server), so the path from query text to decision is unchecked; from embedding to decision it is exact. The command below measures it, given vLLM's embeddings of the same texts in vllm.json (src/encoder/README.md shows how to make them).`,
        check: `npm run -s embed -- --model <export folder or Hub id> --texts texts.json --precision fp32 --compare vllm.json`,
      },
    },
  };
}
