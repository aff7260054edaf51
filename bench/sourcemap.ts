/**
 * Just enough of Source Map v3 to name the functions in a CPU profile of the minified
 * build: decode `mappings` and look up a generated (line, column).
 */

export interface RawSourceMap {
  sources: string[];
  names?: string[];
  mappings: string;
}

export interface Original {
  source: string;
  /** 1-based, as editors count. */
  line: number;
  name: string | null;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Base64 VLQ: 5 value bits per digit, bit 6 continues, the lowest result bit is the sign. */
export function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`"${c}" is not a base64 VLQ digit`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value % 2 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return out;
}

interface Segment {
  column: number;
  /** -1: generated code that maps to no source. */
  source: number;
  line: number;
  name: number | null;
}

export class SourceMapLookup {
  private readonly lines: Segment[][];

  constructor(private readonly map: RawSourceMap) {
    let source = 0;
    let line = 0;
    let name = 0;
    this.lines = map.mappings.split(';').map((text) => {
      let generated = 0;
      const segments: Segment[] = [];
      for (const part of text.split(',')) {
        if (!part) continue;
        const f = decodeVlq(part);
        generated += f[0] ?? 0;
        if (f.length < 4) {
          segments.push({ column: generated, source: -1, line: 0, name: null });
          continue;
        }
        source += f[1]!;
        line += f[2]!;
        if (f.length >= 5) name += f[4]!;
        segments.push({ column: generated, source, line, name: f.length >= 5 ? name : null });
      }
      return segments;
    });
  }

  /** The mapping at or just before a 0-based generated position. */
  lookup(line: number, column: number): Original | null {
    const segments = this.lines[line];
    if (!segments) return null;
    let found: Segment | null = null;
    for (const s of segments) {
      if (s.column > column) break;
      found = s;
    }
    if (!found || found.source < 0) return null;
    return {
      source: this.map.sources[found.source] ?? '?',
      line: found.line + 1,
      name: found.name === null ? null : (this.map.names?.[found.name] ?? null),
    };
  }

  /** Generated characters per source: each segment owns the code up to the next one. */
  charsBySource(code: string): Map<string, number> {
    const out = new Map<string, number>();
    code.split('\n').forEach((text, i) => {
      const segments = this.lines[i] ?? [];
      segments.forEach((s, k) => {
        const end = segments[k + 1]?.column ?? text.length;
        const source = s.source < 0 ? '(unmapped)' : (this.map.sources[s.source] ?? '?');
        out.set(source, (out.get(source) ?? 0) + Math.max(0, end - s.column));
      });
    });
    return out;
  }
}

/** A source path from its package or the app's src/ on: recharts/es6/cartesian/Line.js. */
export function shortSource(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) return source.slice(nm + 'node_modules/'.length);
  const src = source.indexOf('src/');
  return src >= 0 ? source.slice(src) : source;
}

/** Which package (or the app's own file) a source path belongs to. */
export function packageOf(source: string): string {
  if (!source.includes('node_modules/')) return shortSource(source);
  const [first, second] = shortSource(source).split('/');
  return first?.startsWith('@') ? `${first}/${second}` : (first ?? source);
}
