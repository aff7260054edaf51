import { memo, type ReactNode } from 'react';
import { useView } from '../state/viewStore';

interface Props {
  testId: string;
  pressed: boolean;
  onToggle: () => void;
  title: string;
  children: ReactNode;
}

/** A header button that turns one of the page's modes on and off. */
function ModeToggle({ testId, pressed, onToggle, title, children }: Props) {
  return (
    <button
      type="button"
      className="toggle"
      aria-pressed={pressed}
      data-testid={testId}
      title={title}
      onClick={onToggle}
    >
      {children}
    </button>
  );
}

/** The guided tour, from its first step. */
export const TourToggle = memo(function TourToggle() {
  const open = useView((s) => s.tour !== null);
  const setTour = useView((s) => s.setTour);
  return (
    <ModeToggle
      testId="tour-start"
      pressed={open}
      onToggle={() => setTour(open ? null : 1)}
      title="A guided tour of R2 routing"
    >
      Tour
    </ModeToggle>
  );
});

/** Guess mode: with it on, R2's choice hides until a guess is made. */
export const GuessToggle = memo(function GuessToggle() {
  const on = useView((s) => s.guess);
  const setGuess = useView((s) => s.setGuess);
  return (
    <ModeToggle
      testId="guess-mode"
      pressed={on}
      onToggle={() => setGuess(!on)}
      title="Guess R2's choice before it is shown"
    >
      Guess
    </ModeToggle>
  );
});

/** Present mode: a stage for a room. */
export const PresentToggle = memo(function PresentToggle() {
  const present = useView((s) => s.present);
  const setPresent = useView((s) => s.setPresent);
  return (
    <ModeToggle
      testId="present-mode"
      pressed={present}
      onToggle={() => setPresent(!present)}
      title="A stage for a room"
    >
      Present
    </ModeToggle>
  );
});
