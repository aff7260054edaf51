import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../bundle/manifest';
import { checkpointPaths, importRelease, parseReleaseConfig, ReleaseError, type ReleaseFiles } from './importRelease';
import { loadJoblib } from './joblib/loadJoblib';
import { NumpyArray } from './joblib/numpy';
import { PyObject, type PyValue } from './pickle/pyValues';
import {
  fixture,
  FIXTURE_RELEASE,
  FIXTURES,
  HAS_REAL_RELEASE,
  REAL_RELEASE,
  releaseFiles,
} from './__fixtures__/releaseFixtures';

const release: ReleaseFiles = releaseFiles(FIXTURE_RELEASE);

/** A copy of the fixture release with some files replaced (bytes) or removed (null). */
function edited(changes: Record<string, Uint8Array | null>): ReleaseFiles {
  const files = new Map(release);
  for (const [path, data] of Object.entries(changes)) {
    if (data === null) files.delete(path);
    else files.set(path, data);
  }
  return files;
}

async function problemsOf(files: ReleaseFiles): Promise<string[]> {
  const error = await importRelease(files).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReleaseError);
  return (error as ReleaseError).problems;
}

const ALPHA = 'checkpoints/Alpha-7B_ridge_alpha10.0';
const BETA = 'checkpoints/Beta-1B_ridge_alpha10.0';

describe('the fixture release made by make_fixtures.py', () => {
  it('holds exactly the Ridge heads the generator wrote (coef_ formula, float32 intercept_)', async () => {
    const { heads } = JSON.parse(readFileSync(join(FIXTURES, 'release-heads.json'), 'utf8')) as {
      heads: Record<string, Record<string, { a: number; b: number; scale: number; intercept: number }>>;
    };
    for (const [model, byHead] of Object.entries(heads)) {
      const folder = join(FIXTURE_RELEASE, 'checkpoints', `${model}_ridge_alpha10.0`);
      const read = async (file: string) => loadJoblib(new Uint8Array(readFileSync(join(folder, file))), file);
      const limited = (await read('limited_score_predictors.joblib')) as Map<string, PyValue>;
      const ridges: Record<string, PyValue | undefined> = {
        ...Object.fromEntries(limited),
        unlimited_score: await read('unlimited_score_predictor.joblib'),
        unlimited_token: await read('unlimited_token_predictor.joblib'),
      };
      for (const [key, p] of Object.entries(byHead)) {
        const ridge = ridges[key] as PyObject;
        const coef = Array.from({ length: 1024 }, (_, i) => (((i * p.a + p.b) % 257) - 128) / p.scale);
        expect([...(ridge.attr('coef_') as NumpyArray).data], `${model} ${key}`).toEqual(coef);
        expect(ridge.attr('intercept_'), `${model} ${key}`).toBe(p.intercept);
      }
    }
  });
});

