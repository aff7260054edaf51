import { useView } from '../../state/viewStore';

/** Switches between the single-query playground and the workload view. */
export function WorkloadTab() {
  const view = useView((s) => s.view);
  const setView = useView((s) => s.setView);
  return view === 'workload' ? (
    <button type="button" data-testid="workload-back" onClick={() => setView('main')}>
      ← Single query
    </button>
  ) : (
    <button type="button" data-testid="workload" onClick={() => setView('workload')}>
      Whole workload
    </button>
  );
}
