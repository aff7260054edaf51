import { describe, expect, it } from 'vitest';
import { qualityAt } from '../../router/interpolate';
import type { ModelCurve } from '../../router/types';
import { axisRange, buildSeries, decadeTicks, toAxis } from './series';

const curve: ModelCurve = {
  model: 'm',
  prices: { inputPerMillion: 1, outputPerMillion: 10 },
  anchors: [10, 100, 1000],
  quality: [0.5, 0.5, 0.9],
  unlimitedQuality: 0.92,
  naturalTokens: 600,
};
const colors = new Map([['m', '#123456']]);

describe('chart series', () => {
  it('keeps every anchor, adds no point on a flat segment and follows the interpolation on a steep one', () => {
    const [s] = buildSeries([curve], colors, 'tokens', 0);
    const anchors = s!.points.filter((p) => p.kind === 'anchor');
    expect(anchors.map((p) => [p.x, p.quality])).toEqual([
      [10, 0.5],
      [100, 0.5],
      [1000, 0.9],
    ]);
    const between = s!.points.filter((p) => p.kind === 'between');
    // 10 → 100 is flat; 100 → 1000 rises 0.4, capped at 6 steps: 5 points between.
    expect(between).toHaveLength(5);
    for (const p of between) {
      expect(p.x).toBeGreaterThan(100);
      expect(p.quality).toBeCloseTo(qualityAt(curve, p.tokens), 12);
    }
    expect(s!.color).toBe('#123456');
  });

  it('puts points at their cost per call on the USD axis, natural length included', () => {
    const [s] = buildSeries([curve], colors, 'usd', 1000);
    // 1000 input × 1 + 100 output × 10 per million = 0.002 USD
    expect(s!.points.find((p) => p.tokens === 100)!.x).toBeCloseTo(0.002, 12);
    expect(s!.natural).toMatchObject({ kind: 'natural', tokens: 600, quality: 0.92 });
    expect(s!.natural.x).toBeCloseTo(0.007, 12);
  });

  it('spans every point with a margin, and has a fallback when there is none', () => {
    const series = buildSeries([curve], colors, 'tokens', 0);
    expect(axisRange(series)).toMatchObject({ domain: [10 / 1.3, 1000 * 1.3], free: null });
    expect(axisRange([])).toMatchObject({ domain: [1, 10], free: null });
  });

  it('draws free calls at a $0 mark left of a break, never at log(0)', () => {
    const free: ModelCurve = { ...curve, model: 'free', prices: { inputPerMillion: 0, outputPerMillion: 0 } };
    const range = axisRange(buildSeries([curve, free], colors, 'usd', 1000));
    // The cheapest paid call: 1000 input × 1 + 10 output × 10 per million.
    const lo = 0.0011 / 1.3;
    expect(range.from).toBeCloseTo(lo, 15);
    expect(range.free).toBeCloseTo(lo / 4, 15);
    expect(range.ticks[0]).toBe(range.free);
    expect(range.ticks.slice(1).every((t) => t >= lo)).toBe(true);
    expect(range.domain[0]).toBeLessThan(range.free!);
    expect(toAxis(range, 0)).toBe(range.free);
    expect(toAxis(range, 0.002)).toBe(0.002);

    // Every call free: one $0 mark on an axis of its own.
    const allFree = axisRange(buildSeries([free], colors, 'usd', 1000));
    expect(allFree.ticks).toEqual([allFree.free]);
    expect(toAxis(allFree, 0)).toBeGreaterThan(allFree.domain[0]);
    expect(toAxis(allFree, 0)).toBeLessThan(allFree.domain[1]);
    for (const r of [range, allFree]) expect(r.domain.every((d) => Number.isFinite(Math.log(d)))).toBe(true);
  });

  it('ticks at 1× and 3× each power of ten inside the range', () => {
    expect(decadeTicks(5, 5000)).toEqual([10, 30, 100, 300, 1000, 3000]);
    expect(decadeTicks(0.00002, 0.0004)).toEqual([0.00003, 0.0001, 0.0003]);
  });
});
