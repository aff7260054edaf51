import { memo } from 'react';
import type { DecisionRules } from '../router/types';
import { useView } from '../state/viewStore';

const DESCRIBE: Record<DecisionRules, string> = {
  release:
    'the released R2-Router’s: scores rounded to 8 decimals, the first of equal scores wins, input tokens = words × 1.3, anchor budgets only',
  playground:
    'the playground’s: exact scores, the cheaper call wins a tie, input tokens ≈ characters / 4, continuous budgets allowed',
};

/**
 * For a bundle that brings the released router's own arithmetic: decide by it (the default, so
 * the page agrees with the authors' code) or by the playground's rules.
 */
function RulesToggleView({ rules }: { rules: DecisionRules }) {
  const appRules = useView((s) => s.appRules);
  const setAppRules = useView((s) => s.setAppRules);
  return (
    <div className="control-row">
      <button
        type="button"
        className="toggle"
        data-testid="decision-rules"
        data-rules={rules}
        aria-pressed={!appRules}
        onClick={() => setAppRules(!appRules)}
      >
        Rules: {rules === 'release' ? 'release' : 'playground'} ⇄
      </button>
      <span className="hint">Deciding by {DESCRIBE[rules]}.</span>
    </div>
  );
}

export const RulesToggle = memo(RulesToggleView);
