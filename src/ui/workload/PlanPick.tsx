import type { KeyboardEvent, ReactNode } from 'react';
import { samePlanFilter, type PlanFilter } from '../../workload/plan';
import { planPickLabel } from './planFilterText';

interface Props {
  filter: PlanFilter;
  /** Queries routed there. */
  queries: number;
  picked: PlanFilter | null;
  /** Picking the picked part again lets go of it. */
  onPick: (filter: PlanFilter | null) => void;
  testId: string;
  children: ReactNode;
}

/**
 * A part of the plan chart that filters the query list: a button for the pointer and the
 * keyboard alike. Its hover, focus and pressed looks are the stylesheet's, so exports leave them out.
 */
export function PlanPick({ filter, queries, picked, onPick, testId, children }: Props) {
  const pressed = samePlanFilter(filter, picked);
  const label = planPickLabel(filter, queries);
  const pick = () => onPick(pressed ? null : filter);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    // Space would otherwise scroll the page.
    e.preventDefault();
    pick();
  };
  return (
    <g
      className="plan-pick"
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={pressed}
      data-testid={testId}
      data-router={filter.router}
      data-model={filter.model}
      data-budget={filter.budget ?? undefined}
      data-queries={queries}
      onClick={pick}
      onKeyDown={onKeyDown}
    >
      <title>{label}</title>
      {children}
    </g>
  );
}
