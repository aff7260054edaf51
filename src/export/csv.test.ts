import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { r2LambdaMap, reactiveLambdaMap } from '../router/lambdaMap';
import { route } from '../router/search';
import { base } from '../router/testing/curves';
import { csvField, csvTable } from './csv';
import { candidatesCsv, lambdaMapCsv } from './teachingCsv';

describe('CSV for spreadsheets', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(false)).toBe('false');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvTable(['a', 'b'], [['x\ny', 1]])).toBe('a,b\r\n"x\ny",1\r\n');
  });

  it('writes the ranked candidates and the λ maps so they parse back to the same numbers', () => {
    const q = { ...base, lambda: 0.99 };
    const ranked = route(q).ranked;
    const rows = parse<Record<string, string>>(candidatesCsv(ranked, q.lambda), { columns: true });
    expect(rows).toHaveLength(ranked.length);
    rows.forEach((r, i) => {
      expect(r.llm).toBe(ranked[i]!.model);
      expect(r.budget).toBe(String(ranked[i]!.budget));
      expect(Number(r.score)).toBe(ranked[i]!.score);
      expect(Number(r.cost_usd)).toBe(ranked[i]!.costUsd);
      expect(Number(r.rank)).toBe(i + 1);
    });
    const maps = { r2: r2LambdaMap(q), reactive: reactiveLambdaMap(q) };
    const segs = parse<Record<string, string>>(lambdaMapCsv(maps), { columns: true });
    expect(segs).toHaveLength(maps.r2.length + maps.reactive.length);
    expect(segs.filter((s) => s.router === 'r2').map((s) => Number(s.lambda_to))).toEqual(maps.r2.map((s) => s.to));
  });
});
