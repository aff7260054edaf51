import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/bundle/manifest';
import { importRelease } from '../../src/importer/importRelease';
import { readEmbeddings } from './embeddingsFile';
import { readReleaseFolder } from './readReleaseFolder';
import { FIXTURE_RELEASE } from '../../src/importer/__fixtures__/releaseFixtures';
import { unitEmbeddings } from '../../src/importer/__fixtures__/referenceRouter';

let temp: string;
let manifest: Manifest;
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'r2-embeddings-test-'));
  manifest = (await importRelease(await readReleaseFolder(FIXTURE_RELEASE))).manifest;
});
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function read(content: string) {
  const path = join(temp, 'e.json');
  await writeFile(path, content);
  return readEmbeddings(path, manifest);
}

describe('readEmbeddings', () => {
  it('lays the rows out one after another', async () => {
    const rows = unitEmbeddings(2, 1024);
    const { rows: flat, count, warnings } = await read(JSON.stringify(rows.map((r) => [...r])));
    expect(count).toBe(2);
    expect(flat.subarray(1024)).toEqual(rows[1]);
    expect(warnings).toEqual([]);
  });

  it('names every row of the wrong width or with non-numbers', async () => {
    const good = [...unitEmbeddings(1, 1024)[0]!];
    await expect(read(JSON.stringify([good, [0.1, 0.2, 0.3], [...good.slice(1), 'x']]))).rejects.toThrow(
      /does not fit bundle r2-router-release\n {2}• embedding 1 has 3 values; the bundle expects 1024\n {2}• embedding 2 holds something other than finite numbers/,
    );
  });

  it('explains a file that is not a JSON array', async () => {
    await expect(read('{')).rejects.toThrow(/e\.json is not valid JSON/);
    await expect(read('{"embeddings": []}')).rejects.toThrow(
      /must hold an array of embeddings \(arrays of 1024 numbers\)/,
    );
  });

  it('warns when embeddings are not unit length, as the Qwen3 bundle expects', async () => {
    const { warnings } = await read(JSON.stringify([Array.from({ length: 1024 }, () => 1)]));
    expect(warnings).toEqual([
      '1 of 1 embeddings are not unit length (#0 has norm 32.00); the bundle expects L2-normalised Qwen/Qwen3-0.6B embeddings',
    ]);
  });
});
