import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { AUTHORS_RELEASE } from '../bundle/authorsRelease';
import { DEFAULT_BUNDLE_ID, isLocalBundle } from '../config';
import { offlineSummary, type ShownBundle } from '../offline/offlineSummary';
import { useOffline } from '../offline/pageOffline';
import { useEncoder } from '../predictor/useEncoder';
import { usePredictor } from '../predictor/usePredictor';

const NOTHING_KEPT = { heads: false, encoder: [], runtime: false };

function shown(key: string | null): ShownBundle {
  if (key === null || key === DEFAULT_BUNDLE_ID) return { kind: 'default' };
  if (key === AUTHORS_RELEASE.id) return { kind: 'release' };
  return isLocalBundle(key) ? { kind: 'local' } : { kind: 'served', id: key };
}

/** Whether a reload without network would open the app as it is now, and what this browser keeps for it. */
function OfflineReadyView() {
  const offline = useOffline((s) => s);
  const key = usePredictor((s) => s.key);
  const releaseState = usePredictor((s) => s.release?.state ?? null);
  const encoderStatus = useEncoder((s) => s.status);
  // Read once the service worker has answered, after the first curves: its code loads only then.
  const release = useQuery({
    queryKey: ['offline-release', offline.kept, releaseState, encoderStatus],
    queryFn: async () => (await import('../offline/releaseKept')).releaseKept(offline.kept),
    enabled: offline.kept !== null,
  });
  const summary = offlineSummary({ ...offline, bundle: shown(key), release: release.data ?? NOTHING_KEPT });
  return (
    <details className="offline-ready" data-testid="offline-ready" data-state={summary.state}>
      <summary title="What this browser keeps for a visit without network">
        <span className="label">offline</span>{' '}
        <span className={summary.state === 'ready' ? 'badge' : 'badge warn'}>{summary.label}</span>
      </summary>
      <ul>
        {summary.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}

export const OfflineReady = memo(OfflineReadyView);
