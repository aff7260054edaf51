import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { TOUR_STEPS } from '../../config';
import { contrast } from '../../router/contrast';
import { r2LambdaMap, reactiveLambdaMap } from '../../router/lambdaMap';
import type { RouteQuery } from '../../router/types';
import { useView, viewStore } from '../../state/viewStore';
import { ShareButton } from '../ShareButton';
import { isTyping } from '../useStageKeys';
import { pickDock, type Dock } from './dock';
import { TOUR, type TourFacts } from './steps';

interface Props {
  /** The query as the router sees it now (curves, input tokens, rules); its λ and cap are ignored. */
  query: RouteQuery;
  facts: Omit<TourFacts, 'lambda'>;
  /** Why there are no curves to narrate (every LLM off, predicting…); null when there are. */
  emptyReason: string | null;
}

const TARGET_CLASS = 'tour-target';
/** As styles.css's narrow layout for the tour card. */
const NARROW_PX = 700;

/**
 * The guided tour: a card that narrates the R2 story step by step, sets the view each step
 * talks about and outlines the part of the screen it points at. → and ← move, Esc closes.
 */
function TourView({ query, facts, emptyReason }: Props) {
  const step = useView((s) => s.tour);
  const lambda = useView((s) => s.lambda);
  const setTour = useView((s) => s.setTour);
  const current = step === null ? null : TOUR[step - 1]!;

  // Step 4 needs the curves of the query on screen, uncapped: it waits for them if it opened first.
  const { curves, inputTokens, continuous, rules } = query;
  const needsContrast = current?.needsContrast === true;
  const found = useMemo(() => {
    if (!needsContrast || curves.length === 0) return undefined;
    const uncapped = { curves, inputTokens, continuous, rules, lambda: 0, cap: null };
    return contrast(r2LambdaMap(uncapped), reactiveLambdaMap(uncapped));
  }, [needsContrast, curves, inputTokens, continuous, rules]);

  // Each step sets its view once when it opens; after that the person explores freely.
  const applied = useRef<number | null>(null);
  useEffect(() => {
    if (step === null || current === null) {
      applied.current = null;
      return;
    }
    if (applied.current === step || (current.needsContrast && found === undefined)) return;
    applied.current = step;
    viewStore.getState().applyView(current.view(found ?? null));
  }, [step, current, found]);

  // Pointed at again once the curves are in: until then the page's layout still moves.
  const drawn = facts.models > 0;
  useEffect(() => {
    if (current === null) return;
    const el = document.querySelector(`[data-testid="${current.target}"]`);
    el?.classList.add(TARGET_CLASS);
    // On a phone the card covers the lower half: the target goes to the top.
    el?.scrollIntoView({ block: window.innerWidth < NARROW_PX ? 'start' : 'center', behavior: 'smooth' });
    return () => el?.classList.remove(TARGET_CLASS);
  }, [current, drawn]);

  // The card takes the corner where it covers least of its target (nothing, where a corner allows), and
  // moves when the page scrolls or either of them changes size.
  const card = useRef<HTMLElement>(null);
  const [dock, setDock] = useState<Dock>('bottom-right');
  useEffect(() => {
    if (current === null) return;
    const target = document.querySelector(`[data-testid="${current.target}"]`);
    let frame = 0;
    const place = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!target || !card.current) return;
        const { left, top, width, height } = target.getBoundingClientRect();
        setDock(
          pickDock(
            { left, top, width, height },
            {
              card: { width: card.current.offsetWidth, height: card.current.offsetHeight },
              viewport: { width: window.innerWidth, height: window.innerHeight },
              margin: window.innerWidth < NARROW_PX ? 8 : 20,
            },
          ),
        );
      });
    };
    place();
    const resized = new ResizeObserver(place);
    if (target) resized.observe(target);
    if (card.current) resized.observe(card.current);
    window.addEventListener('scroll', place, { passive: true, capture: true });
    window.addEventListener('resize', place);
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      window.removeEventListener('scroll', place, { capture: true });
      window.removeEventListener('resize', place);
    };
  }, [current, drawn]);

  useEffect(() => {
    if (step === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') setTour(Math.min(TOUR_STEPS, step + 1));
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') setTour(Math.max(1, step - 1));
      else if (e.key === 'Escape') setTour(null);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, setTour]);

  if (step === null || current === null) return null;
  return (
    <aside
      ref={card}
      className="tour"
      data-testid="tour"
      data-step={step}
      data-dock={dock}
      aria-label="Guided tour"
      aria-live="polite"
    >
      <div className="tour-head">
        <span className="tour-count">
          Step {step} of {TOUR_STEPS}
        </span>
        <button type="button" className="tour-close" aria-label="Close the tour (Esc)" onClick={() => setTour(null)}>
          ×
        </button>
      </div>
      <h2>{current.title}</h2>
      {/* With no curves a step's numbers would be zeros: it says why they are missing instead. */}
      {emptyReason === null ? (
        <p>{current.text({ ...facts, lambda })}</p>
      ) : (
        <p className="tour-empty" data-testid="tour-empty">
          {emptyReason}
        </p>
      )}
      <div className="tour-nav">
        <button type="button" disabled={step === 1} onClick={() => setTour(step - 1)}>
          ← Back
        </button>
        {step < TOUR_STEPS ? (
          <button type="button" className="primary" data-testid="tour-next" onClick={() => setTour(step + 1)}>
            Next →
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => setTour(null)}>
            Finish
          </button>
        )}
        <ShareButton label="Link to this step" testId="tour-link" />
      </div>
    </aside>
  );
}

export const Tour = memo(TourView);
