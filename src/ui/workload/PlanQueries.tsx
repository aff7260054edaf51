import { useState } from 'react';
import type { Candidate } from '../../router/types';
import { DEFAULT_QUERY } from '../../state/viewState';
import { viewStore } from '../../state/viewStore';
import { formatBudget, formatCount, formatQuality, formatUsd } from '../format';

interface Props {
  texts: readonly string[];
  r2: readonly (Candidate | null)[];
  reactive: readonly (Candidate | null)[];
}

const PAGE = 50;

/**
 * Opens a query in the single-query view. What the person typed there is replaced only once
 * they agree, so nothing they wrote is lost by a stray click.
 */
function openQuery(text: string): void {
  const { query, setQuery, setView } = viewStore.getState();
  const typed = query.trim() !== '' && query !== DEFAULT_QUERY && query !== text;
  const preview = query.length > 80 ? `${query.slice(0, 80)}…` : query;
  if (typed && !window.confirm(`Open this query in the main view? It replaces what you typed there:\n\n“${preview}”`))
    return;
  setQuery(text);
  setView('main');
  window.scrollTo(0, 0);
}

const choice = (c: Candidate | null) =>
  c ? `${c.model} · ${formatBudget(c.budget)} · ${formatQuality(c.quality)} · ${formatUsd(c.costUsd)}` : '—';

/** Each query with both routers' choices; a click opens it in the main view. */
export function PlanQueries({ texts, r2, reactive }: Props) {
  const [shown, setShown] = useState(PAGE);
  return (
    <div className="plan-queries">
      <table className="table" data-testid="workload-queries">
        <thead>
          <tr>
            <th>query (click to open it in the main view)</th>
            <th>R2: LLM · budget · quality · cost</th>
            <th>reactive</th>
          </tr>
        </thead>
        <tbody>
          {texts.slice(0, shown).map((text, i) => (
            <tr key={i}>
              <td>
                <button type="button" className="link query-link" title={text} onClick={() => openQuery(text)}>
                  {text.length > 90 ? `${text.slice(0, 90)}…` : text}
                </button>
              </td>
              <td className="mono">{choice(r2[i] ?? null)}</td>
              <td className="mono">{choice(reactive[i] ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown < texts.length && (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>
          Show {formatCount(Math.min(PAGE, texts.length - shown))} more of {formatCount(texts.length - shown)}
        </button>
      )}
    </div>
  );
}
