import { memo, useDeferredValue, useMemo } from 'react';
import { DefaultZIndexes, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { sampleIsoScore, usdAxis } from '../../router/isoScore';
import type { Candidate, CostUnit, ModelCurve } from '../../router/types';
import { useView } from '../../state/viewStore';
import { formatBudget, formatQuality, formatUsd } from '../format';
import { xOf } from './series';

/**
 * The R2 efficient frontier (every choice R2 can make for this query, whatever λ), the
 * reactive router's (dashed, lighter), and the iso-score line through the R2 choice: the
 * options scoring the same at the current λ. On the USD axis the frontier's edges are
 * straight in dollars, so they are drawn sampled along the log axis; on the token axis only
 * its points are placed (each LLM prices tokens differently, so edges between LLMs mean nothing there).
 */

type Scale = (value: number) => number | undefined;

interface Placed {
  c: Candidate;
  x: number;
}

/** Points drawn along each straight (USD) edge, so a log axis shows it as the bend it is. */
const EDGE_STEPS = 16;
const QUALITY_BOX = { min: 0, max: 1 };

const r = (v: number) => Math.round(v * 10) / 10;

function pathOf(points: readonly { x: number; quality: number }[], x: Scale, y: Scale): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(x(p.x) ?? 0)},${r(y(p.quality) ?? 0)}`).join('');
}

/** A frontier's vertices joined by straight edges in USD, as points to draw. */
function edgePoints(placed: readonly Placed[]): { x: number; quality: number }[] {
  const out: { x: number; quality: number }[] = [];
  placed.forEach((p, i) => {
    const prev = placed[i - 1];
    if (prev !== undefined) {
      for (let s = 1; s < EDGE_STEPS; s++) {
        const t = s / EDGE_STEPS;
        out.push({ x: prev.x + (p.x - prev.x) * t, quality: prev.c.quality + (p.c.quality - prev.c.quality) * t });
      }
    }
    out.push({ x: p.x, quality: p.c.quality });
  });
  return out;
}

interface Props {
  frontier: readonly Candidate[];
  reactiveFrontier: readonly Candidate[];
  selection: Candidate | null;
  curves: readonly ModelCurve[];
  colors: ReadonlyMap<string, string>;
  mode: CostUnit;
  inputTokens: number;
  domain: readonly [number, number];
  /** Where an x value is drawn on the axis (a free call at its $0 mark). */
  place: (x: number) => number;
}

export const FrontierLayer = memo(function FrontierLayer({
  frontier,
  reactiveFrontier,
  selection,
  curves,
  colors,
  mode,
  inputTokens,
  domain,
  place: toAxis,
}: Props) {
  const rawScale = useXAxisScale();
  const xScale = useMemo(() => rawScale && ((v: number) => rawScale(toAxis(v))), [rawScale, toAxis]);
  const yScale = useYAxisScale();
  // λ moves the iso-score line only: read here, deferred like the chart's markers, so a slider
  // move redraws this one line and not the chart.
  const lambda = useDeferredValue(useView((s) => s.lambda));

  const place = useMemo(() => {
    const byModel = new Map(curves.map((c) => [c.model, c]));
    return (cs: readonly Candidate[]): Placed[] =>
      cs.flatMap((c) => {
        const curve = byModel.get(c.model);
        return curve ? [{ c, x: xOf(curve, Math.max(1, c.outputTokens), mode, inputTokens) }] : [];
      });
  }, [curves, mode, inputTokens]);

  const drawn = useMemo(() => {
    if (!xScale || !yScale) return null;
    const r2 = place(frontier);
    const reactive = place(reactiveFrontier);
    return {
      r2: mode === 'usd' && r2.length > 1 ? pathOf(edgePoints(r2), xScale, yScale) : null,
      reactive: mode === 'usd' && reactive.length > 1 ? pathOf(edgePoints(reactive), xScale, yScale) : null,
      points: r2.map((p) => ({ ...p, px: r(xScale(p.x) ?? 0), py: r(yScale(p.c.quality) ?? 0) })),
    };
  }, [place, frontier, reactiveFrontier, mode, xScale, yScale]);

  const iso = useMemo(() => {
    if (mode !== 'usd' || selection === null || !xScale || !yScale) return null;
    const [chosen] = place([selection]);
    if (chosen === undefined) return null;
    const axis = usdAxis({ min: domain[0], max: domain[1] }, true);
    const line = sampleIsoScore(lambda, { costUsd: chosen.x, quality: selection.quality }, axis, QUALITY_BOX);
    return line.length < 2 ? null : pathOf(line, xScale, yScale);
  }, [mode, selection, place, domain, lambda, xScale, yScale]);

  if (drawn === null) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line + 1}>
      <g className="frontier-layer" pointerEvents="none">
        {drawn.reactive && (
          <path
            className="reactive-frontier"
            data-testid="reactive-frontier"
            d={drawn.reactive}
            fill="none"
            stroke="var(--muted)"
            strokeWidth={2}
            strokeDasharray="6 4"
            strokeOpacity={0.7}
          />
        )}
        {drawn.r2 && (
          <path
            className="frontier"
            data-testid="frontier"
            d={drawn.r2}
            fill="none"
            stroke="var(--fg)"
            strokeWidth={7}
            strokeOpacity={0.18}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        )}
        {iso && (
          <path
            className="iso-score-line"
            data-testid="iso-score-line"
            data-lambda={String(lambda)}
            d={iso}
            fill="none"
            stroke="var(--accent)"
            strokeWidth={1.5}
            strokeDasharray="2 3"
          />
        )}
        {drawn.points.map((p) => (
          <rect
            key={`${p.c.model}@${p.c.budget}`}
            className="frontier-point"
            data-testid="frontier-point"
            data-model={p.c.model}
            data-budget={String(p.c.budget)}
            x={p.px - 4}
            y={p.py - 4}
            width={8}
            height={8}
            fill={colors.get(p.c.model) ?? 'var(--fg)'}
            stroke="var(--fg)"
            strokeWidth={1}
          >
            <title>
              {`${p.c.model} (${formatBudget(p.c.budget)}): quality ${formatQuality(p.c.quality)} for ${formatUsd(p.c.costUsd)}`}
            </title>
          </rect>
        ))}
      </g>
    </ZIndexLayer>
  );
});
