import { describe, expect, it } from 'vitest';
import { audc, costRange, curveMetrics, normaliseCosts, paretoFrontier, peak, qnc } from './metrics';

// Every expected value below is worked out by hand in the comment beside it.
const line = [
  { cost: 0, quality: 0.2 },
  { cost: 0.5, quality: 0.6 },
  { cost: 1, quality: 0.8 },
];

describe('deferral-curve metrics', () => {
  it('integrates the frontier with trapezoids', () => {
    // 0.5·(0.2 + 0.6)/2 + 0.5·(0.6 + 0.8)/2 = 0.2 + 0.35
    expect(audc(line)).toBeCloseTo(0.55, 12);
  });

  it('ignores dominated points', () => {
    // (0.7, 0.5) is worse than the cheaper (0.5, 0.6): same area as without it.
    const withDominated = [...line, { cost: 0.7, quality: 0.5 }];
    expect(paretoFrontier(withDominated)).toEqual(line);
    expect(audc(withDominated)).toBeCloseTo(0.55, 12);
  });

  it('is zero below the cheapest point and flat after the dearest', () => {
    // [0, 0.2]: 0; [0.2, 0.6]: 0.4·(0.5 + 0.9)/2 = 0.28; [0.6, 1]: 0.4·0.9 = 0.36
    expect(
      audc([
        { cost: 0.6, quality: 0.9 },
        { cost: 0.2, quality: 0.5 },
      ]),
    ).toBeCloseTo(0.64, 12);
    // one point at 0.25 with quality 0.8: 0.75·0.8
    expect(audc([{ cost: 0.25, quality: 0.8 }])).toBeCloseTo(0.6, 12);
    expect(audc([])).toBe(0);
  });

  it('finds the normalised cost that first reaches a target quality', () => {
    // between (0.5, 0.6) and (1, 0.8): 0.5 + 0.5·(0.7 − 0.6)/(0.8 − 0.6) = 0.75
    expect(qnc(line, 0.7)).toBeCloseTo(0.75, 12);
    // reached at the first point already
    expect(qnc(line, 0.1)).toBe(0);
    // never reached
    expect(qnc(line, 0.81)).toBe(1);
  });

  it('reports the peak quality', () => {
    expect(peak(line)).toBe(0.8);
  });

  it('normalises cost by the global range of all methods', () => {
    const a = [
      { cost: 2e-5, quality: 0.4 },
      { cost: 6e-5, quality: 0.7 },
    ];
    const b = [{ cost: 1e-4, quality: 0.9 }];
    const range = costRange([a, b]);
    expect(range).toEqual({ min: 2e-5, max: 1e-4 });
    // (6e-5 − 2e-5)/(1e-4 − 2e-5) = 0.5
    expect(normaliseCosts(a, range)[1]!.cost).toBeCloseTo(0.5, 12);
    // a: 0.5·(0.4 + 0.7)/2 + 0.5·0.7 = 0.275 + 0.35; target 0.55 → 0.5·(0.15/0.3) = 0.25
    const m = curveMetrics(a, range, 0.55);
    expect(m.audc).toBeCloseTo(0.625, 12);
    expect(m.qnc).toBeCloseTo(0.25, 12);
    expect(m.peak).toBe(0.7);
  });
});
