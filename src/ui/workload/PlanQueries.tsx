import { useEffect, useMemo, useRef, useState } from 'react';
import type { Candidate } from '../../router/types';
import { DEFAULT_QUERY } from '../../state/viewState';
import { viewStore } from '../../state/viewStore';
import { queriesRoutedTo, type PlanFilter } from '../../workload/plan';
import { formatBudget, formatCount, formatQuality, formatUsd } from '../format';
import { planFilterSummary } from './planFilterText';

interface Props {
  texts: readonly string[];
  r2: readonly (Candidate | null)[];
  reactive: readonly (Candidate | null)[];
  /** The part of the plan picked in the chart: only its queries are listed. */
  filter: PlanFilter | null;
  onClearFilter: () => void;
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

/** Each query with both routers' choices, or those of the part of the plan picked; a click opens one in the main view. */
export function PlanQueries({ texts, r2, reactive, filter, onClearFilter }: Props) {
  const indices = useMemo(
    () => (filter ? queriesRoutedTo(filter.router === 'r2' ? r2 : reactive, filter) : Array.from(texts, (_, i) => i)),
    [filter, texts, r2, reactive],
  );
  // A new filter starts again from the first page.
  const [paging, setPaging] = useState({ filter, shown: PAGE });
  const shown = paging.filter === filter ? paging.shown : PAGE;

  // A pick in the chart above brings its list into view, and the keyboard's focus with it.
  const head = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!filter || !head.current) return;
    head.current.scrollIntoView({ block: 'start', behavior: 'smooth' });
    head.current.focus({ preventScroll: true });
  }, [filter]);

  return (
    <div className="plan-queries">
      {filter && (
        <div
          className="plan-filter"
          data-testid="plan-filter"
          data-router={filter.router}
          data-model={filter.model}
          data-budget={filter.budget ?? undefined}
          data-queries={indices.length}
          ref={head}
          tabIndex={-1}
          role="status"
        >
          <span>{planFilterSummary(filter, indices.length, texts.length)}</span>
          <button type="button" data-testid="plan-filter-clear" onClick={onClearFilter}>
            Show all {formatCount(texts.length)}
          </button>
        </div>
      )}
      <table className="table" data-testid="workload-queries">
        <thead>
          <tr>
            <th>query (click to open it in the main view)</th>
            <th>R2: LLM · budget · quality · cost</th>
            <th>reactive</th>
          </tr>
        </thead>
        <tbody>
          {indices.slice(0, shown).map((i) => {
            const text = texts[i]!;
            return (
              <tr key={i}>
                <td>
                  <button type="button" className="link query-link" title={text} onClick={() => openQuery(text)}>
                    {text.length > 90 ? `${text.slice(0, 90)}…` : text}
                  </button>
                </td>
                <td className="mono">{choice(r2[i] ?? null)}</td>
                <td className="mono">{choice(reactive[i] ?? null)}</td>
              </tr>
            );
          })}
          {filter && indices.length === 0 && (
            <tr>
              <td colSpan={3} className="hint">
                None go there at the current λ, cap and pool.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {shown < indices.length && (
        <button type="button" onClick={() => setPaging({ filter, shown: shown + PAGE })}>
          Show {formatCount(Math.min(PAGE, indices.length - shown))} more of {formatCount(indices.length - shown)}
        </button>
      )}
    </div>
  );
}
