import { callCost } from '../../router/cost';
import { qualityAt } from '../../router/interpolate';
import type { ModelCurve } from '../../router/types';
import type { CostUnit } from '../../router/types';

/** One drawn point of a curve, in data units: x is tokens or USD per call, by the axis. */
export interface Point {
  x: number;
  quality: number;
  tokens: number;
  model: string;
  color: string;
  /** An anchor budget, a point drawn between anchors, or the model's natural length. */
  kind: 'anchor' | 'between' | 'natural';
}

export interface Series {
  model: string;
  color: string;
  points: Point[];
  natural: Point;
}

/**
 * Points between anchors, so a log axis shows the paper's interpolation rather than
 * screen-straight segments: one per QUALITY_STEP of change, none where a segment is flat.
 */
const QUALITY_STEP = 0.02;
const MAX_STEPS = 6;

export function xOf(curve: ModelCurve, tokens: number, mode: CostUnit, inputTokens: number): number {
  return mode === 'tokens' ? tokens : callCost(curve.prices, inputTokens, tokens);
}

function curvePoints(curve: ModelCurve, color: string, mode: CostUnit, inputTokens: number): Point[] {
  const points: Point[] = [];
  const point = (tokens: number, quality: number, kind: Point['kind']) =>
    points.push({ x: xOf(curve, tokens, mode, inputTokens), quality, tokens, model: curve.model, color, kind });
  curve.anchors.forEach((b, k) => {
    const prev = curve.anchors[k - 1];
    if (prev !== undefined) {
      const steps = Math.min(MAX_STEPS, Math.ceil(Math.abs(curve.quality[k]! - curve.quality[k - 1]!) / QUALITY_STEP));
      for (let s = 1; s < steps; s++) {
        const t = prev * (b / prev) ** (s / steps);
        point(t, qualityAt(curve, t), 'between');
      }
    }
    point(b, curve.quality[k]!, 'anchor');
  });
  return points;
}

export function buildSeries(
  curves: readonly ModelCurve[],
  colors: ReadonlyMap<string, string>,
  mode: CostUnit,
  inputTokens: number,
): Series[] {
  return curves.map((c) => {
    const color = colors.get(c.model) ?? 'var(--fg)';
    const natural = {
      x: xOf(c, Math.max(1, c.naturalTokens), mode, inputTokens),
      quality: c.unlimitedQuality,
      tokens: c.naturalTokens,
      model: c.model,
      color,
      kind: 'natural' as const,
    };
    return { model: c.model, color, points: curvePoints(c, color, mode, inputTokens), natural };
  });
}

/**
 * The log x axis: a range that holds every point with a margin, its ticks, and where free calls
 * go. A log axis has no $0, so on the USD axis a free call is drawn at a "$0" tick set apart,
 * left of a break (`free`); null when no point is free. With no point at all, [1, 10].
 */
export interface AxisRange {
  domain: [number, number];
  ticks: number[];
  free: number | null;
  /** The lowest tick after the break, where the axis' own scale begins. */
  from: number;
}

/** How far left of the cheapest paid call the $0 mark sits (a factor on the log axis). */
const FREE_GAP = 4;
/** Where $0 goes when every call is free, so the chart still has an axis. */
const ALL_FREE_AT = 1e-6;

export function axisRange(series: readonly Series[]): AxisRange {
  const xs = series.flatMap((s) => [...s.points, s.natural].map((p) => p.x));
  const paid = xs.filter((x) => x > 0);
  const anyFree = paid.length < xs.length;
  if (paid.length === 0) {
    return anyFree
      ? { domain: [ALL_FREE_AT / 2, ALL_FREE_AT * 4], ticks: [ALL_FREE_AT], free: ALL_FREE_AT, from: ALL_FREE_AT }
      : { domain: [1, 10], ticks: decadeTicks(1, 10), free: null, from: 1 };
  }
  const lo = Math.min(...paid) / 1.3;
  const hi = Math.max(...paid) * 1.3;
  if (!anyFree) return { domain: [lo, hi], ticks: decadeTicks(lo, hi), free: null, from: lo };
  const free = lo / FREE_GAP;
  return { domain: [free / 1.6, hi], ticks: [free, ...decadeTicks(lo, hi)], free, from: lo };
}

/** Where a value is drawn: a free (or near-free) call at the $0 mark, anything else where it is. */
export function toAxis(range: AxisRange, x: number): number {
  if (range.free !== null) return Math.max(x, range.free);
  return x > 0 ? x : range.domain[0];
}

/** Ticks at 1× and 3× each power of ten inside [lo, hi]. */
export function decadeTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 3]) {
      // Dividing keeps 3e-5 exact, where 3 × 10 ** -5 is 3.0000000000000004e-5.
      const v = e < 0 ? m / 10 ** -e : m * 10 ** e;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}
