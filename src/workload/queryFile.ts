import { parse, type CsvError } from 'csv-parse/browser/esm';
import { feed } from '../evaluate/csvFeed';
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
  let previousEnd = 1;
  let picked: string | undefined;
  const parser = parse({
    columns: (header: string[]) => {
      c.result.columns = header;
      picked = column !== undefined && header.includes(column) ? column : guessColumn(header);
      c.result.column = picked;
      return header;
    },
    bom: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    relax_column_count: false,
    on_skip: (err: CsvError | undefined) => {
      c.problem(previousEnd + 1, `unparsable row: ${err?.message ?? 'unknown error'}`);
      previousEnd = typeof err?.lines === 'number' ? err.lines : previousEnd + 1;
    },
    on_record: (record: Record<string, string>, context: { lines: number }) => {
      previousEnd = context.lines;
      c.query(record[picked!] ?? '');
      return undefined;
    },
  });
  try {
    await feed(parser, file.chunks);
  } catch (e) {
    c.problem(parser.info.lines, (e as Error).message);
  }
  return c.result;
}

/** Reads one file of queries; `column` picks a CSV's query column (guessed when absent). */
export function readQueryFile(file: QueryFile, column?: string): Promise<ParsedQueries> {
  const format = formatOf(file.name);
  if (format === 'csv') return readCsv(file, column);
  if (format === 'jsonl') return readJsonLines(file);
  return readText(file);
}
