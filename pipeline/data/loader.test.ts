import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { csvRow } from '../simulate/csv';
import { tempDir, writeTinyDataset } from '../testing/tinyData';
import { DatasetError } from '../../src/evaluate/errors';
import { loadDataset } from './loader';
import { parsePoolFile } from '../../src/evaluate/poolFile';

const LLAMA = join('meta-llama', 'Llama-3.1-70B-Instruct');
const GEMMA = join('google', 'gemma-3-1b-it');

let tmp: Awaited<ReturnType<typeof tempDir>>;
let clean: string;
let n = 0;

/** A fresh copy of the clean tiny dataset, to break in one way. */
async function copy(): Promise<string> {
  const dir = join(tmp.path, `case-${n++}`);
  await cp(clean, dir, { recursive: true });
  return dir;
}

async function edit(path: string, change: (text: string) => string): Promise<void> {
  await writeFile(path, change(await readFile(path, 'utf8')));
}

async function problems(dir: string): Promise<string> {
  const e = await loadDataset(dir).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DatasetError);
  return (e as DatasetError).message;
}

/** Line number (1-based) of the first line containing `needle`. */
async function lineOf(path: string, needle: string): Promise<number> {
  return (await readFile(path, 'utf8')).split('\n').findIndex((l) => l.includes(needle)) + 1;
}

beforeAll(async () => {
  tmp = await tempDir('r2-loader');
  clean = await writeTinyDataset(join(tmp.path, 'clean'));
});
afterAll(() => tmp.remove());

