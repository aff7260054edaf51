import { memo, useCallback, useMemo } from 'react';
import {
  CartesianGrid,
  LineChart,
  ReferenceArea,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { GuessPick } from '../../router/guess';
import { sameCandidate } from '../../router/search';
import type { Candidate, Cap, ModelCurve } from '../../router/types';
import type { CostUnit } from '../../router/types';
import { formatCount, formatUsd } from '../format';
import { CurveLayer } from './CurveLayer';
import { FrontierLayer } from './FrontierLayer';
import { MeasuredLayer } from './MeasuredLayer';
import { axisRange, buildSeries, toAxis, xOf } from './series';

interface Props {
  curves: readonly ModelCurve[];
  colors: ReadonlyMap<string, string>;
  mode: CostUnit;
  inputTokens: number;
  cap: Cap;
  selection: Candidate | null;
  baseline: Candidate | null;
  /** The R2 and reactive efficient frontiers, cheapest first. */
  frontier: readonly Candidate[];
  reactiveFrontier: readonly Candidate[];
  /** Guess mode: a click on a marker picks it; after the answer, the pick is ringed. */
  onPick?: (pick: GuessPick) => void;
  pick?: Candidate | null;
}

// recharts re-registers an axis whose props change identity, and then redraws the whole chart:
// everything an axis is given is a constant or memoised.
const MARGIN = { top: 16, right: 24, bottom: 28, left: 8 };
const QUALITY_DOMAIN: [number, number] = [0, 1];
const QUALITY_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
const QUALITY_LABEL = {
  value: 'predicted quality',
  angle: -90,
  position: 'insideLeft',
  offset: 16,
  fill: 'var(--muted)',
} as const;
const X_AXIS = {
  tokens: {
    label: {
      value: 'output length budget (tokens, log scale)',
      position: 'insideBottom',
      offset: -16,
      fill: 'var(--muted)',
    },
    format: (v: number) => formatCount(v),
  },
  usd: {
    label: {
      value: 'cost per call (USD, input + output, log scale)',
      position: 'insideBottom',
      offset: -16,
      fill: 'var(--muted)',
    },
    format: (v: number) => formatUsd(v),
  },
} as const;
const CAP_LABEL = { value: 'cap', position: 'insideBottomRight', fill: 'var(--warn)' } as const;
// Free calls sit at a $0 mark left of this break: a log axis has no 0.
const FREE_LABEL = { value: '//', position: 'insideBottom', fill: 'var(--muted)', fontSize: 12 } as const;
// The rings on the reactive choice, a guess (guess mode) and R2's choice, drawn in that order.
const REACTIVE_RING = {
  r: 10,
  stroke: 'var(--muted)',
  strokeWidth: 2,
  strokeDasharray: '3 3',
  label: { value: 'reactive', position: 'bottom', fill: 'var(--muted)' },
} as const;
const PICK_RING = {
  r: 8,
  stroke: 'var(--warn)',
  strokeWidth: 3,
  label: { value: 'your guess', position: 'bottom', fill: 'var(--warn)', fontWeight: 700 },
} as const;
const R2_RING = {
  r: 11,
  stroke: 'var(--accent)',
  strokeWidth: 3,
  label: { value: 'R2', position: 'top', fill: 'var(--accent)', fontWeight: 700 },
} as const;

function CurvesChartView({
  curves,
  colors,
  mode,
  inputTokens: tokensIn,
  cap,
  selection,
  baseline,
  frontier,
  reactiveFrontier,
  onPick,
  pick = null,
}: Props) {
  // On the token axis the input length moves nothing; keeping it out lets memos hold across queries.
  const inputTokens = mode === 'usd' ? tokensIn : 0;
  // Curves change only with the query, pool or axis; a slider move re-renders just the markers.
  const series = useMemo(() => buildSeries(curves, colors, mode, inputTokens), [curves, colors, mode, inputTokens]);
  const range = useMemo(() => axisRange(series), [series]);
  const { domain, ticks, free } = range;
  // Every layer places its x through this: a free call sits at the axis' $0 mark, never at log(0).
  const place = useCallback((x: number) => toAxis(range, x), [range]);
  const format = useMemo(() => {
    const base = X_AXIS[mode].format;
    return (v: number) => (v === free ? '$0' : base(v));
  }, [mode, free]);

  const markerX = (c: Candidate) => {
    const curve = curves.find((k) => k.model === c.model);
    return curve ? place(xOf(curve, Math.max(1, c.outputTokens), mode, inputTokens)) : undefined;
  };
  const capX = cap !== null && cap.kind === mode ? place(cap.max) : undefined;

  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={MARGIN}>
        <CartesianGrid stroke="var(--grid)" />
        <XAxis
          type="number"
          dataKey="x"
          scale="log"
          domain={domain}
          ticks={ticks}
          allowDataOverflow
          tickFormatter={format}
          stroke="var(--muted)"
          label={X_AXIS[mode].label}
        />
        <YAxis
          type="number"
          dataKey="quality"
          domain={QUALITY_DOMAIN}
          ticks={QUALITY_TICKS}
          allowDataOverflow
          stroke="var(--muted)"
          label={QUALITY_LABEL}
        />
        {free !== null && range.from > free && (
          <ReferenceArea
            x1={free * 1.4}
            x2={range.from / 1.4}
            className="axis-break"
            data-testid="axis-break"
            fill="var(--bg)"
            fillOpacity={1}
            stroke="var(--muted)"
            strokeDasharray="2 3"
            label={FREE_LABEL}
          />
        )}
        <CurveLayer series={series} mode={mode} place={place} onPick={onPick} />
        <MeasuredLayer colors={colors} mode={mode} place={place} />
        <FrontierLayer
          frontier={frontier}
          reactiveFrontier={reactiveFrontier}
          selection={selection}
          curves={curves}
          colors={colors}
          mode={mode}
          inputTokens={inputTokens}
          domain={domain}
          place={place}
        />
        {capX !== undefined && <ReferenceLine x={capX} stroke="var(--warn)" strokeDasharray="6 4" label={CAP_LABEL} />}
        {[
          { key: 'reactive', choice: baseline, ring: REACTIVE_RING },
          { key: 'pick', choice: pick, ring: PICK_RING },
          { key: 'r2', choice: selection, ring: R2_RING },
        ].map(({ key, choice, ring }) => {
          const x = choice ? markerX(choice) : undefined;
          return choice && x !== undefined ? (
            <ReferenceDot key={key} x={x} y={choice.quality} fill="none" {...ring} />
          ) : null;
        })}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** route() returns fresh objects on every move; the chart redraws only when a choice really changed. */
export const CurvesChart = memo(
  CurvesChartView,
  (prev, next) =>
    prev.curves === next.curves &&
    prev.colors === next.colors &&
    prev.mode === next.mode &&
    (next.mode === 'tokens' || prev.inputTokens === next.inputTokens) &&
    prev.cap === next.cap &&
    prev.frontier === next.frontier &&
    prev.reactiveFrontier === next.reactiveFrontier &&
    sameCandidate(prev.selection, next.selection) &&
    sameCandidate(prev.baseline, next.baseline) &&
    prev.onPick === next.onPick &&
    sameCandidate(prev.pick ?? null, next.pick ?? null),
);
