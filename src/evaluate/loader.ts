import { readCsv } from './csvRecords';
import { UNLIMITED, type Budget } from '../bundle/manifest';
import type { Dataset } from './dataset';
import { at, DatasetError } from './errors';
import { parsePoolFile, type Pool } from './poolFile';

/**
 * Streams an R2-Bench-format folder: `pool.json` plus `<path>/<budget>_judge.csv` per
 * (LLM, budget), `unlimited_judge.csv` or `default_judge.csv` for the no-instruction run.
 * Rows are joined across files by `key`, never by position. Every problem is collected
 * (up to a limit) with its file and line, so one run shows what to fix. The folder comes
 * from the disk (`npm run evaluate`, pipeline/data/loader.ts) or from files a person picked
 * in the page: the same code reads both, with the same CSV reader.
 */

/** Where the files come from; paths are relative to the folder, '/'-separated. */
export interface DataFolder {
  /** The folder's name in messages. */
  root: string;
  /** How a file is named in messages. */
  where: (path: string) => string;
  exists: (path: string) => Promise<boolean>;
  /** The whole file, or null when it is missing. */
  readText: (path: string) => Promise<string | null>;
  /** The file's text in pieces, so a large file is never held whole. */
  chunks: (path: string) => AsyncIterable<string>;
}

export const REQUIRED_COLUMNS = ['key', 'original_prompt', 'actual_token_count', 'correctness_score'] as const;

export interface LoadOptions {
  /** Drop queries some file lacks instead of failing (they are counted in `dropped`). */
  allowMissing?: boolean;
  maxProblems?: number;
  onFile?: (done: number, total: number) => void;
}

interface BudgetFile {
  model: number;
  budget: number;
  path: string;
}

function budgetFileNames(budget: Budget): string[] {
  return budget === UNLIMITED ? ['unlimited_judge.csv', 'default_judge.csv'] : [`${budget}_judge.csv`];
}

async function locateFiles(folder: DataFolder, pool: Pool): Promise<BudgetFile[]> {
  const files: BudgetFile[] = [];
  const problems: string[] = [];
  for (const [m, model] of pool.models.entries()) {
    for (const [b, budget] of pool.budgets.entries()) {
      const candidates = budgetFileNames(budget).map((name) => `${model.path}/${name}`);
      const present: string[] = [];
      for (const c of candidates) if (await folder.exists(c)) present.push(c);
      if (present.length === 0)
        problems.push(
          `${folder.where(candidates[0]!)}: missing (budget ${budget} of ${model.name}, listed in ${folder.where('pool.json')})`,
        );
      else if (present.length > 1)
        problems.push(`${present.map(folder.where).join(' and ')}: both present for ${model.name}; keep one`);
      else files.push({ model: m, budget: b, path: present[0]! });
    }
  }
  if (problems.length) throw new DatasetError(`${folder.root}: budget files are missing or ambiguous`, problems);
  return files;
}

class Problems {
  readonly list: string[] = [];
  constructor(private readonly max: number) {}
  add(problem: string): void {
    this.list.push(problem);
    if (this.list.length >= this.max) throw new DatasetError(`stopped after ${this.max} problems`, this.list);
  }
}

function parseNumber(raw: string | undefined): number {
  const s = (raw ?? '').trim();
  return s === '' ? NaN : Number(s);
}

/** Keys in the order of the first file, and the cells filled so far. */
interface Table {
  keyIndex: Map<string, number>;
  keys: string[];
  prompts: string[];
  firstLine: number[];
  firstFile: string;
  budgets: number;
  cells: number;
  /** Allocated once the first file has fixed the number of queries; NaN until read. */
  scores: Float32Array;
  tokens: Float32Array;
}

