import { memo, useState } from 'react';
import { EXAMPLES } from '../examples';
import { formatBudget, formatQuality, formatUsd } from '../format';
import type { GuessGrade, GuessPick } from '../../router/guess';
import { lambdaFromPosition, LAMBDA_STEPS, usdPerTenthQuality } from '../../router/lambdaScale';
import type { ModelCurve } from '../../router/types';
import { guessStore, useGuess } from '../../state/guessStore';
import { useView, viewStore } from '../../state/viewStore';

interface Props {
  curves: readonly ModelCurve[];
  revealed: boolean;
  grade: GuessGrade | null;
  onPick: (pick: GuessPick) => void;
  /** Why there are no curves to guess on (every LLM off, still predicting…). */
  emptyReason: string;
}

const budgetValue = (text: string): GuessPick['budget'] => (text === 'unlimited' ? 'unlimited' : Number(text));

/** A new question for the room: the next built-in example at a λ where money matters (10³–10⁶ quality points per dollar). */
function nextRound(): void {
  const { query } = viewStore.getState();
  const i = EXAMPLES.findIndex((e) => e.text === query);
  const example = EXAMPLES[(i + 1) % EXAMPLES.length]!;
  const position = Math.round(LAMBDA_STEPS * (3 / 8 + (Math.random() * 3) / 8));
  viewStore.getState().nextQuestion({ query: example.text, lambda: lambdaFromPosition(position) });
}

/** Guess mode: pick the (LLM, budget) R2 will choose, on the chart or here; then the answer and the score. */
function GuessPanelView({ curves, revealed, grade, onPick, emptyReason }: Props) {
  const lambda = useView((s) => s.lambda);
  const right = useGuess((s) => s.right);
  const played = useGuess((s) => s.played);
  // Both lists start empty for every question: a pre-filled pick would be a guess the person never made.
  const [model, setModel] = useState('');
  const [budget, setBudget] = useState('');
  const curve = curves.find((c) => c.model === model);
  const budgets = curve ? [...curve.anchors.map(String), 'unlimited'] : [];
  const chosenBudget = budgets.includes(budget) ? budget : '';

  return (
    <section className="panel guess" data-testid="guess-panel" data-revealed={revealed}>
      <div className="panel-head">
        <h2>Guess R2’s choice</h2>
        <span className="guess-score" data-testid="guess-score" data-right={right} data-played={played}>
          {right} of {played} right
        </span>
      </div>
      {!revealed ? (
        <>
          <p>
            Which LLM, and which length budget, does R2 pick at this λ and cap? Click a dot on the chart (an anchor
            budget) or a diamond (natural length), or choose here.
          </p>
          {curves.length === 0 ? (
            <p className="hint" data-testid="guess-empty">
              {emptyReason}
            </p>
          ) : (
            <div className="guess-form">
              <select aria-label="Your LLM" value={curve?.model ?? ''} onChange={(e) => setModel(e.target.value)}>
                <option value="" disabled>
                  Which LLM?
                </option>
                {curves.map((c) => (
                  <option key={c.model}>{c.model}</option>
                ))}
              </select>
              <select
                aria-label="Your budget"
                value={chosenBudget}
                disabled={!curve}
                onChange={(e) => setBudget(e.target.value)}
              >
                <option value="" disabled>
                  Which budget?
                </option>
                {budgets.map((b) => (
                  <option key={b} value={b}>
                    {formatBudget(budgetValue(b))}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="primary"
                data-testid="guess-submit"
                disabled={!curve || chosenBudget === ''}
                onClick={() => curve && onPick({ model: curve.model, budget: budgetValue(chosenBudget) })}
              >
                Guess
              </button>
            </div>
          )}
        </>
      ) : grade ? (
        <div className="guess-result" data-testid="guess-result" data-right={grade.right}>
          <p className="guess-verdict">{grade.right ? 'Right!' : 'Not quite.'}</p>
          <p>
            R2 picks <strong>{grade.answer.model}</strong> ({formatBudget(grade.answer.budget)}): quality{' '}
            {formatQuality(grade.answer.quality)} for {formatUsd(grade.answer.costUsd)}.
          </p>
          {!grade.right &&
            (grade.pick ? (
              <p>
                Your pick, {grade.pick.model} ({formatBudget(grade.pick.budget)}), ranks {grade.rank} of {grade.options}
                : quality {formatQuality(grade.pick.quality)} for {formatUsd(grade.pick.costUsd)}, a score{' '}
                {grade.gap!.toPrecision(3)} lower at this λ.
                {grade.pick.quality > grade.answer.quality &&
                  ` It buys ${formatQuality(grade.pick.quality - grade.answer.quality)} more quality for ${formatUsd(grade.pick.costUsd - grade.answer.costUsd)} more, and at this λ 0.1 quality is worth only ${formatUsd(usdPerTenthQuality(lambda))}.`}
              </p>
            ) : (
              <p>Your pick is not on offer here: it is over the cap.</p>
            ))}
        </div>
      ) : null}
      <div className="guess-nav">
        <button type="button" data-testid="guess-next" onClick={nextRound}>
          Next question
        </button>
        <button type="button" onClick={() => guessStore.getState().resetScore()}>
          Reset score
        </button>
      </div>
    </section>
  );
}

export const GuessPanel = memo(GuessPanelView);
