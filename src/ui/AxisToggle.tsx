import { memo } from 'react';
import { useView } from '../state/viewStore';

/** The chart's x-axis: output tokens, or USD per call. */
function AxisToggleView() {
  const xAxis = useView((s) => s.xAxis);
  const setXAxis = useView((s) => s.setXAxis);
  return (
    <button
      type="button"
      className="toggle"
      data-testid="x-axis-mode"
      data-mode={xAxis}
      aria-pressed={xAxis === 'usd'}
      onClick={() => setXAxis(xAxis === 'tokens' ? 'usd' : 'tokens')}
    >
      x: {xAxis === 'tokens' ? 'tokens' : 'USD'} ⇄
    </button>
  );
}

export const AxisToggle = memo(AxisToggleView);
