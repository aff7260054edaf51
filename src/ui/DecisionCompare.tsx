import { memo } from 'react';
import type { Candidate } from '../router/types';
import { formatBudget, formatQuality, formatTokens, formatUsd } from './format';
import { costVerdict, qualityVerdict } from './verdict';

interface CardProps {
  testId: string;
  title: string;
  blurb: string;
  choice: Candidate | null;
  emptyReason: string;
  primary?: boolean;
}

function ChoiceCard({ testId, title, blurb, choice, emptyReason, primary }: CardProps) {
  return (
    <section
      className={`choice ${primary ? 'primary' : ''}`}
      data-testid={testId}
      data-model={choice?.model ?? ''}
      data-budget={choice ? String(choice.budget) : ''}
      data-cost-usd={choice ? String(choice.costUsd) : ''}
      data-quality={choice ? String(choice.quality) : ''}
      data-output-tokens={choice ? String(choice.outputTokens) : ''}
    >
      <h3>{title}</h3>
      <p className="blurb">{blurb}</p>
      {choice ? (
        <>
          <div className="choice-model">{choice.model}</div>
          <div className="choice-budget">{formatBudget(choice.budget)}</div>
          <dl>
            <dt>quality</dt>
            <dd>{formatQuality(choice.quality)}</dd>
            <dt>tokens</dt>
            <dd>{formatTokens(choice.outputTokens)}</dd>
            <dt>cost</dt>
            <dd>{formatUsd(choice.costUsd)}</dd>
          </dl>
        </>
      ) : (
        <p className="empty">{emptyReason}</p>
      )}
    </section>
  );
}

function Verdict({ r2, reactive }: { r2: Candidate; reactive: Candidate }) {
  if (r2.model === reactive.model && r2.budget === reactive.budget) {
    return <p className="verdict">Both routers make the same call here.</p>;
  }
  return (
    <p className="verdict" data-testid="verdict">
      R2 vs reactive: <strong>{qualityVerdict(r2.quality, reactive.quality)}</strong>,{' '}
      <strong>{costVerdict(r2.costUsd, reactive.costUsd)}</strong> ({formatUsd(r2.costUsd)} vs{' '}
      {formatUsd(reactive.costUsd)} per call)
    </p>
  );
}

interface Props {
  r2: Candidate | null;
  reactive: Candidate | null;
  emptyReason: string;
}

function DecisionCompareView({ r2, reactive, emptyReason }: Props) {
  return (
    <div className="decision" data-testid="decision">
      <div className="choices">
        <ChoiceCard
          testId="selection"
          title="R2 router"
          blurb="best (LLM, length budget) pair"
          choice={r2}
          emptyReason={emptyReason}
          primary
        />
        <ChoiceCard
          testId="baseline-selection"
          title="Reactive router"
          blurb="best LLM at its natural length"
          choice={reactive}
          emptyReason={emptyReason}
        />
      </div>
      {r2 && reactive && <Verdict r2={r2} reactive={reactive} />}
    </div>
  );
}

/** Memoised: a slider move re-renders only what depends on λ and the cap. */
export const DecisionCompare = memo(DecisionCompareView);
