import { memo } from 'react';
import { explanationSentences, type ExplainFormat, type Explanation as Why } from '../router/explain';
import { formatLambda } from '../router/lambdaScale';
import { formatBudget, formatCount, formatQuality, formatUsd } from './format';

/** Plain numbers: a score margin as the candidates table prints scores, large ratios with separators. */
function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '∞';
  return Math.abs(n) >= 1000 ? formatCount(n) : n.toPrecision(3);
}

/** The page's own formatters, so the sentences show the numbers the cards and the table show. */
export const EXPLAIN_FORMAT: ExplainFormat = {
  quality: formatQuality,
  usd: formatUsd,
  price: formatUsd,
  budget: formatBudget,
  lambda: formatLambda,
  number: formatNumber,
};

interface Props {
  explanation: Why | null;
}

/** Why R2 chose what it chose, in a few sentences under the decision. */
function ExplanationView({ explanation }: Props) {
  if (explanation === null) return null;
  const [lead, ...rest] = explanationSentences(explanation, EXPLAIN_FORMAT);
  return (
    <div
      className="explanation"
      data-testid="explanation"
      data-model={explanation.winner.model}
      data-budget={String(explanation.winner.budget)}
    >
      <h3>Why this choice</h3>
      <p className="explanation-lead">{lead}</p>
      <ul>
        {rest.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ul>
    </div>
  );
}

/** Memoised: it redraws when the explanation does, one deferred render after a slider move. */
export const Explanation = memo(ExplanationView);
