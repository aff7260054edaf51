import { UNLIMITED } from '../../bundle/manifest';
import { maxTokensGuard } from '../../dispatch/instruction';
import { formatBudget, formatQuality, formatTokens, formatUsd } from '../format';
import type { Judging, Run } from './useDispatchRuns';

const ROUTER_TITLE = { r2: 'R2 choice', reactive: 'Reactive choice', measure: 'Measure run' } as const;

function BudgetVerdict({ run }: { run: Run }) {
  const { answer, choice } = run;
  if (!answer) return null;
  const { actual } = answer;
  if (choice.budget === UNLIMITED) return <span className="muted">no budget (unlimited)</span>;
  const tokens = `${actual.completionTokens}${actual.estimated ? ' (est.)' : ''}`;
  const cutOff =
    answer.result?.finishReason === 'length'
      ? `; cut off by the max_tokens guard of ${maxTokensGuard(choice.budget)}`
      : '';
  return actual.budgetRespected ? (
    <span className="yes">
      yes: {tokens} ≤ {choice.budget}
    </span>
  ) : (
    <span className="no">
      no: {tokens} &gt; {choice.budget}
      {cutOff}
    </span>
  );
}

/** The judge's verdict on this answer: a score, or why the verdict is invalid, and its own cost apart. */
function JudgeResult({ judging, router }: { judging: Judging; router: Run['router'] }) {
  if (judging.status === 'running') return <span className="muted">judging…</span>;
  if (judging.status === 'failed') {
    return (
      <span
        className="dispatch-error"
        role="alert"
        data-testid="judge-error"
        data-kind={judging.failure.kind}
        data-run={router}
      >
        Judge: {judging.failure.message}
      </span>
    );
  }
  const { call } = judging;
  return (
    <span
      className={call.score === null ? 'judge-result invalid' : 'judge-result'}
      data-testid="judge-result"
      data-run={router}
      data-score={call.score ?? ''}
      title={call.score === null ? `The judge replied: ${call.raw}` : undefined}
    >
      {call.score === null ? (
        <>
          <span className="badge warn">invalid verdict</span> {call.reason}
        </>
      ) : (
        <>
          <strong>{formatQuality(call.score)}</strong> <span className="muted">“{call.reason}”</span>
        </>
      )}
    </span>
  );
}

export interface JudgeControl {
  /** Why the judge cannot run now, or null. */
  blocked: string | null;
  onJudge: (run: Run) => void;
}

/** One dispatched choice: its answer as it streams, then predicted against actual. */
export function RunColumn({ run, judge }: { run: Run; judge: JudgeControl }) {
  const suffix = run.router === 'r2' ? '' : `-${run.router}`;
  const { choice, failure } = run;
  const actual = run.answer?.actual;
  const partial = failure !== null && run.text !== '';
  return (
    <section className="run" data-testid={`dispatch-run${suffix}`} data-status={run.status}>
      <header>
        <h3>{ROUTER_TITLE[run.router]}</h3>
        <span className="mono">{run.providerModelId}</span>
        <span className="muted">{formatBudget(choice.budget)}</span>
        {run.status === 'running' && <span className="badge">streaming…</span>}
        {partial && <span className="badge warn">partial</span>}
      </header>

      {failure && (
        <div className="dispatch-error" role="alert" data-testid={`dispatch-error${suffix}`} data-kind={failure.kind}>
          {failure.message}
        </div>
      )}

      {(run.status !== 'failed' || run.text !== '') && (
        <pre
          className="response"
          data-testid={`response-output${suffix}`}
          data-partial={partial ? 'true' : 'false'}
          aria-live="polite"
          aria-busy={run.status === 'running'}
        >
          {run.text}
        </pre>
      )}

      {actual && (
        <table
          className="vs"
          data-testid={`actual-usage${suffix}`}
          data-completion-tokens={actual.completionTokens}
          data-cost-usd={actual.costUsd}
          data-estimated={actual.estimated ? 'true' : 'false'}
          data-budget-respected={actual.budgetRespected === null ? '' : String(actual.budgetRespected)}
        >
          <thead>
            <tr>
              <th />
              <th>predicted</th>
              <th>actual</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>completion tokens</th>
              <td>{formatTokens(choice.outputTokens)}</td>
              <td>
                {formatTokens(actual.completionTokens)}{' '}
                {actual.estimated && (
                  <span className="badge warn" title="The provider sent no usage; estimated from the text.">
                    estimated
                  </span>
                )}
              </td>
            </tr>
            <tr>
              <th>cost</th>
              <td>{formatUsd(choice.costUsd)}</td>
              <td
                title={
                  actual.promptTokens === null
                    ? 'Input tokens estimated by the app'
                    : `${actual.promptTokens} prompt tokens as the provider counted them`
                }
              >
                {formatUsd(actual.costUsd)}
              </td>
            </tr>
            <tr>
              <th>quality</th>
              <td>{formatQuality(choice.quality)}</td>
              <td>
                {run.judging ? (
                  <JudgeResult judging={run.judging} router={run.router} />
                ) : (
                  <span className="muted">not judged yet</span>
                )}
              </td>
            </tr>
            <tr>
              <th>budget respected</th>
              <td colSpan={2}>
                <BudgetVerdict run={run} />
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {actual && (
        <div className="judge-line">
          <button
            type="button"
            data-testid="judge-button"
            data-run={run.router}
            disabled={run.status !== 'done' || run.judging?.status === 'running' || judge.blocked !== null}
            title={judge.blocked ?? undefined}
            onClick={() => judge.onJudge(run)}
          >
            {run.judging?.status === 'done' ? 'Judge again' : 'Judge this answer'}
          </button>
          {run.judging?.status === 'done' && (
            <span className="muted" data-testid="judge-cost" data-run={run.router}>
              judge {run.judging.call.judgeModel}:{' '}
              {run.judging.call.judgeCostUsd === null
                ? 'cost unknown (no price for it)'
                : `${formatUsd(run.judging.call.judgeCostUsd)}, not part of the call’s cost`}
            </span>
          )}
          {judge.blocked && run.status === 'done' && <span className="muted">{judge.blocked}</span>}
        </div>
      )}
    </section>
  );
}
