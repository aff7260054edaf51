import { CAP_STEPS, capFromPosition, positionFromCap, type CapRange } from '../router/capScale';
import type { Cap, CostUnit } from '../router/types';
import { formatCount, formatUsd } from './format';

interface Props {
  kind: CostUnit;
  cap: Cap;
  range: CapRange | null;
  onKind: (kind: CostUnit) => void;
  onChange: (cap: Cap) => void;
}

function describe(cap: Cap): string {
  if (cap === null) return 'no cap';
  return cap.kind === 'tokens' ? `≤ ${formatCount(cap.max)} output tokens` : `≤ ${formatUsd(cap.max)} per call`;
}

export function CapSlider({ kind, cap, range, onKind, onChange }: Props) {
  return (
    <div className="control">
      <div className="control-head">
        <label htmlFor="budget-cap">Budget cap</label>
        <button
          type="button"
          className="toggle"
          data-testid="cap-mode"
          data-mode={kind}
          aria-pressed={kind === 'usd'}
          title="Cap output tokens or total USD per call"
          onClick={() => onKind(kind === 'tokens' ? 'usd' : 'tokens')}
        >
          {kind === 'tokens' ? 'tokens' : 'USD'} ⇄
        </button>
        <span className="mono" data-testid="cap-value" data-cap-max={cap === null ? '' : String(cap.max)}>
          {describe(cap)}
        </span>
      </div>
      <input
        id="budget-cap"
        data-testid="budget-slider"
        type="range"
        min={0}
        max={CAP_STEPS}
        step={1}
        disabled={range === null}
        value={range ? positionFromCap(cap, range) : CAP_STEPS}
        aria-valuetext={describe(cap)}
        onChange={(e) => range && onChange(capFromPosition(Number(e.target.value), range))}
      />
      <div className="control-ends">
        <span>{range ? (kind === 'tokens' ? `${range.min} tok` : formatUsd(range.min)) : ''}</span>
        <span>no cap</span>
      </div>
    </div>
  );
}
