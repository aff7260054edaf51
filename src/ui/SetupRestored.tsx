import { useShallow } from 'zustand/react/shallow';
import { setupOf, useView } from '../state/viewStore';

const WHAT = { tour: 'The tour is closed', guess: 'Guess mode is off' } as const;

/**
 * After the tour or guess mode ends: says the person's query, λ, cap and axis are back, and
 * offers the view they left instead. It goes as soon as anything is changed.
 */
export function SetupRestored() {
  const restored = useView((s) => s.restored);
  const now = useView(useShallow((s) => setupOf(s)));
  const undo = useView((s) => s.undoRestore);
  const forget = useView((s) => s.forgetRestore);
  if (restored === null || JSON.stringify(now) !== JSON.stringify(restored.setup)) return null;
  return (
    <div className="banner note setup-restored" role="status" data-testid="setup-restored">
      <p>{WHAT[restored.by]}: your query, λ, cap and axis are back as you left them.</p>
      <button type="button" data-testid="setup-keep-mode" onClick={undo}>
        Keep the {restored.by === 'tour' ? 'tour' : 'last question'}’s view
      </button>
      <button type="button" className="tour-close" aria-label="Dismiss" onClick={forget}>
        ×
      </button>
    </div>
  );
}
