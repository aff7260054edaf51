import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../bundle/manifest';
import { importRelease } from './importRelease';
import { releaseDecision } from '../router/search';
import { buildCurves, type Prediction } from '../router/curves';
import { decodeOutputs } from '../worker/decode';
import { FIXTURE_RELEASE, HAS_REAL_RELEASE, REAL_RELEASE, releaseFiles } from './__fixtures__/releaseFixtures';
import {
  referenceDecision,
  referenceModels,
  referencePredict,
  unitEmbeddings,
  type ReferenceModel,
} from './__fixtures__/referenceRouter';

const LAMBDAS = [0, 0.3, 0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999, 1];
const INPUT_TOKENS = [10, 2000];

describe.each([
  { label: 'the fixture release', dir: FIXTURE_RELEASE, present: true },
  { label: 'the authors’ release (../shared/r2-router-release)', dir: REAL_RELEASE, present: HAS_REAL_RELEASE },
])('the bundle imported from $label', ({ dir, present }) => {
  let manifest: Manifest;
  let onnxBytes: Uint8Array;
  let node: ortNode.InferenceSession.ReturnType;
  let models: ReferenceModel[];
  let predictions: Prediction[];
  let references: Array<ReturnType<typeof referencePredict>[]>;
  let inputs: Float32Array;
  const embeddings = unitEmbeddings(48, 1024);

  beforeAll(async () => {
    if (!present) return;
    ({ manifest, onnxBytes } = await importRelease(releaseFiles(dir)));
    const session = await ortNode.InferenceSession.create(onnxBytes);
    models = await referenceModels(dir);
    inputs = new Float32Array(embeddings.length * 1024);
    embeddings.forEach((e, q) => inputs.set(e, q * 1024));
    node = await session.run({ embedding: new ortNode.Tensor('float32', inputs, [embeddings.length, 1024]) });
    predictions = decodeOutputs(
      manifest,
      node.quality!.data as Float32Array,
      node.natural_tokens!.data as Float32Array,
      embeddings.length,
    );
    references = embeddings.map((e) => models.map((m) => referencePredict(m, e)));
  });

  it.skipIf(!present)(
    'predicts every quality within 1e-5 of clip(e·coef_ + intercept_, 0, 1) computed from the pickles',
    () => {
      let worst = 0;
      references.forEach((byModel, q) =>
        byModel.forEach((ref, l) =>
          ref.quality.forEach((r, k) => (worst = Math.max(worst, Math.abs(predictions[q]!.quality[l]![k]! - r)))),
        ),
      );
      expect(worst).toBeLessThan(1e-5);
    },
  );

  it.skipIf(!present)('predicts every unlimited length within 1e-5 (relative) of max(0, e·coef_ + intercept_)', () => {
    let worst = 0;
    references.forEach((byModel, q) =>
      byModel.forEach(
        ({ tokens }, l) =>
          (worst = Math.max(worst, Math.abs(predictions[q]!.naturalTokens[l]! - tokens) / Math.max(1, tokens))),
      ),
    );
    expect(worst).toBeLessThan(1e-5);
  });

  it.skipIf(!present)('decides exactly as the release’s argmax, for λ from 0 to 1 and short and long inputs', () => {
    const mismatches: string[] = [];
    for (const lambda of LAMBDAS) {
      for (const inputTokens of INPUT_TOKENS) {
        predictions.forEach((p, q) => {
          const ours = releaseDecision(
            buildCurves(manifest, p, manifest.pool, () => true),
            lambda,
            inputTokens,
          );
          const ref = referenceDecision(models, references[q]!, lambda, inputTokens);
          if (ours?.model !== ref.model || ours.budget !== ref.budget)
            mismatches.push(
              `λ=${lambda} n=${inputTokens} q=${q}: ${ours?.model}@${ours?.budget} vs ${ref.model}@${ref.budget}`,
            );
        });
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.skipIf(!present)('gives the same outputs in onnxruntime-web (WASM), as in the browser', async () => {
    ortWeb.env.wasm.numThreads = 1;
    const session = await ortWeb.InferenceSession.create(onnxBytes);
    const web = await session.run({ embedding: new ortWeb.Tensor('float32', inputs, [embeddings.length, 1024]) });
    for (const name of ['quality', 'natural_tokens']) {
      const a = web[name]!.data as Float32Array;
      const b = node[name]!.data as Float32Array;
      expect(a.length).toBe(b.length);
      expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.max(1, Math.abs(b[i]!))))).toBeLessThan(1e-6);
    }
  });
});

describe('the fixture release', () => {
  it('exercises both guards of the graph: qualities clipped to 0 and 1, lengths floored at 0', async () => {
    const models = await referenceModels(FIXTURE_RELEASE);
    const refs = unitEmbeddings(48, 1024).flatMap((e) => models.map((m) => referencePredict(m, e)));
    expect(refs.flatMap((r) => r.quality)).toEqual(expect.arrayContaining([0, 1]));
    expect(refs.map((r) => r.tokens)).toContain(0);
  });
});
