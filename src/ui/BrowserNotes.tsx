import { useEffect, useState } from 'react';
import { usePredictor } from '../predictor/usePredictor';
import { browserNotes } from './browserNotes';

/** The storage quota this browser reports for the page, once known; null where it says nothing. */
function useQuota(): number | null {
  const [quota, setQuota] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    navigator.storage
      ?.estimate()
      .then((e) => live && setQuota(e.quota ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return quota;
}

/** Beside the Qwen3 encoder: what this browser lacks that the encoder would use, before a load finds out. */
export function BrowserNotes() {
  const webgpuNote = usePredictor((s) => s.load?.webgpuNote);
  const quotaBytes = useQuota();
  const notes = browserNotes({
    webgpuNote,
    isolated: self.crossOriginIsolated,
    cacheStorage: typeof caches !== 'undefined',
    quotaBytes,
  });
  if (notes.length === 0) return null;
  return (
    <section className="panel browser-notes" data-testid="browser-notes">
      <h2>In this browser</h2>
      <ul>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
