import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { callCost } from '../router/cost';
import { qualityAt } from '../router/interpolate';
import type { Candidate, Cap, ModelCurve } from '../router/types';
import type { AxisMode } from '../state/viewState';
import { formatCount, formatQuality, formatTokens, formatUsd } from './format';

interface Point {
  x: number;
  quality: number;
  tokens: number;
  model: string;
  color: string;
  anchor: boolean;
}

/**
 * Points between anchors, so a log axis shows the paper's interpolation rather than
 * screen-straight segments: one per QUALITY_STEP of change, none where a segment is flat.
 */
const QUALITY_STEP = 0.02;
const MAX_STEPS = 6;

function xOf(curve: ModelCurve, tokens: number, mode: AxisMode, inputTokens: number): number {
  return mode === 'tokens' ? tokens : callCost(curve.prices, inputTokens, tokens);
}

function curvePoints(curve: ModelCurve, color: string, mode: AxisMode, inputTokens: number): Point[] {
  const points: Point[] = [];
  const point = (tokens: number, quality: number, anchor: boolean) => points.push({ x: xOf(curve, tokens, mode, inputTokens), quality, tokens, model: curve.model, color, anchor });
  curve.anchors.forEach((b, k) => {
    const prev = curve.anchors[k - 1];
    if (prev !== undefined) {
      const steps = Math.min(MAX_STEPS, Math.ceil(Math.abs(curve.quality[k]! - curve.quality[k - 1]!) / QUALITY_STEP));
      for (let s = 1; s < steps; s++) {
        const t = prev * (b / prev) ** (s / steps);
        point(t, qualityAt(curve, t), false);
      }
    }
    point(b, curve.quality[k]!, true);
  });
  return points;
}

function decadeTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 3]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

interface SymbolProps {
  cx?: number;
  cy?: number;
  payload?: Point;
}

// One scatter series each for all anchors and all natural answers, coloured per point: far
// fewer series for recharts to lay out than one per LLM.
function anchorDot({ cx = 0, cy = 0, payload }: SymbolProps) {
  return <circle cx={cx} cy={cy} r={2.5} fill={payload?.color} />;
}

function naturalDiamond({ cx = 0, cy = 0, payload }: SymbolProps) {
  return <path className="natural-marker" d={`M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z`} fill="var(--panel)" stroke={payload?.color} strokeWidth={2} />;
}

interface TooltipProps {
  active?: boolean;
  payload?: { payload?: Point }[];
  mode: AxisMode;
}

function PointTooltip({ active, payload, mode }: TooltipProps) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip">
      <strong>{p.model}</strong>
      <div>
        {p.anchor ? 'anchor' : 'interpolated'} at {formatTokens(p.tokens)}
      </div>
      <div>quality {formatQuality(p.quality)}</div>
      {mode === 'usd' && <div>cost {formatUsd(p.x)} per call</div>}
    </div>
  );
}

interface Props {
  curves: readonly ModelCurve[];
  colors: ReadonlyMap<string, string>;
  mode: AxisMode;
  inputTokens: number;
  cap: Cap;
  selection: Candidate | null;
  baseline: Candidate | null;
}

