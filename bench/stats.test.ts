import { describe, expect, it } from 'vitest';
import { median, medianSpread, percentile, round, spread } from './stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles whatever the input order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
    expect(values[0]).toBe(5);
  });

  it('refuses empty samples and out-of-range percentiles', () => {
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
    expect(() => median([])).toThrow();
  });

  it('averages the middle pair of an even sample', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('reports the median of per-session spreads', () => {
    const sessions = [spread([1, 2, 3]), spread([2, 3, 9]), spread([1, 1, 1])];
    expect(medianSpread(sessions)).toEqual({ p50: 2, p95: 3 });
  });

  it('rounds without float noise', () => {
    expect(round(0.1 + 0.2)).toBe(0.3);
    expect(round(1.23456, 3)).toBe(1.235);
  });
});
