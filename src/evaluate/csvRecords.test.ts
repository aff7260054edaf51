import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { seeded } from '../router/testing/randomPools';
import { CsvReader } from './csvRecords';

interface Read {
  records: { fields: string[]; line: number }[];
  problems: { line: number; message: string }[];
}

/** Reads `text` in pieces of the given lengths (cycled), so records and escapes split anywhere. */
function read(text: string, pieces: readonly number[] = [text.length || 1]): Read {
  const out: Read = { records: [], problems: [] };
  const reader = new CsvReader({
    record: (fields, line) => out.records.push({ fields, line }),
    problem: (line, message) => out.problems.push({ line, message }),
  });
  for (let at = 0, k = 0; at < text.length; k++) {
    const n = pieces[k % pieces.length]!;
    reader.write(text.slice(at, at + n));
    at += n;
  }
  reader.end();
  return out;
}

const FIELD_PARTS = ['a', 'xyz', ' ', ',', '"', '""', '\n', '\r\n', 'é', '𝄞', '0.5', ''];

/** A random table written the usual way: fields with a comma, quote or line end are quoted. */
function randomCsv(rand: () => number): { text: string; rows: string[][]; lines: number[] } {
  const width = 1 + Math.floor(rand() * 5);
  const rows: string[][] = [];
  const lines: number[] = [];
  let text = rand() < 0.2 ? '\uFEFF' : '';
  let line = 1;
  const eol = rand() < 0.5 ? '\n' : '\r\n';
  for (let r = 0, n = 1 + Math.floor(rand() * 12); r < n; r++) {
    const row: string[] = [];
    for (let c = 0; c < width; c++) {
      let f = '';
      for (let k = 0, m = Math.floor(rand() * 4); k < m; k++) f += FIELD_PARTS[Math.floor(rand() * FIELD_PARTS.length)];
      row.push(f);
    }
    // A row of one empty field is an empty line, which readers skip.
    if (width === 1 && row[0] === '') row[0] = 'x';
    const cells = row.map((f) => (/[",\r\n]/.test(f) || (rand() < 0.2 && f !== '') ? `"${f.replace(/"/g, '""')}"` : f));
    rows.push(row);
    lines.push(line);
    const written = cells.join(',');
    line += (written.match(/\n/g)?.length ?? 0) + 1;
    text += written + (r < n - 1 || rand() < 0.7 ? eol : '');
  }
  return { text, rows, lines };
}

describe('CsvReader', () => {
  it('reads what csv-parse reads, at the lines the rows start on, however the text is split', () => {
    const rand = seeded(7);
    for (let t = 0; t < 400; t++) {
      const { text, rows, lines } = randomCsv(rand);
      const oracle: string[][] = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
      expect(oracle).toEqual(rows);
      const pieces = [1 + Math.floor(rand() * 7), 1 + Math.floor(rand() * 40)];
      for (const got of [read(text), read(text, pieces), read(text, [1])]) {
        expect(got.problems).toEqual([]);
        expect(got.records.map((r) => r.fields)).toEqual(rows);
        expect(got.records.map((r) => r.line)).toEqual(lines);
      }
    }
  });

  it('skips empty lines, keeping the line numbers of the rest', () => {
    const got = read('a,b\n\n1,2\r\n\r\n3,4');
    expect(got.records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 3 },
      { fields: ['3', '4'], line: 5 },
    ]);
  });

  it('names the line of each malformed record, skips it to its line end and reads on', () => {
    const text = ['h,i', 'ok,1', 'x"y,2', '"a"b,3', '"two', 'lines",4', 'fine,5', '"never closed,6', 'lost,7'].join(
      '\n',
    );
    for (const pieces of [[text.length], [1], [3, 5]]) {
      const got = read(text, pieces);
      expect(got.records).toEqual([
        { fields: ['h', 'i'], line: 1 },
        { fields: ['ok', '1'], line: 2 },
        { fields: ['two\nlines', '4'], line: 5 },
        { fields: ['fine', '5'], line: 7 },
      ]);
      expect(got.problems.map((p) => p.line)).toEqual([3, 4, 8]);
      expect(got.problems[0]!.message).toMatch(/quote inside a field/);
      expect(got.problems[1]!.message).toMatch(/"b" after a closing quote/);
      expect(got.problems[2]!.message).toMatch(/never closed/);
    }
  });

  it('keeps a last record without a line end, and a trailing empty field', () => {
    expect(read('a,b\n1,').records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
    expect(read('"q"').records).toEqual([{ fields: ['q'], line: 1 }]);
    expect(read('').records).toEqual([]);
  });
});
