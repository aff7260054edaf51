import type { PlanFilter } from '../../workload/plan';
import { formatBudget, formatCount } from '../format';

const ROUTER_NAME = { r2: 'R2', reactive: 'the reactive router' } as const;

const queries = (n: number) => `${formatCount(n)} ${n === 1 ? 'query' : 'queries'}`;

/** Where a filter points, as the query list's R2 and reactive columns write a choice. */
export function planFilterPlace(f: PlanFilter): string {
  return f.budget === null ? `${f.model} (every budget)` : `${f.model} · ${formatBudget(f.budget)}`;
}

/** A plan cell's or segment's name for a pointer's tooltip and a screen reader. */
export function planPickLabel(f: PlanFilter, n: number): string {
  // R2's grid cells need no router's name: the grid is R2's, and the reactive column says so.
  const who = f.router === 'r2' && f.budget !== null ? '' : `${f.router === 'r2' ? 'R2' : 'reactive'} → `;
  return `${who}${planFilterPlace(f)}: ${queries(n)} — show them`;
}

/** The active filter above the query list. */
export function planFilterSummary(f: PlanFilter, shown: number, total: number): string {
  return `${ROUTER_NAME[f.router]} sends ${formatCount(shown)} of ${queries(total)} to ${planFilterPlace(f)}`;
}
