import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNLIMITED, type Budget } from '../../bundle/manifest';
import { loadJoblib } from '../joblib/loadJoblib';
import { NumpyArray } from '../joblib/numpy';
import { PyObject, type PyValue } from '../pickle/pyValues';

/**
 * The release's router written out independently of the importer, for its tests: test
 * embeddings, the Ridge heads read straight from the pickles, and the release's arithmetic.
 */

/** Deterministic unit-norm vectors (a sine hash, not a statistical generator: tests only need spread). */
export function unitEmbeddings(count: number, dim: number, seed = 1): Float32Array[] {
  return Array.from({ length: count }, (_, q) => {
    const v = Float64Array.from({ length: dim }, (_, i) => {
      const s = Math.sin((q + 1) * 12.9898 + (i + 1) * 78.233 + seed * 37.719) * 43758.5453;
      return s - Math.floor(s) - 0.5;
    });
    const norm = Math.hypot(...v);
    return Float32Array.from(v, (x) => x / norm);
  });
}

interface Linear {
  coef: Float64Array;
  intercept: number;
}

export interface ReferenceModel {
  name: string;
  inputPerMillion: number;
  outputPerMillion: number;
  /** Quality heads in the order the release tries them: the dict's budgets, then "unlimited". */
  quality: Array<{ budget: Budget; head: Linear }>;
  tokens: Linear;
}

/** coef_ and intercept_ straight from an unpickled Ridge, with no validation of our own. */
function linear(value: PyValue | undefined): Linear {
  const ridge = value as PyObject;
  return { coef: (ridge.attr('coef_') as NumpyArray).data, intercept: ridge.attr('intercept_') as number };
}

/** Reads a release folder's pickles as the release's own router would load them. */
export async function referenceModels(dir: string): Promise<ReferenceModel[]> {
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
    models: Record<
      string,
      { checkpoint_dir: string; input_price_per_million: number; output_price_per_million: number }
    >;
  };
  const load = (folder: string, file: string) =>
    loadJoblib(new Uint8Array(readFileSync(join(dir, 'checkpoints', folder, file))), file);
  return Promise.all(
    Object.entries(config.models).map(async ([name, m]) => {
      const limited = (await load(m.checkpoint_dir, 'limited_score_predictors.joblib')) as Map<string, PyValue>;
      return {
        name,
        inputPerMillion: m.input_price_per_million,
        outputPerMillion: m.output_price_per_million,
        quality: [
          ...[...limited].map(([key, ridge]) => ({ budget: Number(key.replace('_score', '')), head: linear(ridge) })),
          { budget: UNLIMITED, head: linear(await load(m.checkpoint_dir, 'unlimited_score_predictor.joblib')) },
        ],
        tokens: linear(await load(m.checkpoint_dir, 'unlimited_token_predictor.joblib')),
      };
    }),
  );
}

function predict(head: Linear, e: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < e.length; i++) sum += e[i]! * head.coef[i]!;
  return sum + head.intercept;
}

/** Float64 predictions as the release makes them: clip(e·coef + b, 0, 1) and max(0, e·coef + b). */
export function referencePredict(model: ReferenceModel, e: Float32Array): { quality: number[]; tokens: number } {
  return {
    quality: model.quality.map((q) => Math.min(1, Math.max(0, predict(q.head, e)))),
    tokens: Math.max(0, predict(model.tokens, e)),
  };
}

/**
 * The release's argmax, written out independently: risk rounded to 8 decimals, the first
 * maximum kept. (toFixed differs from Python's round only on exact halves, odd multiples of
 * 1/512, which these risks do not hit.)
 */
export function referenceDecision(
  models: ReferenceModel[],
  predictions: Array<{ quality: number[]; tokens: number }>,
  lambda: number,
  inputTokens: number,
): { model: string; budget: Budget } {
  let best = { model: '', budget: UNLIMITED as Budget, risk: -Infinity };
  for (const [l, m] of models.entries()) {
    const { quality, tokens } = predictions[l]!;
    for (const [k, { budget }] of m.quality.entries()) {
      const output = budget === UNLIMITED ? tokens : budget;
      const cost = (inputTokens * m.inputPerMillion) / 1e6 + (output * m.outputPerMillion) / 1e6;
      const risk = Number(((1 - lambda) * quality[k]! - lambda * cost).toFixed(8));
      if (risk > best.risk) best = { model: m.name, budget, risk };
    }
  }
  return { model: best.model, budget: best.budget };
}
