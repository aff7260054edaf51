import {
  formatLambda,
  LAMBDA_STEPS,
  lambdaFromPosition,
  positionFromLambda,
  usdPerTenthQuality,
} from '../router/lambdaScale';
import type { ReactNode } from 'react';
import { formatUsd } from './format';

const R2_DEFAULT_LAMBDA = 0.99999;

interface Props {
  lambda: number;
  onChange: (lambda: number) => void;
  /** Drawn just under the track, on its scale (the λ map). */
  children?: ReactNode;
}

export function LambdaSlider({ lambda, onChange, children }: Props) {
  const perTenth = usdPerTenthQuality(lambda);
  return (
    <div className="control">
      <div className="control-head">
        <label htmlFor="lambda">Quality ↔ cost</label>
        <span className="mono" data-testid="lambda-value">
          λ = {formatLambda(lambda)}
        </span>
      </div>
      <input
        id="lambda"
        data-testid="lambda-slider"
        type="range"
        min={0}
        max={LAMBDA_STEPS}
        step={1}
        value={positionFromLambda(lambda)}
        aria-valuetext={`lambda ${formatLambda(lambda)}`}
        onChange={(e) => onChange(lambdaFromPosition(Number(e.target.value)))}
      />
      {children}
      <div className="control-ends">
        <span>best quality (λ = 0)</span>
        <span>cheapest (λ = 1)</span>
      </div>
      <p className="hint">
        {lambda === 0
          ? 'Cost is ignored: the best predicted answer wins.'
          : lambda === 1
            ? 'Quality is ignored: the cheapest call wins.'
            : `Pays up to ${formatUsd(perTenth)} per call for +0.1 predicted quality.`}{' '}
        {lambda !== R2_DEFAULT_LAMBDA && (
          <button type="button" className="link" onClick={() => onChange(R2_DEFAULT_LAMBDA)}>
            R2-Router default (0.99999)
          </button>
        )}
      </p>
    </div>
  );
}
