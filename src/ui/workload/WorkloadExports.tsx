import type { Candidate } from '../../router/types';
import { curvesCsv, planCsv, planExportRows, planJson, type NamedCurve } from '../../workload/exports';
import { downloadText } from '../../export/download';

interface Props {
  texts: readonly string[];
  r2: readonly (Candidate | null)[];
  reactive: readonly (Candidate | null)[];
  curves: readonly NamedCurve[];
}

/** The plan (CSV, JSON) and the curves (CSV) as files; the charts export from their own panels. */
export function WorkloadExports({ texts, r2, reactive, curves }: Props) {
  const rows = () => planExportRows(texts, r2, reactive);
  return (
    <div className="workload-exports">
      <span>Export:</span>
      <button
        type="button"
        data-testid="workload-export-csv"
        onClick={() => downloadText('workload-plan.csv', planCsv(rows()), 'text/csv')}
      >
        Plan CSV
      </button>
      <button
        type="button"
        data-testid="workload-export-json"
        onClick={() => downloadText('workload-plan.json', planJson(rows()), 'application/json')}
      >
        Plan JSON
      </button>
      <button
        type="button"
        data-testid="workload-export-curves"
        onClick={() => downloadText('workload-curves.csv', curvesCsv(curves), 'text/csv')}
      >
        Curves CSV
      </button>
    </div>
  );
}
