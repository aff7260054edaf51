import {
  formatLambda,
  LAMBDA_STEPS,
  lambdaFromPosition,
  positionFromLambda,
  usdPerTenthQuality,
} from '../router/lambdaScale';
import type { ReactNode } from 'react';
import { RELEASE_DEFAULT_LAMBDA } from '../config';
import { formatUsd } from './format';

interface Props {
  lambda: number;
  onChange: (lambda: number) => void;
  /** Drawn just under the track, on its scale (the λ map). */
  children?: ReactNode;
  /** The main view's slider unless said otherwise (the workload view has its own, on the same λ). */
  id?: string;
  label?: string;
}

export function LambdaSlider({ lambda, onChange, children, id = 'lambda', label = 'Quality ↔ cost' }: Props) {
  // The main slider keeps its historical test ids; another one is named after its id.
  const testId = id === 'lambda' ? 'lambda-slider' : id;
  const perTenth = usdPerTenthQuality(lambda);
  return (
    <div className="control">
      <div className="control-head">
        <label htmlFor={id}>{label}</label>
        <span className="mono" data-testid={id === 'lambda' ? 'lambda-value' : `${id}-value`}>
          λ = {formatLambda(lambda)}
        </span>
      </div>
      <input
        id={id}
        data-testid={testId}
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
        {lambda !== RELEASE_DEFAULT_LAMBDA && (
          <button type="button" className="link" onClick={() => onChange(RELEASE_DEFAULT_LAMBDA)}>
            R2-Router default ({formatLambda(RELEASE_DEFAULT_LAMBDA)})
          </button>
        )}
      </p>
    </div>
  );
}
