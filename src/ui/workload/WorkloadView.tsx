import { memo, useState } from 'react';
import type { Manifest } from '../../bundle/manifest';
import type { Report } from '../../evaluate/report';
import type { PlanFilter } from '../../workload/plan';
import { NO_LLM_ENABLED } from '../../state/useEffectivePool';
import { useView } from '../../state/viewStore';
import { worthWaiting } from '../../predictor/readiness';
import { usePredictor } from '../../predictor/usePredictor';
import { useReadiness } from '../../predictor/useReadiness';
import { EncoderPanel } from '../EncoderPanel';
import { PoolEditor } from '../PoolEditor';
import { formatCount, formatMs, formatTokens, formatUsd } from '../format';
import { DeferralChart } from './DeferralChart';
import { GroundTruth } from './GroundTruth';
import { PlanChart } from './PlanChart';
import { PlanQueries } from './PlanQueries';
import { useWorkloadPlan } from './useWorkloadPlan';
import { WorkloadExports } from './WorkloadExports';
import { WorkloadInputs } from './WorkloadInputs';
import { LambdaSlider } from '../LambdaSlider';
import { WorkloadStatus } from './WorkloadStatus';
import { WorkloadSummary } from './WorkloadSummary';
import { useWorkload } from './workloadStore';
import './workload.css';

const R2_COLOR = '#1d4ed8';
const REACTIVE_COLOR = '#d97706';
// The pool and the results skip the render that only moves the λ slider: the plan follows in a deferred one.
const Pool = memo(PoolEditor);

type Plan = NonNullable<ReturnType<typeof useWorkloadPlan>['plan']>;
type Curves = NonNullable<ReturnType<typeof useWorkloadPlan>['curves']>;

interface ResultsProps {
  manifest: Manifest;
  plan: Plan;
  curves: Curves;
  report: Report | null;
  colors: Map<string, string>;
  routing: boolean;
  /** New queries are being read or predicted: the plan on screen is the previous one. */
  predicting: boolean;
  routeMs: number | null;
  capped: boolean;
}

const WorkloadResults = memo(function WorkloadResults({
  manifest,
  plan,
  curves,
  report,
  colors,
  routing,
  predicting,
  routeMs,
  capped,
}: ResultsProps) {
  // The part of the plan picked in the chart, for the queries it was picked on: other queries make it meaningless.
  const [picked, setPicked] = useState<{ texts: readonly string[]; filter: PlanFilter } | null>(null);
  const filter = picked?.texts === plan.texts ? picked.filter : null;
  const pick = (f: PlanFilter | null) => setPicked(f && { texts: plan.texts, filter: f });

  const namedCurves = [
    { name: 'r2 predicted', points: curves.r2 },
    { name: 'reactive predicted', points: curves.reactive },
    ...(report
      ? (['r2', 'reactive', 'oracle'] as const).map((m) => ({ name: `${m} actual`, points: report.curves[m] }))
      : []),
  ];

  return (
    <>
      <section
        className="panel"
        data-testid="workload-plan"
        data-queries={plan.texts.length}
        data-routing={routing ? 'true' : 'false'}
        aria-busy={routing}
      >
        <div className="panel-head">
          <h2>Routing plan: {formatCount(plan.texts.length)} queries</h2>
          <span className="hint">
            {predicting
              ? 'The previous plan, until the new queries are predicted; it follows λ when the slider rests'
              : routing
                ? 'Re-routing…'
                : routeMs !== null && `routed in ${formatMs(routeMs)}, no re-prediction`}
          </span>
        </div>
        <PlanChart
          manifest={manifest}
          r2={plan.r2Totals}
          reactive={plan.reactiveTotals}
          colors={colors}
          picked={filter}
          onPick={pick}
        />
        <WorkloadSummary r2={plan.r2Totals} reactive={plan.reactiveTotals} savings={plan.savings} capped={capped} />
        <WorkloadExports texts={plan.texts} r2={plan.r2} reactive={plan.reactive} curves={namedCurves} />
      </section>

      <section className="panel">
        <DeferralChart
          title="Predicted deferral curves over λ"
          testId="workload-predicted-chart"
          fileName="workload-predicted-curves"
          series={[
            { name: 'R2 (predicted)', color: R2_COLOR, points: curves.r2 },
            { name: 'reactive (predicted)', color: REACTIVE_COLOR, points: curves.reactive },
          ]}
          markers={[
            {
              label: `R2 at the current λ`,
              color: R2_COLOR,
              point: { cost: plan.r2Totals.meanCostUsd, quality: plan.r2Totals.meanQuality },
            },
            {
              label: `reactive at the current λ`,
              color: REACTIVE_COLOR,
              point: { cost: plan.reactiveTotals.meanCostUsd, quality: plan.reactiveTotals.meanQuality },
            },
          ]}
        />
        <p className="hint">Mean predicted quality and cost per query at 50 values of λ; the dots are the current λ.</p>
      </section>

      {report && <GroundTruth report={report} />}

      <section className="panel">
        <h2>Queries</h2>
        <PlanQueries
          texts={plan.texts}
          r2={plan.r2}
          reactive={plan.reactive}
          filter={filter}
          onClearFilter={() => pick(null)}
        />
      </section>
    </>
  );
});

