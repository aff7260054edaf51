import { memo } from 'react';
import { useStore } from 'zustand';
import { historyToCsv, historyToJson } from '../../dispatch/history';
import { dispatchHistoryStore } from '../../dispatch/historyStore';
import { dispatchSettingsStore } from '../../dispatch/settingsStore';
import { formatBudget, formatQuality, formatUsd } from '../format';
import { downloadText } from '../../export/download';

function verdict(respected: boolean | null): string {
  return respected === null ? '—' : respected ? 'yes' : 'no';
}

function DispatchHistoryView() {
  const entries = useStore(dispatchHistoryStore, (s) => s.entries);
  const clear = useStore(dispatchHistoryStore, (s) => s.clear);
  const save = (format: 'json' | 'csv') => {
    // Scrub with the key in use now too, in case one reached the history some other way.
    const apiKey = dispatchSettingsStore.getState().apiKey;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const text = format === 'json' ? historyToJson(entries, apiKey) : historyToCsv(entries, apiKey);
    downloadText(`r2-dispatch-history-${stamp}.${format}`, text, format === 'json' ? 'application/json' : 'text/csv');
  };
  return (
    <div className="dispatch-history" data-testid="dispatch-history" data-count={entries.length}>
      <div className="panel-head">
        <h3>This session's dispatches</h3>
        <div className="history-tools">
          <button type="button" data-testid="export-json" disabled={entries.length === 0} onClick={() => save('json')}>
            Export JSON
          </button>
          <button type="button" data-testid="export-csv" disabled={entries.length === 0} onClick={() => save('csv')}>
            Export CSV
          </button>
          <button
            type="button"
            className="link"
            data-testid="history-clear"
            disabled={entries.length === 0}
            onClick={clear}
          >
            Clear
          </button>
        </div>
      </div>
      {entries.length === 0 ? (
        <p className="hint">Nothing sent yet. Dispatches stay in this tab only, until you export them.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>time</th>
                <th>router</th>
                <th>query</th>
                <th>model</th>
                <th>budget</th>
                <th>quality pred. → judged</th>
                <th>tokens pred. → actual</th>
                <th>cost pred. → actual</th>
                <th>within budget</th>
                <th>outcome</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                // Append-only: a row's index never changes.
                <tr key={i}>
                  <td>{new Date(e.timestamp).toLocaleTimeString()}</td>
                  <td>{e.router}</td>
                  <td className="query-cell" title={e.query}>
                    {e.query}
                  </td>
                  <td>{e.model}</td>
                  <td>{formatBudget(e.budget)}</td>
                  <td>
                    {formatQuality(e.predictedQuality)} →{' '}
                    {e.judgedQuality !== null ? formatQuality(e.judgedQuality) : e.judgeModel ? 'invalid' : '—'}
                  </td>
                  <td>
                    {Math.round(e.predictedTokens)} → {e.actualCompletionTokens}
                    {e.tokensEstimated ? ' (est.)' : ''}
                  </td>
                  <td>
                    {formatUsd(e.predictedCostUsd)} → {formatUsd(e.actualCostUsd)}
                  </td>
                  <td>{verdict(e.budgetRespected)}</td>
                  <td>{e.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Memoised: the dispatch panel re-renders with every new choice; this part need not. */
export const DispatchHistory = memo(DispatchHistoryView);
