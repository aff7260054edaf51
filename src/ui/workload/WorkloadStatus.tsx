import { useStore } from 'zustand';
import { formatCount } from '../format';
import { paceStore, useWorkload, workloadStore } from './workloadStore';

const LABEL = {
  reading: 'Reading',
  predicting: 'Predicting',
  evaluating: 'Evaluating against the ground truth',
} as const;

/** Progress with a cancel button while a workload runs; what was read, skipped or went wrong. */
export function WorkloadStatus({ overLimit, maxChars }: { overLimit: number; maxChars: number | null }) {
  const status = useWorkload((s) => s.status);
  const progress = useWorkload((s) => s.progress);
  const error = useWorkload((s) => s.error);
  const files = useWorkload((s) => s.files);
  const folder = useWorkload((s) => s.folder);
  const texts = useWorkload((s) => s.texts.length);
  const waitingFor = useWorkload((s) => s.waitingFor);
  const perSecond = useStore(paceStore, (s) => s.perSecond);
  const running = status === 'reading' || status === 'waiting' || status === 'predicting' || status === 'evaluating';
  const empty = files.reduce((n, f) => n + f.empty, 0);
  const problems = files.flatMap((f) => f.problems);
  const problemCount = files.reduce((n, f) => n + f.problemCount, 0);

  return (
    <div className="workload-status" data-status={status}>
      {running && (
        <div className="progress-row">
          {status === 'waiting' ? (
            <span data-testid="workload-waiting">
              {waitingFor} The queries are read: they are routed once it is ready.
            </span>
          ) : (
            <span>
              {LABEL[status]}
              {status === 'predicting' && ` ${formatCount(progress.done)} of ${formatCount(progress.total)} queries`}…
              {status === 'predicting' && perSecond !== null && (
                <span data-testid="workload-rate" data-per-second={Math.round(perSecond)}>
                  {' '}
                  {formatCount(Math.round(perSecond))} queries/s
                </span>
              )}
            </span>
          )}
          <progress
            data-testid="workload-progress"
            max={Math.max(1, progress.total)}
            value={status === 'predicting' ? progress.done : undefined}
          />
          <button type="button" data-testid="workload-cancel" onClick={() => workloadStore.getState().cancel()}>
            Cancel
          </button>
        </div>
      )}
      {status === 'cancelled' && (
        <p className="banner note" data-testid="workload-cancelled">
          {progress.total === 0
            ? 'Cancelled while reading the file: nothing was predicted.'
            : `Cancelled after ${formatCount(progress.done)} of ${formatCount(progress.total)} queries: the plan below covers the ones predicted.`}
        </p>
      )}
      {error && (
        <pre className="banner error" data-testid="workload-error">
          {error}
        </pre>
      )}
      {files.length > 0 && (
        <p className="hint" data-testid="workload-read">
          {formatCount(texts)} queries from {files.map((f) => f.file).join(', ')}
          {empty > 0 && `; ${formatCount(empty)} empty lines skipped`}
          {problemCount > 0 && `; ${formatCount(problemCount)} malformed lines skipped`}
          {overLimit > 0 &&
            maxChars !== null &&
            `; ${formatCount(overLimit)} longer than the encoder's ${formatCount(maxChars)} characters (it reads the first ${formatCount(maxChars)}; the input cost counts them all)`}
          .
        </p>
      )}
      {problems.length > 0 && (
        <details className="problems" data-testid="workload-problems" open>
          <summary>Malformed lines (skipped)</summary>
          <ul>
            {problems.map((p) => (
              <li key={p} className="mono">
                {p}
              </li>
            ))}
            {problemCount > problems.length && <li>… and {formatCount(problemCount - problems.length)} more</li>}
          </ul>
        </details>
      )}
      {folder && (
        <p className="hint">
          {folder.name}: {formatCount(folder.queries)} queries with ground truth
          {folder.dropped > 0 && ` (${formatCount(folder.dropped)} incomplete left out)`}; the plan and the metrics
          cover its held-out split ({formatCount(texts)} queries), as <span className="mono">npm run evaluate</span>{' '}
          does.
        </p>
      )}
    </div>
  );
}
