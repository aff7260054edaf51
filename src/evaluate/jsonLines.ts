/**
 * A small strict JSON scanner that records the line of every value, keyed by its dotted
 * path ("models.3.name"), so validation errors can point at a line; on a syntax error it
 * says which line broke (Node's JSON.parse messages do not always carry a position).
 */

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/;

export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;

  const fail = (what: string): never => {
    throw new JsonSyntaxError(line, `${what} ${i < text.length ? `at ${JSON.stringify(text[i])}` : 'at the end'}`);
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const expect = (c: string) => {
    skipSpace();
    if (text[i] !== c) fail(`expected "${c}"`);
    i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('line break inside a string');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    skipSpace();
    lines.set(path, line);
    const child = (k: string | number) => (path ? `${path}.${k}` : String(k));
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      skipSpace();
      if (text[i] === close) return void i++;
      for (let n = 0; ; n++) {
        if (c === '{') {
          skipSpace();
          if (text[i] !== '"') fail('expected a quoted key');
          const key = readString();
          expect(':');
          value(child(key));
        } else value(child(n));
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail(`expected "," or "${close}"`);
      }
    }
    if (c === '"') return void readString();
    const literal = LITERAL.exec(text.slice(i, i + 64));
    if (!literal) fail('expected a value');
    i += literal![0].length;
  };
  value('');
  skipSpace();
  if (i < text.length) fail('unexpected text after the value');
  return lines;
}

/** The line of a path, or of its nearest ancestor that exists (a missing field → its object). */
export function lineOf(lines: Map<string, number>, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = lines.get(path.slice(0, n).map(String).join('.'));
    if (found !== undefined) return found;
  }
  return undefined;
}
