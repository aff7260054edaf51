import { memo } from 'react';
import type { Manifest } from '../bundle/manifest';
import { DEFAULT_BUNDLE_ID } from '../config';
import { useView } from '../state/viewStore';

interface Props {
  error: string | null;
  failed: boolean;
  manifest: Manifest | null;
  onDismiss: () => void;
}

/** Why a bundle failed (and that the default took over), and a plain warning on simulated predictors. */
function BannersView({ error, failed, manifest, onDismiss }: Props) {
  const bundleId = useView((s) => s.bundleId);
  const present = useView((s) => s.present);
  return (
    <>
      {error && (
        <div className="banner error" role="alert" data-testid="bundle-error">
          <pre>{error}</pre>
          {bundleId === DEFAULT_BUNDLE_ID && !failed ? <span>Showing the default bundle instead.</span> : null}
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
      {manifest?.card.simulated && (
        <div className="banner note" data-testid="simulated-note">
          {present ? (
            <p>
              <strong>Simulated predictor:</strong> it shows how the router decides, not how real LLMs score.
            </p>
          ) : (
            <p>
              This predictor was trained on <strong>simulated</strong> data in R2-Bench’s format: its numbers show how
              the router decides, not how real LLMs score. The model card below says how to train on R2-Bench instead.
            </p>
          )}
        </div>
      )}
    </>
  );
}

export const Banners = memo(BannersView);
