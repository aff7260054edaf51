import type { PlanTotals } from '../../workload/plan';
import type { Savings } from '../../workload/savings';
import { formatCount, formatQuality, formatUsd } from '../format';

interface Props {
  r2: PlanTotals;
  reactive: PlanTotals;
  savings: Savings;
}

const ratioText = (r: number) => `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;

/** Totals and means per router, and the savings: what R2 pays to match the reactive router's quality. */
export function WorkloadSummary({ r2, reactive, savings }: Props) {
  const rows: [string, (t: PlanTotals) => string][] = [
    ['queries routed', (t) => formatCount(t.routed)],
    ['mean predicted quality', (t) => formatQuality(t.meanQuality)],
    ['mean cost per query', (t) => formatUsd(t.meanCostUsd)],
    ['total cost', (t) => formatUsd(t.totalCostUsd)],
    ['mean output tokens', (t) => formatCount(t.meanOutputTokens)],
  ];
  return (
    <div className="workload-summary">
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th />
              <th>R2 (LLM × length)</th>
              <th>reactive (LLM only)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, f]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="mono">{f(r2)}</td>
                <td className="mono">{f(reactive)}</td>
              </tr>
            ))}
            {(r2.unrouted > 0 || reactive.unrouted > 0) && (
              <tr>
                <th scope="row">nothing under the cap</th>
                <td className="mono">{formatCount(r2.unrouted)}</td>
                <td className="mono">{formatCount(reactive.unrouted)}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div
        className="savings"
        data-testid="workload-savings"
        data-cost-ratio={savings.costRatio === null ? '' : String(savings.costRatio)}
      >
        {savings.costRatio !== null && savings.r2CostUsd !== null ? (
          <>
            <strong className="savings-ratio">{ratioText(savings.costRatio)}</strong>
            <span>
              lower cost: R2 reaches the reactive router’s mean predicted quality (
              {formatQuality(savings.targetQuality)}) at {formatUsd(savings.r2CostUsd)} per query, against{' '}
              {formatUsd(savings.reactiveCostUsd)}. Predicted, on these queries, from R2’s deferral curve.
            </span>
          </>
        ) : (
          <span>
            R2’s predicted curve does not reach the reactive router’s mean quality (
            {formatQuality(savings.targetQuality)}) on these queries.
          </span>
        )}
      </div>
    </div>
  );
}
