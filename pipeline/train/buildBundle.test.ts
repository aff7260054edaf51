import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/bundle/manifest';
import type { Dataset } from '../../src/evaluate/dataset';
import { loadDataset } from '../data/loader';
import { tempDir, writeTinyDataset } from '../testing/tinyData';
import { buildBundle, ONNX_FILE } from './buildBundle';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let data: Dataset;
const build = (out: string, seed: number, extra: Partial<Parameters<typeof buildBundle>[0]> = {}) =>
  buildBundle({
    data,
    out: join(tmp.path, out),
    id: 'tiny',
    train: { seed, maxEpochs: 3 },
    command: `npm run train -- --out ${out}`,
    ...extra,
  });

beforeAll(async () => {
  tmp = await tempDir('r2-build');
  data = await loadDataset(await writeTinyDataset(join(tmp.path, 'data')));
  await build('a', 5);
  await build('b', 5);
  await build('c', 6);
});
afterAll(() => tmp.remove());

describe('train → bundle', () => {
  it('writes byte-identical ONNX for the same seed and data, different for another seed', async () => {
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((d) => readFile(join(tmp.path, d, ONNX_FILE))));
    expect(a!.equals(b!)).toBe(true);
    expect(a!.equals(c!)).toBe(false);
    expect(a!.length).toBeGreaterThan(1_000_000);
  });

  it('writes a valid manifest whose card says how it was made', async () => {
    const m = parseManifest(await readFile(join(tmp.path, 'a', 'manifest.json'), 'utf8'));
    expect(m.id).toBe('tiny');
    expect(m.budgets).toEqual([10, 100, 500, 'unlimited']);
    expect(m.pool.map((p) => p.name)).toEqual(data.pool.models.map((p) => p.name));
    expect(m.io.quality.shape).toEqual(['batch', 3, 4]);
    expect(m.card.simulated).toBe(true);
    expect(m.card.title).toMatch(/SIMULATED/);
    expect(m.card.summary).toMatch(/To train on R2-Bench instead/);
    expect(m.card.reproduce).toBe(
      `npm run simulate -- --out ${join(tmp.path, 'data')} --queries 150 --seed 7 && npm run train -- --out a`,
    );
    expect(m.card.metrics['r2.audc']).toBeTypeOf('number');
  });

  it('writes report.json with held-out metrics and the export check', async () => {
    const r = JSON.parse(await readFile(join(tmp.path, 'a', 'report.json'), 'utf8')) as {
      heldOut: { queries: number };
      singleModels: object;
      training: { exportMaxError: { quality: number }; history: unknown[] };
      heads: { naturalTokensLog1p: { mse: number; baselineMse: number } };
    };
    expect(Object.keys(r.heldOut)).toEqual(['queries', 'r2', 'reactive', 'oracle']);
    expect(r.heldOut.queries).toBeGreaterThan(5);
    expect(Object.keys(r.singleModels)).toHaveLength(3);
    expect(r.training.exportMaxError.quality).toBeLessThan(1e-5);
    expect(r.training.history.length).toBeGreaterThan(0);
    expect(r.heads.naturalTokensLog1p.mse).toBeLessThan(r.heads.naturalTokensLog1p.baselineMse);
    expect(await readFile(join(tmp.path, 'a', 'deferral.svg'), 'utf8')).toMatch(
      /^<svg[\s\S]*R2 router[\s\S]*<\/svg>\n$/,
    );
  });

  it('leaves nothing behind when it fails, and keeps a previous bundle intact', async () => {
    const failing = {
      onEvaluate: () => {
        throw new Error('disk full');
      },
    };
    await expect(build('never', 5, failing)).rejects.toThrow('disk full');
    await expect(build('a', 9, failing)).rejects.toThrow('disk full');
    const left = await readdir(dirname(join(tmp.path, 'a')));
    expect(left.sort()).toEqual(['a', 'b', 'c', 'data']);
    expect((await readFile(join(tmp.path, 'a', 'manifest.json'), 'utf8')).length).toBeGreaterThan(100);
    expect(await readdir(join(tmp.path, 'a'))).toEqual(
      ['deferral.svg', 'manifest.json', ONNX_FILE, 'report.json'].sort(),
    );
  });
});
