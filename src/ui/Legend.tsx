import { memo } from 'react';
import type { ModelCurve } from '../router/types';

interface Props {
  curves: readonly ModelCurve[];
  colors: ReadonlyMap<string, string>;
}

/** One swatch per curve on the chart, and what the markers mean. */
function LegendView({ curves, colors }: Props) {
  return (
    <ul className="legend">
      {curves.map((c) => (
        <li key={c.model}>
          <span className="swatch" style={{ background: colors.get(c.model) }} />
          {c.model}
        </li>
      ))}
      {curves.length > 0 && (
        <li className="muted">◇ natural length (no instruction) · ○ R2 choice · ◌ reactive choice</li>
      )}
    </ul>
  );
}

export const Legend = memo(LegendView);
