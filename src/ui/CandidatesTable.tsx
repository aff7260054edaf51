import { memo } from 'react';
import type { Candidate } from '../router/types';
import { formatBudget, formatQuality, formatTokens, formatUsd } from './format';

interface Props {
  ranked: readonly Candidate[];
  colors: ReadonlyMap<string, string>;
}

/** The top of the router's ranking; the score shown is the one it maximised. */
function CandidatesTableView({ ranked, colors }: Props) {
  const top = ranked.slice(0, 10);
  if (top.length === 0) {
    return (
      <p className="hint" data-testid="candidates-table">
        No candidates: the ranking appears once the predictor has curves for the query and an option fits the cap.
      </p>
    );
  }
  return (
    <table className="candidates" data-testid="candidates-table">
      <caption>
        Top {top.length} of {ranked.length} candidates · score = (1 − λ)·quality − λ·cost
      </caption>
      <thead>
        <tr>
          <th>#</th>
          <th>LLM</th>
          <th>budget</th>
          <th className="num">quality</th>
          <th className="num">tokens</th>
          <th className="num">cost</th>
          <th className="num">score</th>
        </tr>
      </thead>
      <tbody>
        {top.map((c, i) => (
          <tr
            key={`${c.model}-${c.budget}`}
            className={i === 0 ? 'best' : undefined}
            data-model={c.model}
            data-budget={String(c.budget)}
          >
            <td>{i + 1}</td>
            <td title={c.model}>
              <span className="swatch" style={{ background: colors.get(c.model) }} />
              {c.model}
            </td>
            <td>{formatBudget(c.budget)}</td>
            <td className="num">{formatQuality(c.quality)}</td>
            <td className="num">{formatTokens(c.outputTokens)}</td>
            <td className="num">{formatUsd(c.costUsd)}</td>
            <td className="num mono">{c.score.toPrecision(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Memoised: a slider move re-renders only what depends on λ and the cap. */
export const CandidatesTable = memo(CandidatesTableView);
