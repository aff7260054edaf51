import { memo } from 'react';
import type { DecisionRules } from '../router/types';
import { useView } from '../state/viewStore';

/** Anchors only, or the paper's continuous extension (which the release's rules never use). */
function SearchModeToggleView({ rules }: { rules: DecisionRules }) {
  const continuous = useView((s) => s.continuous);
  const setContinuous = useView((s) => s.setContinuous);
  const release = rules === 'release';
  return (
    <div className="control-row">
      <button
        type="button"
        className="toggle"
        data-testid="search-mode"
        aria-pressed={continuous && !release}
        disabled={release}
        onClick={() => setContinuous(!continuous)}
      >
        Budgets: {continuous && !release ? 'continuous (anchors + cap)' : 'anchors only'}
      </button>
      <span className="hint">
        {release
          ? 'The released router scores its anchor budgets only.'
          : 'Continuous search may stop exactly at the cap, between two anchor budgets.'}
      </span>
    </div>
  );
}

export const SearchModeToggle = memo(SearchModeToggleView);
