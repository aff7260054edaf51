import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RELEASE as RELEASE } from '../importer/__fixtures__/releaseFixtures';
import { isReleaseFolder, readReleaseFolder } from './releaseFolder';

/** The folder as <input webkitdirectory> hands it over: paths start with the folder's name. */
function pick(dir: string, name: string): File[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => statSync(join(dir, rel)).isFile())
    .map((rel) => {
      const file = new File([readFileSync(join(dir, rel))], rel.split('/').pop()!);
      Object.defineProperty(file, 'webkitRelativePath', { value: `${name}/${relative(dir, join(dir, rel))}` });
      return file;
    });
}

describe('a release folder picked in the page', () => {
  it('is told apart from a bundle folder and from a model export', async () => {
    expect(await isReleaseFolder(pick(RELEASE, 'r2-router-release'))).toBe(true);
    expect(await isReleaseFolder(pick('src/encoder/__fixtures__/tiny-qwen3', 'tiny-qwen3'))).toBe(false);
    expect(await isReleaseFolder(pick('src/encoder/__fixtures__/tiny-qwen3-bundle', 'bundle'))).toBe(false);
  });

  it('reads a release’s config.json alone as a release, and names the checkpoints it lacks', async () => {
    const config = pick(RELEASE, 'r2-router-release').filter((f) => f.webkitRelativePath.endsWith('/config.json'));
    expect(config).toHaveLength(1);
    expect(await isReleaseFolder(config)).toBe(true);
    await expect(readReleaseFolder(config)).rejects.toThrow(
      /Alpha-7B: missing checkpoints\/Alpha-7B_ridge_alpha10.0\/limited_score_predictors.joblib/,
    );
  });

  it('becomes a bundle that needs the Qwen3 encoder', async () => {
    const { bundle, warnings } = await readReleaseFolder(pick(RELEASE, 'r2-router-release'));
    expect(warnings).toEqual([]);
    expect(bundle.key).toBe('file:r2-router-release');
    expect(bundle.manifest.encoder).toEqual({
      kind: 'qwen3-embedding',
      model: 'Qwen/Qwen3-0.6B',
      dim: 1024,
      pooling: 'last-token',
      normalize: true,
    });
    expect(bundle.manifest.pool.map((p) => p.name)).toEqual(['Alpha-7B', 'Beta-1B']);
    expect(new Uint8Array(bundle.onnx).byteLength).toBeGreaterThan(1024 * 4);
  });

  it('says what is wrong with a broken release', async () => {
    const files = pick(RELEASE, 'r2-router-release').filter(
      (f) => !f.webkitRelativePath.endsWith('Beta-1B_ridge_alpha10.0/unlimited_token_predictor.joblib'),
    );
    await expect(readReleaseFolder(files)).rejects.toThrow(
      /Beta-1B: missing checkpoints\/Beta-1B_ridge_alpha10.0\/unlimited_token_predictor.joblib/,
    );
  });
});
