import { describe, expect, it } from 'vitest';
import { decodeVlq, packageOf, shortSource, SourceMapLookup } from './sourcemap';

describe('source map lookup', () => {
  it('decodes base64 VLQ digits, signs and continuations', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('CADE')).toEqual([1, 0, -1, 2]);
    expect(decodeVlq('gB')).toEqual([16]);
    expect(decodeVlq('hB')).toEqual([-16]);
  });

  it('finds the mapping at or before a generated column, with names', () => {
    // Line 0: col 0 → a.ts:1:0 name f; col 10 → b.ts:3:4 name g. Line 1: col 2 → b.ts:4:0.
    const map = new SourceMapLookup({ sources: ['a.ts', 'b.ts'], names: ['f', 'g'], mappings: 'AAAAA,UCEIC;EACJ' });
    expect(map.lookup(0, 5)).toEqual({ source: 'a.ts', line: 1, name: 'f' });
    expect(map.lookup(0, 10)).toEqual({ source: 'b.ts', line: 3, name: 'g' });
    expect(map.lookup(1, 0)).toBeNull();
    expect(map.lookup(1, 7)).toEqual({ source: 'b.ts', line: 4, name: null });
    expect(map.lookup(5, 0)).toBeNull();
  });

  it('charges each stretch of generated code to its source, unmapped code to none', () => {
    // Line 0: col 0 → a.ts, col 4 unmapped, col 6 → b.ts.
    const map = new SourceMapLookup({ sources: ['a.ts', 'b.ts'], mappings: 'AAAA,I,ECAA' });
    expect(map.lookup(0, 5)).toBeNull();
    expect(Object.fromEntries(map.charsBySource('abcdefghij'))).toEqual({ 'a.ts': 4, '(unmapped)': 2, 'b.ts': 4 });
  });

  it('groups sources by package or app folder', () => {
    expect(packageOf('../../node_modules/recharts/es6/cartesian/Line.js')).toBe('recharts');
    expect(packageOf('../node_modules/@tanstack/query-core/build/modern/query.js')).toBe('@tanstack/query-core');
    expect(packageOf('../../src/ui/CurvesChart.tsx')).toBe('src/ui/CurvesChart.tsx');
    expect(shortSource('../../node_modules/recharts/es6/cartesian/Line.js')).toBe('recharts/es6/cartesian/Line.js');
  });
});
