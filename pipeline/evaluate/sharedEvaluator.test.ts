import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateHeldOut } from '../../src/evaluate/evaluate';
import { loadDataset } from '../../src/evaluate/loader';
import { pickedDataFolder } from '../../src/workload/pickedDataFolder';
import { openBundle } from '../bundle/nodeBundle';
import { tempDir, writeTinyDataset } from '../testing/tinyData';
import { predictHeldOut } from './evaluateBundle';

/** The folder as the page gets it from <input webkitdirectory>: File objects named by their path under it. */
async function pickFolder(dir: string): Promise<File[]> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  return Promise.all(
    names.map(async (e) => {
      const path = join(e.parentPath, e.name);
      const file = new File([await readFile(path)], e.name);
      Object.defineProperty(file, 'webkitRelativePath', { value: `picked/${relative(dir, path)}` });
      return file;
    }),
  );
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
let dir: string;
beforeAll(async () => {
  tmp = await tempDir('r2-shared-evaluator');
  dir = await writeTinyDataset(join(tmp.path, 'tiny'), 200);
});
afterAll(() => tmp.remove());

describe('one evaluator for the command and the page', () => {
  it('gives the report npm run evaluate prints for a folder picked in the page', async () => {
    const cli = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'pipeline/cli/evaluate.ts', '--bundle', 'models/default', '--data', dir],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const printed: unknown = JSON.parse(cli.stdout);

    const bundle = await openBundle('models/default');
    const data = await loadDataset(pickedDataFolder(await pickFolder(dir)));
    expect(data.root).toBe('picked');
    const page = await evaluateHeldOut(bundle.manifest, data, (prompts) => predictHeldOut(bundle, prompts));
    expect(JSON.parse(JSON.stringify(page))).toEqual(printed);
    expect(page.heldOut.queries).toBeGreaterThan(5);
  });
});
