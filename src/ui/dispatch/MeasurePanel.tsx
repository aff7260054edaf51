import { useId, useState } from 'react';
import { useStore } from 'zustand';
import type { PoolEntry } from '../../bundle/manifest';
import { dispatchHistoryStore } from '../../dispatch/historyStore';
import { judgeStore, resolveJudge } from '../../dispatch/judgeStore';
import { measuredCurves, planMeasure } from '../../dispatch/measure';
import type { MeasureContext } from '../../dispatch/measureRun';
import { providerModelId } from '../../dispatch/providers';
import { dispatchSettingsStore } from '../../dispatch/settingsStore';
import type { ModelCurve } from '../../router/types';
import { formatBudget, formatCount, formatQuality, formatUsd } from '../format';
import { useMeasureRun } from './useMeasureRun';

export interface MeasurePanelProps {
  query: string;
  curves: readonly ModelCurve[];
  pool: readonly PoolEntry[];
  inputTokens: number;
  /** Why nothing can be sent now (settings, judge prompt, no query), or empty. */
  blocked: string[];
}

function Confirm({ ctx, onConfirm, onCancel }: { ctx: MeasureContext; onConfirm: () => void; onCancel: () => void }) {
  const { plan } = ctx;
  return (
    <div
      className="measure-confirm"
      data-testid="measure-plan"
      data-calls={plan.calls.length}
      data-cost-usd={plan.costUsd}
    >
      <p>
        <strong>{plan.calls.length} calls</strong> to {ctx.settings.endpoint}: {plan.model} ({ctx.providerModelId}) at{' '}
        {plan.budgets.length} budgets, each answer judged by {ctx.judge.model}. Estimated cost{' '}
        <strong>{formatUsd(plan.costUsd)}</strong>
        {plan.complete ? '' : ' plus the judge’s calls, whose price is unknown'}, from the pool’s prices: each answer at
        its full budget (unlimited at the predicted natural length), each verdict at about 40 tokens.
      </p>
      <details>
        <summary>The calls</summary>
        <ol className="measure-calls">
          {plan.calls.map((c) => (
            <li key={`${c.kind}@${c.budget}`} data-testid="measure-call" data-cost-usd={c.costUsd ?? ''}>
              {c.kind} {formatBudget(c.budget)}: ~{formatCount(c.inputTokens)} in, ~{formatCount(c.outputTokens)} out,{' '}
              {c.costUsd === null ? 'price unknown' : formatUsd(c.costUsd)}
            </li>
          ))}
        </ol>
      </details>
      <div className="measure-actions">
        <button type="button" className="primary" data-testid="measure-confirm" onClick={onConfirm}>
          Send {plan.calls.length} calls
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Measures one LLM's quality-vs-length curve for real: every budget sent, every answer judged. */
export function MeasurePanel({ query, curves, pool, inputTokens, blocked }: MeasurePanelProps) {
  const ids = useId();
  const [picked, setPicked] = useState('');
  const run = useMeasureRun();
  const entries = useStore(dispatchHistoryStore, (s) => s.entries);
  const model = curves.some((c) => c.model === picked) ? picked : (curves[0]?.model ?? '');
  const curve = curves.find((c) => c.model === model);
  const entry = pool.find((p) => p.name === model);
  const busy = run.state.phase === 'running';
  const reasons = [...blocked, ...(curve && entry ? [] : ['No predicted curve to measure yet.'])];

  const plan = () => {
    if (!curve || !entry) return;
    const settings = dispatchSettingsStore.getState();
    const judgeSettings = judgeStore.getState();
    const judge = resolveJudge(judgeSettings, pool, settings);
    run.plan({
      plan: planMeasure({
        curve,
        query,
        inputTokens,
        judgePrices: judge.prices,
        judgeTemplate: judgeSettings.prompt,
        reference: judgeSettings.goldenAnswer,
      }),
      entry,
      providerModelId: providerModelId(settings.provider, settings.modelIds, entry),
      query,
      inputTokens,
      judge,
      judgeTemplate: judgeSettings.prompt,
      reference: judgeSettings.goldenAnswer,
      settings,
      runId: new Date().toISOString(),
    });
  };

  const s = run.state;
  const shown =
    s.phase === 'idle' ? null : measuredCurves(entries, s.ctx.query).find((m) => m.model === s.ctx.plan.model);
  // A budget counts as measured once its answer has a verdict; one waiting for it is judged on resume.
  const landed = shown?.points.filter((p) => p.judged).length ?? 0;

  return (
    <div className="measure" data-testid="measure-panel" data-phase={s.phase}>
      <h3>Measure the curve for real</h3>
      <p className="hint">
        Sends the query to one LLM at every anchor budget and with no limit, judges each answer, and draws the measured
        points on the chart next to the prediction (△, dashed; judged quality against the tokens really written). The
        points stay in this session’s history and its exports.
      </p>
      <div className="measure-actions">
        <label htmlFor={`${ids}-model`}>LLM</label>
        <select
          id={`${ids}-model`}
          value={model}
          disabled={busy}
          data-testid="measure-model"
          onChange={(e) => setPicked(e.currentTarget.value)}
        >
          {curves.map((c) => (
            <option key={c.model} value={c.model}>
              {c.model}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="measure-curve"
          disabled={busy || s.phase === 'confirm' || reasons.length > 0}
          title={reasons[0]}
          onClick={plan}
        >
          Measure…
        </button>
        <button type="button" data-testid="measure-stop" disabled={!busy} onClick={run.stop}>
          Stop
        </button>
      </div>
      {reasons.length > 0 && s.phase === 'idle' && <p className="hint">{reasons[0]}</p>}

      {s.phase === 'confirm' && <Confirm ctx={s.ctx} onConfirm={run.confirm} onCancel={run.dismiss} />}

      {s.phase !== 'idle' && s.phase !== 'confirm' && (
        <div className="measure-progress" data-testid="measure-progress" data-landed={landed}>
          <progress max={s.ctx.plan.budgets.length} value={landed} /> {landed} of {s.ctx.plan.budgets.length} budgets
          measured
          {s.phase === 'running' &&
            ` · now ${s.stage === 'answer' ? 'asking' : 'judging'} at ${formatBudget(s.ctx.plan.budgets[s.index]!)}`}
          {s.phase === 'done' && ' · done'}
        </div>
      )}

      {s.phase === 'stopped' && (
        <div
          className="dispatch-error"
          role="alert"
          data-testid="measure-error"
          data-kind={s.stop.failure.kind}
          data-budget={s.stop.budget}
        >
          {s.stop.failure.kind === 'rate-limit' ? 'Paused' : 'Stopped'} at budget {formatBudget(s.stop.budget)} (
          {s.stop.stage === 'answer' ? 'the answer' : 'judging the answer'})
          {s.stop.failure.kind === 'stopped' ? ', as asked.' : `: ${s.stop.failure.message}`}{' '}
          {landed === 1 ? 'The 1 point measured so far is kept' : `The ${landed} points measured so far are kept`}
          {s.stop.pending ? ', and the answer received, which Resume judges without asking for it again.' : '.'}{' '}
          <button type="button" data-testid="measure-resume" onClick={run.resume}>
            Resume from {formatBudget(s.stop.budget)}
          </button>
        </div>
      )}

      {shown && shown.points.length > 0 && s.phase !== 'idle' && (
        <div className="table-scroll">
          <table className="measure-points">
            <thead>
              <tr>
                <th>budget</th>
                <th>quality pred. → judged</th>
                <th>tokens pred. → actual</th>
                <th>cost</th>
              </tr>
            </thead>
            <tbody>
              {shown.points.map((p) => {
                const k = s.ctx.plan.budgets.indexOf(p.budget);
                const predicted = s.ctx.plan.predicted[k];
                return (
                  <tr key={String(p.budget)}>
                    <td>{formatBudget(p.budget)}</td>
                    <td>
                      {predicted ? formatQuality(predicted.quality) : '—'} →{' '}
                      {p.quality !== null ? formatQuality(p.quality) : p.judged ? 'invalid verdict' : 'not judged yet'}
                    </td>
                    <td>
                      {predicted ? formatCount(predicted.outputTokens) : '—'} → {formatCount(p.tokens)}
                    </td>
                    <td>{formatUsd(p.costUsd)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