function CurvesChartView({ curves, colors, mode, inputTokens: tokensIn, cap, selection, baseline }: Props) {
  // On the token axis the input length moves nothing; keeping it out lets memos hold across queries.
  const inputTokens = mode === 'usd' ? tokensIn : 0;
  // Lines change only with the query, pool or axis; a slider move re-renders just the markers.
  const series = useMemo(
    () =>
      curves.map((c) => {
        const color = colors.get(c.model) ?? 'var(--fg)';
        return {
          curve: c,
          color,
          points: curvePoints(c, color, mode, inputTokens),
          natural: { x: xOf(c, Math.max(1, c.naturalTokens), mode, inputTokens), quality: c.unlimitedQuality, tokens: c.naturalTokens, model: c.model, color, anchor: true },
        };
      }),
    [curves, colors, mode, inputTokens],
  );
  const domain = useMemo<[number, number]>(() => {
    const xs = series.flatMap((s) => [...s.points, s.natural].map((p) => p.x)).filter((x) => x > 0);
    if (xs.length === 0) return [1, 10];
    return [Math.min(...xs) / 1.3, Math.max(...xs) * 1.3];
  }, [series]);
  const ticks = useMemo(() => decadeTicks(domain[0], domain[1]), [domain]);
  const lines = useMemo(
    () => [
      ...series.map(({ curve, color, points }) => (
        <Line key={`line-${curve.model}`} data={points} dataKey="quality" name={curve.model} type="linear" stroke={color} strokeWidth={2} dot={false} activeDot={{ r: 4 }} isAnimationActive={false} />
      )),
      <Scatter
        key="anchors"
        className="anchor-dots"
        data={series.flatMap((s) => s.points.filter((p) => p.anchor))}
        dataKey="quality"
        name="anchor budgets"
        shape={anchorDot}
        isAnimationActive={false}
        legendType="none"
      />,
      <Scatter
        key="natural"
        className="natural-length"
        data={series.map((s) => s.natural)}
        dataKey="quality"
        name="natural length"
        shape={naturalDiamond}
        isAnimationActive={false}
        legendType="none"
      />,
    ],
    [series],
  );

  const markerX = (c: Candidate) => {
    const curve = curves.find((k) => k.model === c.model);
    return curve ? xOf(curve, Math.max(1, c.outputTokens), mode, inputTokens) : undefined;
  };
  const capX = cap === null ? undefined : mode === 'tokens' ? (cap.kind === 'tokens' ? cap.max : undefined) : cap.kind === 'usd' ? cap.max : undefined;
  const tickFormatter = (v: number) => (mode === 'tokens' ? formatCount(v) : formatUsd(v));

  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={{ top: 16, right: 24, bottom: 28, left: 8 }}>
        <CartesianGrid stroke="var(--grid)" />
        <XAxis
          type="number"
          dataKey="x"
          scale="log"
          domain={domain}
          ticks={ticks}
          allowDataOverflow
          tickFormatter={tickFormatter}
          stroke="var(--muted)"
          label={{ value: mode === 'tokens' ? 'output length budget (tokens, log scale)' : 'cost per call (USD, input + output, log scale)', position: 'insideBottom', offset: -16, fill: 'var(--muted)' }}
        />
        <YAxis
          type="number"
          dataKey="quality"
          domain={[0, 1]}
          ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
          stroke="var(--muted)"
          label={{ value: 'predicted quality', angle: -90, position: 'insideLeft', offset: 16, fill: 'var(--muted)' }}
        />
        <Tooltip content={<PointTooltip mode={mode} />} isAnimationActive={false} />
        {lines}
        {capX !== undefined && <ReferenceLine x={capX} stroke="var(--warn)" strokeDasharray="6 4" label={{ value: 'cap', position: 'top', fill: 'var(--warn)' }} />}
        {baseline && markerX(baseline) !== undefined && (
          <ReferenceDot x={markerX(baseline)!} y={baseline.quality} r={10} fill="none" stroke="var(--muted)" strokeWidth={2} strokeDasharray="3 3" label={{ value: 'reactive', position: 'bottom', fill: 'var(--muted)' }} />
        )}
        {selection && markerX(selection) !== undefined && (
          <ReferenceDot x={markerX(selection)!} y={selection.quality} r={11} fill="none" stroke="var(--accent)" strokeWidth={3} label={{ value: 'R2', position: 'top', fill: 'var(--accent)', fontWeight: 700 }} />
        )}
      </LineChart>
    </ResponsiveContainer>
  );
}

const sameChoice = (a: Candidate | null, b: Candidate | null) =>
  a === b || (a !== null && b !== null && a.model === b.model && a.budget === b.budget && a.quality === b.quality && a.outputTokens === b.outputTokens);

/** route() returns fresh objects on every move; the chart redraws only when a choice really changed. */
export const CurvesChart = memo(
  CurvesChartView,
  (prev, next) =>
    prev.curves === next.curves &&
    prev.colors === next.colors &&
    prev.mode === next.mode &&
    (next.mode === 'tokens' || prev.inputTokens === next.inputTokens) &&
    prev.cap === next.cap &&
    sameChoice(prev.selection, next.selection) &&
    sameChoice(prev.baseline, next.baseline),
);
