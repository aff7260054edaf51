import { memo } from 'react';
import { useView } from '../state/viewStore';

/** Enlarges everything for a demo in a room. */
function PresentToggleView() {
  const present = useView((s) => s.present);
  const setPresent = useView((s) => s.setPresent);
  return (
    <button
      type="button"
      className="toggle"
      aria-pressed={present}
      data-testid="present-mode"
      onClick={() => setPresent(!present)}
    >
      Present
    </button>
  );
}

export const PresentToggle = memo(PresentToggleView);
