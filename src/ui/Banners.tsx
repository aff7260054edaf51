import { memo } from 'react';
import { AUTHORS_RELEASE } from '../bundle/authorsRelease';
import type { Manifest } from '../bundle/manifest';
import { DEFAULT_BUNDLE_ID } from '../config';
import { useView } from '../state/viewStore';

interface Props {
  error: string | null;
  failed: boolean;
  manifest: Manifest | null;
  onDismiss: () => void;
}

const SHOW_WITHIN_MS = 60_000;

/** Scrolls to the element with this data-testid once it is on the page (the encoder panel mounts after its bundle loads). */
function scrollToWhenShown(testId: string): void {
  const selector = `[data-testid="${testId}"]`;
  const reveal = (el: Element) => el.scrollIntoView({ block: 'start', behavior: 'smooth' });
  const now = document.querySelector(selector);
  if (now) return reveal(now);
  const watch = new MutationObserver(() => {
    const el = document.querySelector(selector);
    if (!el) return;
    watch.disconnect();
    reveal(el);
  });
  watch.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => watch.disconnect(), SHOW_WITHIN_MS);
}

/** Why a bundle failed (and that the default took over), and a plain warning on simulated predictors. */
function BannersView({ error, failed, manifest, onDismiss }: Props) {
  const bundleId = useView((s) => s.bundleId);
  const present = useView((s) => s.present);
  const setBundleId = useView((s) => s.setBundleId);
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
            <>
              <p>
                This predictor was trained on <strong>simulated</strong> data in R2-Bench’s format: its numbers show how
                the router decides, not how real LLMs score. For real predictions, use the router its authors released:
                its heads download from their GitHub repository, then its Qwen3-0.6B query encoder loads in this page,
                each precision with its download size. Or train on R2-Bench: the model card below says how.
              </p>
              <button
                type="button"
                className="banner-action"
                data-testid="try-release"
                onClick={() => {
                  setBundleId(AUTHORS_RELEASE.id);
                  scrollToWhenShown('encoder-panel');
                }}
              >
                Use the released R2-Router
              </button>
            </>
          )}
        </div>
      )}
    </>
  );
}

export const Banners = memo(BannersView);
