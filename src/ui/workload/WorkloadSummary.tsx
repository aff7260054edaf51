import type { PlanTotals } from '../../workload/plan';
import type { Savings } from '../../workload/savings';
import { formatCount, formatQuality, formatUsd } from '../format';

interface Props {
  r2: PlanTotals;
  reactive: PlanTotals;
  savings: Savings;
  /** Whether a cap is set: queries without a choice are then under no option of the cap. */
  capped: boolean;
}

const ratioText = (r: number) => `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;

/** The savings in words that agree with the table above at the edges: free calls, and R2 paying more. */
function SavingsText({ savings }: { savings: Savings }) {
  const { targetQuality, r2CostUsd, reactiveCostUsd, costRatio } = savings;
  const target = `the reactive router’s mean predicted quality (${formatQuality(targetQuality)})`;
  if (r2CostUsd === null) return <span>R2’s predicted curve does not reach {target} on these queries.</span>;
  if (costRatio === null)
    return <span>Both routers reach {target} with free calls only: there is nothing to save.</span>;
  const reach = `R2 reaches ${target} at ${formatUsd(r2CostUsd)} per query, against ${formatUsd(reactiveCostUsd)}. Predicted, on these queries, from R2’s deferral curve.`;
  const [head, tail] =
    r2CostUsd === 0
      ? ['free', reach]
      : costRatio >= 1
        ? [ratioText(costRatio), `lower cost: ${reach}`]
        : [ratioText(1 / costRatio), `the reactive router’s cost: ${reach}`];
  return (
    <>
      <strong className="savings-ratio">{head}</strong>
      <span>{tail}</span>
    </>
  );
}

/** Totals and means per router, and the savings: what R2 pays to match the reactive router's quality. */
export function WorkloadSummary({ r2, reactive, savings, capped }: Props) {
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
                <th scope="row">{capped ? 'nothing under the cap' : 'not routed'}</th>
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
        <SavingsText savings={savings} />
      </div>
    </div>
  );
}