describe('importRelease', () => {
  it('turns the release into a valid bundle manifest with the pool, prices and budgets of config.json', async () => {
    const { manifest, onnxBytes, warnings } = await importRelease(release, {
      reproduce: 'npm run import:r2router -- --release r --out b',
    });
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
    expect(warnings).toEqual([]);
    expect(onnxBytes.length).toBeGreaterThan(2 * 4 * 1024 * 4);
    expect(manifest.id).toBe('r2-router-release');
    expect(manifest.encoder).toEqual({
      kind: 'qwen3-embedding',
      model: 'Qwen/Qwen3-0.6B',
      dim: 1024,
      pooling: 'last-token',
      normalize: true,
    });
    expect(manifest.budgets).toEqual([10, 100, 'unlimited']);
    expect(manifest.pool).toEqual([
      { name: 'Alpha-7B', providerId: 'lab/alpha-7b', inputPerMillion: 0.2, outputPerMillion: 0.6, available: true },
      {
        name: 'Beta-1B',
        providerId: 'lab/beta-1b',
        inputPerMillion: 0.02,
        outputPerMillion: 0.05,
        available: false,
        note: 'Not on OpenRouter; price estimated.',
      },
    ]);
    expect(manifest.io.quality.shape).toEqual(['batch', 2, 3]);
    expect(manifest.card).toMatchObject({
      simulated: false,
      license: 'MIT',
      reproduce: 'npm run import:r2router -- --release r --out b',
    });
    expect(manifest.card.summary).toMatch(/Beta-1B is not served by OpenRouter/);
  });

  it('says in its card what is the authors’, what the page approximates, what is unverified, and how to check it', async () => {
    const { fidelity } = (await importRelease(release)).manifest.card;
    expect(fidelity?.real).toMatch(/authors' Ridge heads for these 2 LLMs, trained on R2-Bench/);
    expect(fidelity?.approximate).toMatch(/vLLM serving Qwen\/Qwen3-0\.6B.*onnxruntime, at the precision picked/);
    expect(fidelity?.unverified).toMatch(/not been measured/);
    expect(fidelity?.check).toMatch(/^npm run -s embed -- .*--compare vllm\.json$/);
  });

  it('lists the checkpoint files config.json names: three per LLM, in config order', () => {
    const config = parseReleaseConfig(release.get('config.json') as Uint8Array, 'config.json');
    const onDisk = [...release.keys()].filter((p) => p.startsWith('checkpoints/'));
    expect(checkpointPaths(config)).toEqual([
      `${ALPHA}/limited_score_predictors.joblib`,
      `${ALPHA}/unlimited_score_predictor.joblib`,
      `${ALPHA}/unlimited_token_predictor.joblib`,
      `${BETA}/limited_score_predictors.joblib`,
      `${BETA}/unlimited_score_predictor.joblib`,
      `${BETA}/unlimited_token_predictor.joblib`,
    ]);
    expect([...checkpointPaths(config)].sort()).toEqual(onDisk.sort());
  });

  it('accepts a dropped folder: every path under one enclosing directory, any slash style', async () => {
    const dropped = new Map([...release].map(([path, data]) => [`r2_router\\${path.replaceAll('/', '\\')}`, data]));
    expect((await importRelease(dropped)).manifest.pool.map((p) => p.name)).toEqual(['Alpha-7B', 'Beta-1B']);
  });

  it('names the model and file of a missing checkpoint', async () => {
    expect(await problemsOf(edited({ [`${BETA}/unlimited_token_predictor.joblib`]: null }))).toEqual([
      `Beta-1B: missing ${BETA}/unlimited_token_predictor.joblib`,
    ]);
  });

  it('names the model and file of a head with the wrong dimension', async () => {
    expect(
      await problemsOf(edited({ [`${ALPHA}/unlimited_score_predictor.joblib`]: fixture('short-coef.joblib') })),
    ).toEqual([
      `Alpha-7B: ${ALPHA}/unlimited_score_predictor.joblib coef_ has shape (1000), expected (1024) to match the 1024-d embedding`,
    ]);
  });

  it('lists every problem at once, in config order', async () => {
    const problems = await problemsOf(
      edited({
        [`${BETA}/limited_score_predictors.joblib`]: fixture('short-coef.joblib'),
        [`${ALPHA}/unlimited_token_predictor.joblib`]: fixture('arrays.joblib'),
        [`${ALPHA}/unlimited_score_predictor.joblib`]: fixture('short-coef.joblib').subarray(0, 600),
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^Alpha-7B: ${ALPHA}/unlimited_score_predictor.joblib: array byte-length mismatch`),
      ),
      `Alpha-7B: ${ALPHA}/unlimited_token_predictor.joblib is a dict, expected a scikit-learn Ridge`,
      `Beta-1B: ${BETA}/limited_score_predictors.joblib holds a sklearn.linear_model._ridge.Ridge object, expected a dict of Ridge models by "<budget>_score"`,
    ]);
  });

  it('requires a head for every token limit in config.json', async () => {
    const config = JSON.parse(new TextDecoder().decode(release.get('config.json'))) as {
      token_limits: unknown[];
    };
    config.token_limits = [10, 50, 100, 'unlimited'];
    const problems = await problemsOf(edited({ 'config.json': new TextEncoder().encode(JSON.stringify(config)) }));
    expect(problems).toEqual([
      `Alpha-7B: ${ALPHA}/limited_score_predictors.joblib has no "50_score" head for token limit 50`,
      `Beta-1B: ${BETA}/limited_score_predictors.joblib has no "50_score" head for token limit 50`,
    ]);
  });

  it('explains a missing or broken config.json', async () => {
    await expect(importRelease(edited({ 'config.json': null }))).rejects.toThrow(
      'no config.json at the top of the release folder',
    );
    await expect(importRelease(edited({ 'config.json': new TextEncoder().encode('{') }))).rejects.toThrow(
      /^config\.json is not valid JSON/,
    );
    await expect(importRelease(edited({ 'config.json': new TextEncoder().encode('{"models": {}}') }))).rejects.toThrow(
      /config\.json is not an R2-Router release config\n.*embedding_model/,
    );
  });

  it.skipIf(!HAS_REAL_RELEASE)('imports the authors’ release: 11 LLMs, 16 budgets, 5 not on OpenRouter', async () => {
    const { manifest, warnings } = await importRelease(releaseFiles(REAL_RELEASE));
    expect(warnings).toEqual([]);
    expect(manifest.pool).toHaveLength(11);
    expect(manifest.budgets).toEqual([
      10,
      20,
      30,
      40,
      50,
      80,
      100,
      150,
      200,
      300,
      500,
      800,
      1200,
      2000,
      4000,
      'unlimited',
    ]);
    expect(manifest.pool.filter((p) => p.available === false).map((p) => p.name)).toEqual([
      'Qwen2.5-Math-7B-Instruct',
      'Qwen2.5-Math-1.5B-Instruct',
      'Qwen3-0.6B',
      'gemma-3-1b-it',
      'gemma-3-270m-it',
    ]);
  });
});
