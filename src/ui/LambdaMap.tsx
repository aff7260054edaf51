import { memo } from 'react';
import { formatLambda, LAMBDA_STEPS, lambdaFromPosition } from '../router/lambdaScale';
import { winnerAt, type LambdaSegment } from '../router/lambdaMap';
import { formatBudget, formatCount } from './format';

/**
 * Where a λ sits on the slider's track, as a fraction of it: the slider's own scale,
 * log10(λ/(1 − λ)) over [0, 8], not rounded to its steps, so breakpoints land where they are.
 * λ up to 1/2 (worth less than a quality point per dollar) sits at the left end, as on the slider.
 */
export function trackFraction(lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda >= 1) return 1;
  const f = Math.log10(lambda / (1 - lambda)) / 8;
  return Math.min(1, Math.max(0, f));
}

/** A λ inside a segment for a click: the slider step nearest its middle when that step lands in it, else the raw middle. */
export function lambdaInside(map: readonly LambdaSegment[], s: LambdaSegment): number {
  const mid = ((trackFraction(s.from) + trackFraction(s.to)) / 2) * LAMBDA_STEPS;
  const stepped = lambdaFromPosition(mid);
  if (winnerAt(map, stepped) === s.winner) return stepped;
  const raw = s.from === s.to ? s.from : (s.from + s.to) / 2;
  return winnerAt(map, raw) === s.winner ? raw : s.withFrom ? s.from : s.to;
}

/** Labels only where a segment has room for them (a share of the track). */
const LABEL_MIN = 0.07;

const shortBudget = (s: LambdaSegment) => (s.winner.budget === 'unlimited' ? 'no limit' : formatCount(s.winner.budget));

interface RibbonProps {
  map: readonly LambdaSegment[];
  colors: ReadonlyMap<string, string>;
  testId: string;
  label: string;
  labels: boolean;
  onPick: (lambda: number) => void;
}

/** One router's segments across the slider's track; memoised, as it ignores the current λ. */
const Ribbon = memo(function Ribbon({ map, colors, testId, label, labels, onPick }: RibbonProps) {
  return (
    <div
      className={labels ? 'lambda-ribbon' : 'lambda-ribbon thin'}
      data-testid={testId}
      aria-label={label}
      role="group"
    >
      {map.map((s, i) => {
        const left = trackFraction(s.from);
        const width = trackFraction(s.to) - left;
        const pair = `${s.winner.model} (${formatBudget(s.winner.budget)})`;
        return (
          <button
            key={i}
            type="button"
            className={width === 0 ? 'lambda-segment point' : 'lambda-segment'}
            data-testid="lambda-segment"
            data-model={s.winner.model}
            data-budget={String(s.winner.budget)}
            data-lambda-from={String(s.from)}
            data-lambda-to={String(s.to)}
            title={`${pair} for λ from ${formatLambda(s.from)} to ${formatLambda(s.to)}`}
            aria-label={`${label}: ${pair}, λ ${formatLambda(s.from)} to ${formatLambda(s.to)}`}
            style={{ left: `${left * 100}%`, width: `${width * 100}%`, background: colors.get(s.winner.model) }}
            onClick={() => onPick(lambdaInside(map, s))}
          >
            {labels && width >= LABEL_MIN ? shortBudget(s) : null}
          </button>
        );
      })}
    </div>
  );
});

interface Props {
  r2: readonly LambdaSegment[];
  reactive: readonly LambdaSegment[];
  colors: ReadonlyMap<string, string>;
  lambda: number;
  onPick: (lambda: number) => void;
}

/**
 * The λ map under the λ slider: which (LLM, budget) R2 picks on every stretch of λ for this
 * query and cap, and below it, thinner, the reactive router's LLM. Click a stretch to move λ there.
 */
function LambdaMapView({ r2, reactive, colors, lambda, onPick }: Props) {
  if (r2.length === 0) return null;
  return (
    <div className="lambda-maps">
      <div className="lambda-track">
        <Ribbon map={r2} colors={colors} testId="lambda-map" label="R2" labels onPick={onPick} />
        {reactive.length > 0 && (
          <Ribbon
            map={reactive}
            colors={colors}
            testId="reactive-lambda-map"
            label="Reactive"
            labels={false}
            onPick={onPick}
          />
        )}
        <div className="lambda-now" style={{ left: `${trackFraction(lambda) * 100}%` }} aria-hidden />
      </div>
      <div className="lambda-map-legend">
        <span>R2’s choice at every λ (budget in tokens)</span>
        <span>thin: reactive</span>
      </div>
    </div>
  );
}

export const LambdaMap = memo(LambdaMapView);
