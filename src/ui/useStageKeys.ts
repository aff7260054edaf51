import { useEffect } from 'react';
import { LAMBDA_STEPS, lambdaFromPosition, positionFromLambda } from '../router/lambdaScale';
import { useView, viewStore } from '../state/viewStore';

/** Keys typed into a field belong to the field. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** One key press moves λ by this share of the slider (Shift: five times more). */
const STEP = LAMBDA_STEPS / 80;

/**
 * Present mode's keyboard, for a presenter away from the mouse: ↑/↓ move λ along the slider's
 * scale (and ←/→ when the tour is closed: with it open, they step the tour); Esc leaves the
 * stage once the tour is closed.
 */
export function useStageKeys(): void {
  const present = useView((s) => s.present);
  useEffect(() => {
    if (!present) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const view = viewStore.getState();
      const up = e.key === 'ArrowUp' || (view.tour === null && e.key === 'ArrowRight');
      const down = e.key === 'ArrowDown' || (view.tour === null && e.key === 'ArrowLeft');
      if (up || down) {
        const by = (e.shiftKey ? 5 : 1) * STEP * (up ? 1 : -1);
        const position = Math.min(LAMBDA_STEPS, Math.max(0, positionFromLambda(view.lambda) + by));
        view.setLambda(lambdaFromPosition(position));
      } else if (e.key === 'Escape' && view.tour === null) view.setPresent(false);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [present]);
}