/** Reads one file into the table; returns a note on the keys it lacks, if any. */
async function readFileRows(
  folder: DataFolder,
  file: BudgetFile,
  table: Table,
  problems: Problems,
): Promise<string | null> {
  const path = folder.where(file.path);
  const registering = table.keys.length === 0;
  const seenAt = new Map<number, number>();
  const values: { q: number; score: number; count: number }[] = [];
  let columns: { key: number; prompt: number; count: number; score: number; width: number } | null = null;
  const header = (names: string[]) => {
    const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
    if (missing.length)
      throw new DatasetError(`${at(path, 1)}: missing column(s) ${missing.join(', ')} (found: ${names.join(', ')})`);
    const index = (c: (typeof REQUIRED_COLUMNS)[number]) => names.indexOf(c);
    const [key, prompt, count, score] = REQUIRED_COLUMNS.map(index) as [number, number, number, number];
    columns = { key, prompt, count, score, width: names.length };
  };
  const row = (fields: string[], line: number, c: NonNullable<typeof columns>) => {
    if (fields.length !== c.width)
      return problems.add(`${at(path, line)}: unparsable row: ${fields.length} fields where the header has ${c.width}`);
    const key = fields[c.key]!.trim();
    if (!key) return problems.add(`${at(path, line)}: empty key`);
    let q = table.keyIndex.get(key);
    if (q === undefined) {
      if (!registering) return problems.add(`${at(path, line)}: key "${key}" is not in ${table.firstFile}`);
      q = table.keys.length;
      table.keyIndex.set(key, q);
      table.keys.push(key);
      table.prompts.push(fields[c.prompt]!);
      table.firstLine.push(line);
    }
    const first = seenAt.get(q);
    if (first !== undefined) return problems.add(`${at(path, line)}: duplicate key "${key}" (first at line ${first})`);
    seenAt.set(q, line);
    const score = parseNumber(fields[c.score]);
    const count = parseNumber(fields[c.count]);
    if (!Number.isFinite(score))
      problems.add(`${at(path, line)}: correctness_score "${fields[c.score]}" is not a number`);
    else if (score < 0 || score > 1) problems.add(`${at(path, line)}: correctness_score ${score} is outside 0..1`);
    if (!Number.isFinite(count) || count < 0)
      problems.add(`${at(path, line)}: actual_token_count "${fields[c.count]}" is not a non-negative number`);
    if (registering) values.push({ q, score, count });
    else store(table, q, file, score, count);
    return undefined;
  };
  await readCsv(folder.chunks(file.path), {
    record: (fields, line) => (columns ? row(fields, line, columns) : header(fields)),
    problem: (line, message) => problems.add(`${at(path, line)}: unparsable row: ${message}`),
  });
  if (registering) {
    table.firstFile = path;
    table.scores = new Float32Array(table.keys.length * table.cells).fill(NaN);
    table.tokens = new Float32Array(table.keys.length * table.cells).fill(NaN);
    for (const v of values) store(table, v.q, file, v.score, v.count);
  }
  if (seenAt.size === table.keys.length) return null;
  const examples = table.keys.filter((_, q) => !seenAt.has(q)).slice(0, 3);
  const where = (k: string) => `"${k}" (${at(table.firstFile, table.firstLine[table.keyIndex.get(k)!])})`;
  return `${path}: ${table.keys.length - seenAt.size} of ${table.keys.length} keys missing, e.g. ${examples.map(where).join(', ')}`;
}

function store(table: Table, q: number, file: BudgetFile, score: number, count: number): void {
  const cell = q * table.cells + file.model * table.budgets + file.budget;
  table.scores[cell] = score;
  table.tokens[cell] = count;
}

async function readPool(folder: DataFolder): Promise<Pool> {
  const file = folder.where('pool.json');
  const text = await folder.readText('pool.json');
  if (text === null)
    throw new DatasetError(`${file}: missing (every dataset folder needs a pool.json; see pipeline/README.md)`);
  return parsePoolFile(text, file);
}

export async function loadDataset(folder: DataFolder, opts: LoadOptions = {}): Promise<Dataset> {
  const { root } = folder;
  const pool = await readPool(folder);
  const files = await locateFiles(folder, pool);
  const problems = new Problems(opts.maxProblems ?? 50);
  const table: Table = {
    keyIndex: new Map(),
    keys: [],
    prompts: [],
    firstLine: [],
    firstFile: '',
    budgets: pool.budgets.length,
    cells: pool.models.length * pool.budgets.length,
    scores: new Float32Array(0),
    tokens: new Float32Array(0),
  };
  const missing: string[] = [];
  let done = 0;
  for (const file of files) {
    const lacks = await readFileRows(folder, file, table, problems);
    if (lacks) missing.push(lacks);
    opts.onFile?.(++done, files.length);
  }
  // Missing keys are fatal unless asked otherwise; every other problem always is.
  const fatal = [...problems.list, ...(opts.allowMissing ? [] : missing)];
  if (fatal.length) throw new DatasetError(`${root}: the dataset has problems`, fatal);
  return keepComplete(root, pool, table);
}

/** Keeps the queries with a value in every cell (all of them unless allowMissing dropped some). */
function keepComplete(root: string, pool: Pool, table: Table): Dataset {
  const { cells } = table;
  const kept: number[] = [];
  for (let q = 0; q < table.keys.length; q++) {
    let complete = true;
    for (let c = 0; c < cells && complete; c++) complete = !Number.isNaN(table.scores[q * cells + c]!);
    if (complete) kept.push(q);
  }
  if (kept.length === 0) throw new DatasetError(`${root}: no query has a row in every file`);
  const pick = (from: Float32Array) => {
    if (kept.length === table.keys.length) return from;
    const out = new Float32Array(kept.length * cells);
    kept.forEach((q, i) => out.set(from.subarray(q * cells, (q + 1) * cells), i * cells));
    return out;
  };
  return {
    root,
    pool,
    keys: kept.map((q) => table.keys[q]!),
    prompts: kept.map((q) => table.prompts[q]!),
    scores: pick(table.scores),
    tokens: pick(table.tokens),
    dropped: table.keys.length - kept.length,
  };
}
