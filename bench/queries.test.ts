import { describe, expect, it } from 'vitest';
import { benchQueries } from './queries';

describe('bench queries', () => {
  it('are the same for the same seed and vary in kind and length', () => {
    const a = benchQueries(200);
    expect(benchQueries(200)).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(150);
    const lengths = a.map((q) => q.length);
    expect(Math.min(...lengths)).toBeLessThan(80);
    expect(Math.max(...lengths)).toBeGreaterThan(6000);
    expect(a.some((q) => q.includes('```'))).toBe(true);
  });
});