/** A whole file of queries routed at once: the plan, the savings, the curves and, with a folder, the ground truth. */
export function WorkloadView() {
  const w = useWorkloadPlan();
  const { manifest, plan, curves } = w;
  const readiness = useReadiness();
  const encoderSpec = usePredictor((s) => s.manifest?.encoder);
  const blocked = readiness.ready || worthWaiting(readiness) ? null : readiness;
  const report = useWorkload((s) => s.report);
  const lambda = useView((s) => s.lambda);
  const setLambda = useView((s) => s.setLambda);
  const cap = useView((s) => s.cap);
  const overrides = useView((s) => s.pool);
  const overrideModel = useView((s) => s.overrideModel);
  const resetPool = useView((s) => s.resetPool);
  const noneEnabled = manifest !== null && !w.anyEnabled;

  return (
    <div className="workload-view" data-testid="workload">
      <section className="panel">
        <h2>Route a whole workload</h2>
        <p className="hint">
          Every query is predicted by the loaded bundle ({manifest?.card.title ?? 'loading…'})
          {manifest?.card.simulated ? ', whose qualities come from a simulation, not from real LLMs,' : ''} and routed
          by both routers at the λ, cap and pool below.
        </p>
        <WorkloadInputs blocked={blocked} />
        <WorkloadStatus overLimit={w.overLimit} maxChars={w.maxChars} />
        {w.otherBundle && (
          <p className="banner note" data-testid="workload-other-bundle">
            These queries were predicted with another bundle: pick the file or folder again to predict them with this
            one.
          </p>
        )}
      </section>

      {encoderSpec?.kind === 'qwen3-embedding' && <EncoderPanel key={encoderSpec.model} spec={encoderSpec} />}

      <section className="panel controls">
        <LambdaSlider id="workload-lambda" label="Quality ↔ cost, for every query" lambda={lambda} onChange={setLambda}>
          <p className="hint">
            Cap per call: {cap === null ? 'none' : cap.kind === 'tokens' ? formatTokens(cap.max) : formatUsd(cap.max)}{' '}
            (set in the single-query view). Prices and enabled LLMs: the pool below.
          </p>
        </LambdaSlider>
      </section>

      {noneEnabled && (
        <p className="banner note" data-testid="workload-no-llm">
          {NO_LLM_ENABLED}
        </p>
      )}

      {plan && manifest && curves && !noneEnabled && (
        <WorkloadResults
          manifest={manifest}
          plan={plan}
          curves={curves}
          report={report}
          colors={w.colors}
          routing={w.routing}
          predicting={w.predicting}
          routeMs={w.routeMs}
          capped={cap !== null}
        />
      )}

      {manifest && (
        <Pool
          effective={w.pool}
          enabled={w.enabled}
          colors={w.colors}
          edited={Object.keys(overrides).length > 0}
          onChange={overrideModel}
          onReset={resetPool}
        />
      )}
    </div>
  );
}
