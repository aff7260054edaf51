import { memo, useRef } from 'react';
import type { GuessPick } from '../../router/guess';
import type { Cap, Candidate, ModelCurve } from '../../router/types';
import { useView } from '../../state/viewStore';
import { AxisToggle } from '../AxisToggle';
import { ChartExport } from '../ExportButtons';
import { Legend } from '../Legend';
import { CurvesChart } from './CurvesChart';

interface Props {
  /** The curves of the current prediction: their count decides between chart and message. */
  curves: readonly ModelCurve[];
  /** What the chart draws: the same, deferred together with the markers. */
  chart: {
    curves: readonly ModelCurve[];
    selection: Candidate | null;
    baseline: Candidate | null;
    cap: Cap;
    frontier: readonly Candidate[];
    reactiveFrontier: readonly Candidate[];
  };
  colors: ReadonlyMap<string, string>;
  inputTokens: number;
  stale: boolean;
  /** Shown instead of the chart when there are no curves. */
  message: string;
  /** Guess mode: R2's choice and iso-score line are hidden until a pick, made by clicking a marker. */
  guess?: { onPick?: (pick: GuessPick) => void; pick: Candidate | null; hideChoice: boolean };
}

/** The quality-vs-length (or cost) chart with its axis toggle and legend, or why it is empty. */
function ChartPanelView({ curves, chart, colors, inputTokens, stale, message, guess }: Props) {
  const xAxis = useView((s) => s.xAxis);
  const chartRef = useRef<HTMLDivElement>(null);
  const selection = guess?.hideChoice ? null : chart.selection;
  return (
    <section className="panel chart-panel">
      <div className="panel-head">
        <h2>Predicted quality vs {xAxis === 'tokens' ? 'output length' : 'cost'}</h2>
        <div className="panel-tools">
          <AxisToggle />
          <ChartExport
            chartRef={chartRef}
            curves={chart.curves}
            colors={colors}
            r2={selection}
            reactive={chart.baseline}
          />
        </div>
      </div>
      <div
        ref={chartRef}
        className={stale ? 'chart stale' : 'chart'}
        data-testid="curves-chart"
        data-lines={curves.length}
        aria-busy={stale}
      >
        {curves.length > 0 ? (
          <CurvesChart
            curves={chart.curves}
            colors={colors}
            mode={xAxis}
            inputTokens={inputTokens}
            cap={chart.cap}
            selection={selection}
            baseline={chart.baseline}
            frontier={chart.frontier}
            reactiveFrontier={chart.reactiveFrontier}
            onPick={guess?.onPick}
            pick={guess?.pick}
          />
        ) : (
          <div className="chart-empty" data-testid="chart-message">
            {message}
          </div>
        )}
      </div>
      {curves.length > 0 && (
        <p className="chart-key" data-testid="chart-key">
          <span className={xAxis === 'usd' ? 'key-frontier' : 'key-point'} /> R2 frontier: every choice R2 can make
          here, whatever λ{' '}
          {xAxis === 'usd' ? (
            <>
              · <span className="key-reactive" /> reactive frontier · <span className="key-iso" /> iso-score line
              through R2’s choice (equal score at this λ)
            </>
          ) : (
            '· switch to cost for the frontier’s edges and the iso-score line'
          )}
        </p>
      )}
      <Legend curves={curves} colors={colors} />
    </section>
  );
}

export const ChartPanel = memo(ChartPanelView);
