import { memo, useMemo, useState, type MouseEvent, type PointerEvent } from 'react';
import { DefaultZIndexes, usePlotArea, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import type { GuessPick } from '../../router/guess';
import type { CostUnit } from '../../router/types';
import { formatQuality, formatTokens, formatUsd } from '../format';
import type { Point, Series } from './series';

/**
 * The curves, anchors and natural-length markers as plain SVG on recharts' scales.
 * recharts' own Line and Scatter copy props per point and per element, which cost about
 * 100–180 ms per redraw of 11 curves here (bench/README.md); one path per curve costs a few.
 */

interface Drawn extends Point {
  px: number;
  py: number;
}

interface DrawnSeries {
  model: string;
  color: string;
  d: string;
  anchors: Drawn[];
  natural: Drawn;
}

type Scale = (value: number) => number | undefined;

const round = (v: number) => Math.round(v * 10) / 10;

function put(p: Point, x: Scale, y: Scale): Drawn {
  return { ...p, px: round(x(p.x) ?? 0), py: round(y(p.quality) ?? 0) };
}

function project(series: readonly Series[], x: Scale, y: Scale): DrawnSeries[] {
  return series.map((s) => {
    const drawn = s.points.map((p) => put(p, x, y));
    return {
      model: s.model,
      color: s.color,
      d: drawn.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.px},${p.py}`).join(''),
      anchors: drawn.filter((p) => p.kind === 'anchor'),
      natural: put(s.natural, x, y),
    };
  });
}

const diamond = ({ px, py }: Drawn) => `M${px},${py - 6}L${px + 6},${py}L${px},${py + 6}L${px - 6},${py}Z`;

interface Props {
  series: readonly Series[];
  mode: CostUnit;
  /** Where an x value is drawn on the axis (a free call at its $0 mark). */
  place: (x: number) => number;
  /** Guess mode: a click on the nearest marker picks it. */
  onPick?: (pick: GuessPick) => void;
}

export const CurveLayer = memo(function CurveLayer({ series, mode, place, onPick }: Props) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const drawn = useMemo(
    () => (xScale && yScale ? project(series, (v) => xScale(place(v)), yScale) : []),
    [series, place, xScale, yScale],
  );
  const hoverable = useMemo(() => drawn.flatMap((s) => [...s.anchors, s.natural]), [drawn]);
  return (
    <>
      <ZIndexLayer zIndex={DefaultZIndexes.line}>
        <g className="curve-lines">
          {drawn.map((s) => (
            <path
              key={s.model}
              className="curve-line"
              data-model={s.model}
              d={s.d}
              stroke={s.color}
              strokeWidth={2}
              fill="none"
            />
          ))}
        </g>
      </ZIndexLayer>
      {/* Just under the R2 and reactive markers, which recharts draws at the scatter level. */}
      <ZIndexLayer zIndex={DefaultZIndexes.scatter - 1}>
        <g className="anchor-dots">
          {drawn.flatMap((s) =>
            s.anchors.map((p) => <circle key={`${s.model}@${p.tokens}`} cx={p.px} cy={p.py} r={2.5} fill={s.color} />),
          )}
        </g>
        <g className="natural-length">
          {drawn.map((s) => (
            <path
              key={s.model}
              className="natural-marker"
              data-model={s.model}
              d={diamond(s.natural)}
              fill="var(--panel)"
              stroke={s.color}
              strokeWidth={2}
            />
          ))}
        </g>
      </ZIndexLayer>
      <Hover points={hoverable} mode={mode} onPick={onPick} />
    </>
  );
});

/** Farther than this from every marker, the pointer shows nothing. */
const REACH_PX = 24;
const TIP_W = 200;
const TIP_H = 120;

/** The nearest anchor or natural marker to the pointer, with what it stands for. */
function Hover({ points, mode, onPick }: Pick<Props, 'mode' | 'onPick'> & { points: readonly Drawn[] }) {
  const area = usePlotArea();
  const [pointed, setPointed] = useState<Drawn | null>(null);
  // New curves or a resized chart replace the points: a card for a point that is gone shows nothing.
  const hover = pointed && points.includes(pointed) ? pointed : null;
  if (!area) return null;
  const nearest = (e: PointerEvent<SVGRectElement> | MouseEvent<SVGRectElement>): Drawn | null => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = area.x + e.clientX - box.left;
    const y = area.y + e.clientY - box.top;
    let best: Drawn | null = null;
    let bestD = REACH_PX * REACH_PX;
    for (const p of points) {
      const d = (p.px - x) ** 2 + (p.py - y) ** 2;
      if (d <= bestD) [best, bestD] = [p, d];
    }
    return best;
  };
  const move = (e: PointerEvent<SVGRectElement>) => {
    const best = nearest(e);
    if (best !== hover) setPointed(best);
  };
  // The click finds its own point: it may come before the hover state has caught up.
  const click = (e: MouseEvent<SVGRectElement>) => {
    const p = nearest(e);
    if (p && onPick) onPick({ model: p.model, budget: p.kind === 'natural' ? 'unlimited' : p.tokens });
  };
  const tipX = hover && hover.px + 12 + TIP_W > area.x + area.width ? hover.px - 12 - TIP_W : (hover?.px ?? 0) + 12;
  const tipY = hover ? Math.max(area.y, Math.min(hover.py - TIP_H / 2, area.y + area.height - TIP_H)) : 0;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.activeDot}>
      <rect
        className="chart-hover-area"
        x={area.x}
        y={area.y}
        width={area.width}
        height={area.height}
        fill="transparent"
        onPointerMove={move}
        onPointerLeave={() => setPointed(null)}
        onClick={onPick && click}
        style={onPick && hover ? { cursor: 'pointer' } : undefined}
      />
      {hover && (
        <g pointerEvents="none">
          <circle cx={hover.px} cy={hover.py} r={5} fill={hover.color} stroke="var(--panel)" strokeWidth={2} />
          <foreignObject x={tipX} y={tipY} width={TIP_W} height={TIP_H}>
            <div className="chart-tooltip" role="tooltip">
              <strong>{hover.model}</strong>
              <div>
                {hover.kind === 'natural' ? 'natural length' : 'budget'} {formatTokens(hover.tokens)}
              </div>
              <div>quality {formatQuality(hover.quality)}</div>
              {mode === 'usd' && <div>cost {formatUsd(hover.x)} per call</div>}
            </div>
          </foreignObject>
        </g>
      )}
    </ZIndexLayer>
  );
}
