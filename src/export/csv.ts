/**
 * CSV for spreadsheets (RFC 4180, CRLF rows). Text a spreadsheet would run as a formula is
 * prefixed with ' so it opens as text: exports hold queries and answers typed by anyone.
 */

export type CsvValue = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: quoted when it holds a quote, comma or line break; quotes doubled; null is empty. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvTable(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header.map(csvField), ...rows.map((r) => r.map(csvField))].map((r) => `${r.join(',')}\r\n`).join('');
}
