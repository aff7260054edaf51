import { threadsNote } from '../offline/threadsNote';
import { useOffline } from '../offline/pageOffline';

/** One line for the encoder panel: does the encoder get WASM threads here, and if not, why and what would. */
export function ThreadsNote() {
  const worker = useOffline((s) => s.worker);
  const reason = useOffline((s) => s.reason);
  const controlled = useOffline((s) => s.controlled);
  const note = threadsNote({ isolated: crossOriginIsolated, worker, reason, controlled });
  return (
    <p className="hint" data-testid="threads-note" data-threads={note.threads}>
      {note.text}{' '}
      {note.reloadHelps && (
        <button type="button" data-testid="threads-reload" onClick={() => location.reload()}>
          Reload
        </button>
      )}
    </p>
  );
}
