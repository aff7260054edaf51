import { readCsv as readCsvRecords } from '../evaluate/csvRecords';
import { at } from '../evaluate/errors';
import { textLines } from './fileText';

/**
 * Queries from a file a person dropped: plain text (one query per line), CSV (one column
 * holds the queries) or JSON Lines (a `prompt`, `query` or `text` field). The file streams
 * in pieces, so a large one never freezes the page. Empty lines and cells are skipped and
 * counted; a malformed line is skipped and named by file and line, the rest are kept.
 */

export type QueryFormat = 'text' | 'csv' | 'jsonl';

export interface QueryFile {
  name: string;
  chunks: AsyncIterable<string>;
}

export interface ParsedQueries {
  file: string;
  format: QueryFormat;
  queries: string[];
  /** Empty lines (or empty cells of the query column) skipped. */
  empty: number;
  /** The first problems, each "file:line: what"; `problemCount` has them all. */
  problems: string[];
  problemCount: number;
  /** CSV only: the header, and the column the queries were read from. */
  columns?: string[];
  column?: string;
}

/** JSONL fields and CSV columns that hold the query, in the order they are looked for. */
const QUERY_FIELDS = ['prompt', 'query', 'text', 'question', 'original_prompt'] as const;
const MAX_PROBLEMS_LISTED = 20;

function formatOf(fileName: string): QueryFormat {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv') return 'csv';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return 'text';
}

/** The column a CSV's queries are taken from when the person has not picked one. */
function guessColumn(columns: readonly string[]): string | undefined {
  for (const field of QUERY_FIELDS) {
    const hit = columns.find((c) => c.trim().toLowerCase() === field);
    if (hit !== undefined) return hit;
  }
  return columns[0];
}

class Collector {
  readonly result: ParsedQueries;
  constructor(file: string, format: QueryFormat) {
    this.result = { file, format, queries: [], empty: 0, problems: [], problemCount: 0 };
  }
  problem(line: number | undefined, what: string): void {
    this.result.problemCount++;
    if (this.result.problems.length < MAX_PROBLEMS_LISTED)
      this.result.problems.push(`${at(this.result.file, line)}: ${what}`);
  }
  query(text: string): void {
    if (text.trim() === '') this.result.empty++;
    else this.result.queries.push(text);
  }
}

async function readText(file: QueryFile): Promise<ParsedQueries> {
  const c = new Collector(file.name, 'text');
  for await (const { line, text } of textLines(file.chunks)) {
    // A byte-order mark is not part of the first query.
    c.query(line === 1 ? text.replace(/^\uFEFF/, '') : text);
  }
  return c.result;
}

function queryField(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  for (const field of QUERY_FIELDS) if (typeof record[field] === 'string') return record[field];
  return null;
}

async function readJsonLines(file: QueryFile): Promise<ParsedQueries> {
  const c = new Collector(file.name, 'jsonl');
  for await (const { line, text } of textLines(file.chunks)) {
    const body = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (body.trim() === '') {
      c.result.empty++;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      c.problem(line, `not valid JSON (${(e as Error).message})`);
      continue;
    }
    const query = queryField(value);
    if (query === null) c.problem(line, `no string field ${QUERY_FIELDS.join(', ')}`);
    else c.query(query);
  }
  return c.result;
}

async function readCsv(file: QueryFile, column: string | undefined): Promise<ParsedQueries> {
  const c = new Collector(file.name, 'csv');
  let picked = -1;
  let width = 0;
  await readCsvRecords(file.chunks, {
    record: (fields, line) => {
      if (picked === -1) {
        const name = column !== undefined && fields.includes(column) ? column : guessColumn(fields);
        c.result.columns = fields;
        c.result.column = name;
        picked = name === undefined ? 0 : fields.indexOf(name);
        width = fields.length;
      } else if (fields.length !== width)
        c.problem(line, `unparsable row: ${fields.length} fields where the header has ${width}`);
      else c.query(fields[picked]!);
    },
    problem: (line, message) => c.problem(line, `unparsable row: ${message}`),
  });
  return c.result;
}

/** Reads one file of queries; `column` picks a CSV's query column (guessed when absent). */
export function readQueryFile(file: QueryFile, column?: string): Promise<ParsedQueries> {
  const format = formatOf(file.name);
  if (format === 'csv') return readCsv(file, column);
  if (format === 'jsonl') return readJsonLines(file);
  return readText(file);
}
