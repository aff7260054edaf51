import { useOffline } from '../offline/pageOffline';

/** A newer deployment is installed and waiting: one click takes it (the page reloads on the new build as a whole). */
export function UpdateBanner() {
  const waiting = useOffline((s) => s.updateWaiting);
  const reload = useOffline((s) => s.reloadIntoUpdate);
  if (!waiting) return null;
  return (
    <div className="banner note update-ready" role="status" data-testid="update-ready">
      <p>A newer version of the playground has been published. Reload to use it.</p>
      <button type="button" className="banner-action" data-testid="update-reload" onClick={reload}>
        Reload
      </button>
    </div>
  );
}
