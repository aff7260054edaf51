import { memo, useMemo } from 'react';
import { DefaultZIndexes, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { useStore } from 'zustand';
import { dispatchHistoryStore } from '../../dispatch/historyStore';
import { measuredCurves } from '../../dispatch/measure';
import type { CostUnit } from '../../router/types';
import { useView } from '../../state/viewStore';

/**
 * The measured curves of the query on screen, next to the predicted ones: each LLM's latest
 * measure run, judged quality against the tokens it really wrote (or what the call really
 * cost), dashed with hollow triangles. A point whose verdict was invalid has no quality to draw.
 */
export const MeasuredLayer = memo(function MeasuredLayer({
  colors,
  mode,
  place,
}: {
  colors: ReadonlyMap<string, string>;
  mode: CostUnit;
  /** Where an x value is drawn on the axis (a free call at its $0 mark). */
  place: (x: number) => number;
}) {
  const query = useView((s) => s.query);
  const entries = useStore(dispatchHistoryStore, (s) => s.entries);
  const curves = useMemo(() => measuredCurves(entries, query), [entries, query]);
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!xScale || !yScale || curves.length === 0) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter - 1}>
      {curves.map((c) => {
        const color = colors.get(c.model) ?? 'var(--fg)';
        const drawn = c.points
          .filter((p): p is typeof p & { quality: number } => p.quality !== null)
          .map((p) => ({
            // A log axis has no 0: an empty answer sits at 1 token, a free call at the axis' $0 mark or floor.
            px: xScale(place(mode === 'tokens' ? Math.max(1, p.tokens) : p.costUsd)) ?? 0,
            py: yScale(p.quality) ?? 0,
          }));
        const d = drawn.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.px.toFixed(1)},${p.py.toFixed(1)}`).join('');
        return (
          <g
            key={c.model}
            className="measured-curve"
            data-testid="measured-curve"
            data-model={c.model}
            data-points={c.points.length}
          >
            <title>{`${c.model}: measured, ${c.points.length} points (judged quality against the tokens written)`}</title>
            <path d={d} stroke={color} strokeWidth={2} strokeDasharray="5 4" fill="none" />
            {drawn.map((p, i) => (
              <path
                key={i}
                d={`M${p.px.toFixed(1)},${(p.py - 6).toFixed(1)}l6,10.4h-12z`}
                fill="var(--panel)"
                stroke={color}
                strokeWidth={2}
              />
            ))}
          </g>
        );
      })}
    </ZIndexLayer>
  );
});
