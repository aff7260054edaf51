/**
 * A streaming CSV reader over strings: comma-separated, fields optionally quoted with `"`
 * (a quote inside written `""`, line ends inside allowed), records ending in \n or \r\n, a
 * leading byte-order mark dropped, empty lines skipped. Pieces may split a record anywhere.
 *
 * Each record is reported with the line it starts on, so every problem names its line. A
 * malformed record (a stray quote, text after a closing quote, a quote never closed) is
 * reported and skipped up to the end of its line, and reading goes on.
 *
 * It works on the strings the page and `npm run evaluate` already have: csv-parse's browser
 * build turns each piece into bytes through a JavaScript Buffer first, which took four fifths
 * of the time to read an R2-Bench folder (bench/README.md, "evaluateFolderMs").
 */

export interface CsvSink {
  record: (fields: string[], line: number) => void;
  problem: (line: number, message: string) => void;
}

const enum State {
  /** Before a field's first character. */
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a quote inside a quoted field: an escaped quote or the closing one. */
  QuoteInQuoted,
  /** After a closing quote: only \r, a comma or a line end may follow. */
  Closed,
  /** After a malformed record, until its line ends. */
  SkipLine,
}

/** Where an unquoted field ends (or goes wrong). */
const UNQUOTED_END = /[,\n"]/g;

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export class CsvReader {
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  /** Whether the current record has anything (a comma or a quote) beyond an empty line. */
  private started = false;
  private line = 1;
  private recordLine = 1;
  private first = true;

  constructor(private readonly sink: CsvSink) {}

  write(chunk: string): void {
    let i = 0;
    if (this.first) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = chunk.length;
    while (i < n) {
      switch (this.state) {
        case State.FieldStart:
          if (chunk[i] === '"') {
            this.state = State.Quoted;
            this.started = true;
            i++;
          } else this.state = State.Unquoted;
          break;
        case State.Unquoted: {
          UNQUOTED_END.lastIndex = i;
          const end = UNQUOTED_END.exec(chunk);
          if (!end) {
            this.field += chunk.slice(i);
            return;
          }
          const j = end.index;
          this.field += chunk.slice(i, j);
          i = j + 1;
          if (chunk[j] === ',') this.nextField();
          else if (chunk[j] === '\n') this.endRecord(true);
          else this.malformed('a quote inside a field that does not start with one');
          break;
        }
        case State.Quoted: {
          const j = chunk.indexOf('"', i);
          const piece = j === -1 ? chunk.slice(i) : chunk.slice(i, j);
          this.field += piece;
          this.line += newlines(piece);
          if (j === -1) return;
          this.state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case State.QuoteInQuoted:
          if (chunk[i] === '"') {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else this.state = State.Closed;
          break;
        case State.Closed: {
          const c = chunk[i++];
          if (c === ',') this.nextField();
          else if (c === '\n') this.endRecord(false);
          else if (c !== '\r')
            this.malformed(`${JSON.stringify(c)} after a closing quote, where a comma or a line end belongs`);
          break;
        }
        case State.SkipLine: {
          const j = chunk.indexOf('\n', i);
          if (j === -1) return;
          this.line++;
          this.reset();
          i = j + 1;
          break;
        }
      }
    }
  }

  /** The end of the input: a last record without a line end is still a record. */
  end(): void {
    if (this.state === State.Quoted) this.sink.problem(this.recordLine, 'a quoted field is never closed');
    else if (this.state === State.QuoteInQuoted || this.state === State.Closed) this.emit(false);
    else if (this.state !== State.SkipLine && (this.started || this.field !== '')) this.emit(true);
    this.reset();
  }

  private nextField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.started = true;
    this.state = State.FieldStart;
  }

  private endRecord(unquoted: boolean): void {
    this.emit(unquoted);
    this.line++;
    this.reset();
  }

  private emit(unquoted: boolean): void {
    const last = unquoted && this.field.endsWith('\r') ? this.field.slice(0, -1) : this.field;
    if (!this.started && last === '') return;
    this.fields.push(last);
    this.sink.record(this.fields, this.recordLine);
  }

  private malformed(message: string): void {
    this.sink.problem(this.recordLine, message);
    this.state = State.SkipLine;
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.started = false;
    this.recordLine = this.line;
    this.state = State.FieldStart;
  }
}

/** Reads streamed text through a CsvReader. */
export async function readCsv(chunks: AsyncIterable<string>, sink: CsvSink): Promise<void> {
  const reader = new CsvReader(sink);
  for await (const chunk of chunks) reader.write(chunk);
  reader.end();
}