describe('loader', () => {
  it('joins rows by key, not by row order', async () => {
    const dir = await copy();
    for (const file of [join(LLAMA, '10_judge.csv'), join(GEMMA, 'unlimited_judge.csv')]) {
      const path = join(dir, file);
      const [header, ...rows] = parse(await readFile(path, 'utf8'));
      new Rng(5, file).shuffle(rows);
      await writeFile(path, [header!, ...rows].map(csvRow).join(''));
    }
    const a = await loadDataset(clean);
    const b = await loadDataset(dir);
    expect(b.keys).toEqual(a.keys);
    expect(b.scores).toEqual(a.scores);
    expect(b.tokens).toEqual(a.tokens);
    // and the shuffle did move rows
    expect(await lineOf(join(dir, LLAMA, '10_judge.csv'), a.keys[0]!)).not.toBe(2);
  });

  it('accepts default_judge.csv as the unlimited run', async () => {
    const dir = await copy();
    await rename(join(dir, GEMMA, 'unlimited_judge.csv'), join(dir, GEMMA, 'default_judge.csv'));
    expect((await loadDataset(dir)).scores).toEqual((await loadDataset(clean)).scores);
  });

  it('names the file and line of an unparsable row', async () => {
    const dir = await copy();
    const path = join(dir, LLAMA, '100_judge.csv');
    const key = 'gsm-000003';
    await edit(path, (t) => t.replace(`\n${key},`, `\n"${key},`));
    const line = await lineOf(path, key);
    expect(line).toBeGreaterThan(1);
    expect(await problems(dir)).toContain(`${path}:${line}: unparsable row`);
  });

  it('names every missing budget file', async () => {
    const dir = await copy();
    await rm(join(dir, LLAMA, '500_judge.csv'));
    await rm(join(dir, GEMMA, 'unlimited_judge.csv'));
    const message = await problems(dir);
    expect(message).toContain(`${join(dir, LLAMA, '500_judge.csv')}: missing (budget 500 of Llama-3.1-70B-Instruct`);
    expect(message).toContain(`${join(dir, GEMMA, 'unlimited_judge.csv')}: missing`);
  });

  it('rejects a score outside 0..1 with file and line', async () => {
    const dir = await copy();
    const path = join(dir, GEMMA, '10_judge.csv');
    const [header, ...rows] = parse(await readFile(path, 'utf8'));
    rows[7]![8] = '1.5';
    await writeFile(path, [header!, ...rows].map(csvRow).join(''));
    const line = await lineOf(path, `${rows[7]![0]},`);
    expect(await problems(dir)).toContain(`${path}:${line}: correctness_score 1.5 is outside 0..1`);
  });

  it('reports duplicated keys with both lines, and missing keys with where they were seen', async () => {
    const dir = await copy();
    const path = join(dir, LLAMA, '10_judge.csv');
    const [header, ...rows] = parse(await readFile(path, 'utf8'));
    const duplicated = rows[3]![0]!;
    const lost = rows[9]![0]!;
    rows[9]![0] = duplicated;
    await writeFile(path, [header!, ...rows].map(csvRow).join(''));
    const first = await lineOf(path, `${duplicated},`);
    const message = await problems(dir);
    expect(message).toMatch(new RegExp(`${path}:\\d+: duplicate key "${duplicated}" \\(first at line ${first}\\)`));
    expect(message).toContain(`${path}: 1 of 150 keys missing, e.g. "${lost}" (`);
  });

  it('drops incomplete queries only when asked to', async () => {
    const dir = await copy();
    const path = join(dir, GEMMA, '100_judge.csv');
    const [header, ...rows] = parse(await readFile(path, 'utf8'));
    const lost = rows.splice(20, 2).map((r) => r[0]!);
    await writeFile(path, [header!, ...rows].map(csvRow).join(''));
    expect(await problems(dir)).toContain('2 of 150 keys missing');
    const d = await loadDataset(dir, { allowMissing: true });
    expect(d.dropped).toBe(2);
    expect(d.keys).toHaveLength(148);
    expect(d.keys).not.toContain(lost[0]);
  });

  it('rejects keys the first file does not have, and missing columns', async () => {
    const dir = await copy();
    const path = join(dir, LLAMA, '500_judge.csv');
    await edit(path, (t) => `${t}stray-key,1,q,q,a,r,j,12,1\n`);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').length;
    expect(await problems(dir)).toContain(`${path}:${lines}: key "stray-key" is not in `);

    const other = await copy();
    const broken = join(other, GEMMA, '500_judge.csv');
    await edit(broken, (t) => t.replace('actual_token_count,', 'tokens,'));
    expect(await problems(other)).toContain(`${broken}:1: missing column(s) actual_token_count`);
  });

  it('stops after a bounded number of problems, listing them', async () => {
    const dir = await copy();
    const path = join(dir, GEMMA, '10_judge.csv');
    const [header, ...rows] = parse(await readFile(path, 'utf8'));
    for (const r of rows) r[8] = '7';
    await writeFile(path, [header!, ...rows].map(csvRow).join(''));
    const e = (await loadDataset(dir, { maxProblems: 3 }).catch((err: unknown) => err)) as DatasetError;
    expect(e).toBeInstanceOf(DatasetError);
    expect(e.message).toMatch(/^stopped after 3 problems/);
    expect(e.problems).toHaveLength(3);
    // the third row's line: rows span several lines when prompts do
    expect(e.problems[2]).toBe(`${path}:${await lineOf(path, `${rows[2]![0]},`)}: correctness_score 7 is outside 0..1`);
  });

  it('reads a file with a byte-order mark and Windows line ends', async () => {
    const dir = await copy();
    await edit(join(dir, LLAMA, '10_judge.csv'), (t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`);
    expect((await loadDataset(dir)).scores).toEqual((await loadDataset(clean)).scores);
  });
});

describe('pool.json', () => {
  const valid = {
    budgets: [100, 10, 'unlimited'],
    models: [{ name: 'A', path: 'org/a', providerId: 'org/a', inputPerMillion: 0.1, outputPerMillion: 0.2 }],
  };

  it('sorts budgets and defaults the provider id to the path', () => {
    const { providerId, ...noId } = valid.models[0]!;
    const pool = parsePoolFile(JSON.stringify({ ...valid, models: [noId] }), 'pool.json');
    expect(providerId).toBe('org/a');
    expect(pool.budgets).toEqual([10, 100, 'unlimited']);
    expect(pool.models[0]!.providerId).toBe('org/a');
  });

  it('names the line of an entry without prices', () => {
    const { outputPerMillion, ...noPrice } = valid.models[0]!;
    expect(outputPerMillion).toBe(0.2);
    const text = JSON.stringify({ ...valid, models: [valid.models[0], noPrice] }, null, 2);
    const lines = text.split('\n');
    const firstEntryEnd = lines.findIndex((l) => l.includes('"outputPerMillion"'));
    const secondEntry = lines.findIndex((l, i) => i > firstEntryEnd && l.trim() === '{') + 1;
    expect(() => parsePoolFile(text, 'data/pool.json')).toThrow(
      `data/pool.json:${secondEntry}: models.1.outputPerMillion: needs outputPerMillion`,
    );
  });

  it('requires exactly one unlimited budget and says where JSON breaks', () => {
    expect(() => parsePoolFile(JSON.stringify({ ...valid, budgets: [10, 20] }), 'pool.json')).toThrow(
      'must list "unlimited"',
    );
    expect(() => parsePoolFile('{\n  "budgets": [10,\n  ]\n}', 'pool.json')).toThrow(/pool\.json:3: not valid JSON/);
  });

  it('the loader reports a pool without prices before reading any CSV', async () => {
    const dir = await copy();
    await edit(join(dir, 'pool.json'), (t) => t.replace('"inputPerMillion": 0.4,', ''));
    expect(await problems(dir)).toMatch(/pool\.json:\d+: models\.1\.inputPerMillion: needs inputPerMillion/);
  });
});
