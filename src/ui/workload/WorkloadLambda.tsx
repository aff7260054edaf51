import { formatLambda, LAMBDA_STEPS, lambdaFromPosition, positionFromLambda } from '../../router/lambdaScale';
import type { Cap } from '../../router/types';
import { formatTokens, formatUsd } from '../format';

interface Props {
  lambda: number;
  cap: Cap;
  onChange: (lambda: number) => void;
}

/** The view's λ, on the main slider's scale; the cap is the one set in the main view. */
export function WorkloadLambda({ lambda, cap, onChange }: Props) {
  return (
    <div className="control">
      <div className="control-head">
        <label htmlFor="workload-lambda">Quality ↔ cost, for every query</label>
        <span className="mono" data-testid="workload-lambda-value">
          λ = {formatLambda(lambda)}
        </span>
      </div>
      <input
        id="workload-lambda"
        data-testid="workload-lambda"
        type="range"
        min={0}
        max={LAMBDA_STEPS}
        step={1}
        value={positionFromLambda(lambda)}
        aria-valuetext={`lambda ${formatLambda(lambda)}`}
        onChange={(e) => onChange(lambdaFromPosition(Number(e.target.value)))}
      />
      <p className="hint">
        Cap per call: {cap === null ? 'none' : cap.kind === 'tokens' ? formatTokens(cap.max) : formatUsd(cap.max)} (set
        in the single-query view). Prices and enabled LLMs: the pool below.
      </p>
    </div>
  );
}
