import { useState } from 'react';
import { useStore } from 'zustand';
import type { PoolEntry } from '../../bundle/manifest';
import { maxTokensGuard } from '../../dispatch/instruction';
import { judgePromptProblems } from '../../dispatch/judge';
import { judgeStore, resolveJudge } from '../../dispatch/judgeStore';
import { dispatchHistoryStore } from '../../dispatch/historyStore';
import { providerModelId, type ModelIdEdits, type ProviderId } from '../../dispatch/providers';
import { settingsProblems } from '../../dispatch/settings';
import { dispatchSettingsStore } from '../../dispatch/settingsStore';
import type { Candidate, ModelCurve } from '../../router/types';
import { formatUsd } from '../format';
import { CalibrationPanel } from '../calibration/CalibrationPanel';
import { DispatchHistory } from './DispatchHistory';
import { DispatchSettingsForm } from './DispatchSettingsForm';
import { JudgeSettings } from './JudgeSettings';
import { MeasurePanel } from './MeasurePanel';
import { RunColumn, type JudgeControl } from './RunColumn';
import { useDispatchRuns, type Job } from './useDispatchRuns';
import './dispatch.css';

export interface DispatchPanelProps {
  query: string;
  r2: Candidate | null;
  reactive: Candidate | null;
  /** The pool as the person edited it: provider ids and prices. */
  pool: PoolEntry[];
  inputTokens: number;
  /** The predicted curves, for measuring one for real. */
  curves: readonly ModelCurve[];
}

interface Naming {
  provider: ProviderId;
  modelIds: ModelIdEdits;
}

function job(router: Job['router'], choice: Candidate | null, pool: PoolEntry[], naming: Naming): Job | string | null {
  if (!choice) return null;
  const entry = pool.find((p) => p.name === choice.model);
  if (!entry) return `${choice.model} is not in the pool.`;
  return { router, choice, entry, providerModelId: providerModelId(naming.provider, naming.modelIds, entry) };
}

/** Sends the chosen call (and optionally the reactive one) with the person's own key. */
export function DispatchPanel({ query, r2, reactive, pool, inputTokens, curves }: DispatchPanelProps) {
  const settings = useStore(dispatchSettingsStore);
  const record = useStore(dispatchHistoryStore, (s) => s.add);
  const replace = useStore(dispatchHistoryStore, (s) => s.replace);
  const { runs, running, judging, start, stop, judge } = useDispatchRuns(record, replace);
  const judgeSettings = useStore(judgeStore);
  const judgeBlocked = [
    ...judgePromptProblems(judgeSettings.prompt),
    ...settingsProblems(settings, location.origin),
  ][0];
  const judgeControl: JudgeControl = {
    blocked: judgeBlocked ?? null,
    onJudge: (run) =>
      judge(run, {
        judge: resolveJudge(judgeSettings, pool, settings),
        template: judgeSettings.prompt,
        reference: judgeSettings.goldenAnswer,
        settings,
      }),
  };
  const [withReactive, setWithReactive] = useState(false);

  const r2Job = job('r2', r2, pool, settings);
  const reactiveJob = withReactive ? job('reactive', reactive, pool, settings) : null;
  const jobs = [r2Job, reactiveJob].filter((j): j is Job => typeof j === 'object' && j !== null);
  const reasons = [
    ...(query.trim() === '' ? ['Type a query first.'] : []),
    ...(r2Job === null ? ['The R2 router has no choice for this query yet.'] : []),
    ...[r2Job, reactiveJob].filter((j): j is string => typeof j === 'string'),
    ...settingsProblems(settings, location.origin),
  ];
  const busy = running
    ? 'A dispatch is running; Stop it or wait.'
    : judging
      ? 'A judge call is running; Stop it or wait.'
      : null;
  const blocked = busy ? [busy] : reasons;
  const send = () => start(jobs, query, inputTokens, settings);

  return (
    <>
      <section className="panel dispatch-panel" data-testid="dispatch-panel">
        <div className="panel-head">
          <h2>Send it for real</h2>
          <span className="hint">Your key, your provider, your bill: nothing is sent until you press Dispatch.</span>
        </div>
        <DispatchSettingsForm pool={pool} />
        <JudgeSettings pool={pool} naming={settings} />

        <div className="dispatch-actions">
          <button
            type="button"
            className="primary"
            data-testid="dispatch-button"
            disabled={blocked.length > 0}
            onClick={send}
          >
            Dispatch
          </button>
          <button type="button" data-testid="stop-button" disabled={busy === null} onClick={stop}>
            Stop
          </button>
          <label>
            <input
              type="checkbox"
              checked={withReactive}
              data-testid="dispatch-reactive-too"
              onChange={(e) => setWithReactive(e.currentTarget.checked)}
            />{' '}
            Dispatch the reactive choice too
          </label>
        </div>
        {blocked.length > 0 ? (
          <ul className="dispatch-reasons" data-testid="dispatch-disabled-reason">
            {blocked.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          <ul className="dispatch-plan" data-testid="dispatch-plan">
            {jobs.map((j) => {
              const guard = maxTokensGuard(j.choice.budget);
              return (
                <li key={j.router}>
                  {j.router === 'r2' ? 'R2' : 'Reactive'}: <span className="mono">{j.providerModelId}</span> via{' '}
                  {new URL(settings.endpoint).host},{' '}
                  {guard === null
                    ? 'no length instruction'
                    : `asked for ≤ ${j.choice.budget} tokens (max_tokens ${guard})`}
                  , predicted {formatUsd(j.choice.costUsd)}
                </li>
              );
            })}
          </ul>
        )}

        {runs.length > 0 && (
          <div className={`dispatch-runs${runs.length > 1 ? ' side-by-side' : ''}`}>
            {runs.map((run) => (
              <RunColumn key={run.router} run={run} judge={judgeControl} />
            ))}
          </div>
        )}
        <MeasurePanel
          query={query}
          curves={curves}
          pool={pool}
          inputTokens={inputTokens}
          blocked={[...(query.trim() === '' ? ['Type a query first.'] : []), ...(judgeBlocked ? [judgeBlocked] : [])]}
        />
        <DispatchHistory />
      </section>
      <CalibrationPanel pool={pool} />
    </>
  );
}
