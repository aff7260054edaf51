import type { Report } from '../../evaluate/report';
import { formatCount, formatQuality } from '../format';
import { DeferralChart } from './DeferralChart';

const METHODS = [
  ['r2', 'R2', '#1d4ed8', undefined],
  ['reactive', 'reactive', '#d97706', undefined],
  ['oracle', 'oracle', '#2ca02c', '6 4'],
] as const;

/** What actually happened on the held-out queries: the table and curves `npm run evaluate` reports. */
export function GroundTruth({ report }: { report: Report }) {
  const m = report.heldOut;
  const f = (x: number) => x.toFixed(4);
  return (
    <section className="panel">
      <h2>Against the ground truth</h2>
      <p className="hint">
        Realised quality (the dataset’s judge scores) and cost (its token counts) of each router’s choices on the{' '}
        {formatCount(m.queries)} held-out queries, by the same code as <span className="mono">npm run evaluate</span>.
        AUDC: area under the deferral curve on normalised cost; QNC: the normalised cost at which it first reaches the
        best single LLM ({report.bestSingleModel.name}, {formatQuality(report.bestSingleModel.quality)}); peak: its best
        mean quality.
      </p>
      <table
        className="table"
        data-testid="workload-metrics"
        data-held-out={m.queries}
        data-r2-audc={m.r2.audc}
        data-r2-qnc={m.r2.qnc}
        data-r2-peak={m.r2.peak}
        data-reactive-audc={m.reactive.audc}
        data-reactive-qnc={m.reactive.qnc}
        data-reactive-peak={m.reactive.peak}
        data-oracle-audc={m.oracle.audc}
      >
        <thead>
          <tr>
            <th>method</th>
            <th>AUDC ↑</th>
            <th>QNC ↓</th>
            <th>peak ↑</th>
          </tr>
        </thead>
        <tbody>
          {METHODS.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className="mono">{f(m[key].audc)}</td>
              <td className="mono">{f(m[key].qnc)}</td>
              <td className="mono">{f(m[key].peak)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <DeferralChart
        title="Actual deferral curves (held-out)"
        testId="workload-actual-chart"
        fileName="workload-actual-curves"
        series={METHODS.map(([key, label, color, dash]) => ({
          name: `${label} (actual)`,
          color,
          dash,
          points: report.curves[key],
        }))}
        level={{ label: `best single LLM: ${report.bestSingleModel.name}`, quality: report.bestSingleModel.quality }}
      />
    </section>
  );
}
