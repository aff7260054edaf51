import { useState } from 'react';
import { isTooLongForLink } from '../state/keptQuery';
import { viewToSearch } from '../state/url';
import { viewStore } from '../state/viewStore';

interface Props {
  label?: string;
  testId?: string;
}

/** Copies a link to exactly this view, tour step included (never any key: the view holds none). */
export function ShareButton({ label = 'Share view', testId = 'share-button' }: Props) {
  const [note, setNote] = useState<string | null>(null);
  async function share() {
    const view = viewStore.getState();
    const url = `${location.origin}${location.pathname}${viewToSearch(view)}`;
    const longQuery = isTooLongForLink(view.query)
      ? ' (the query is too long for a link and is left out; it stays on this device)'
      : '';
    try {
      await navigator.clipboard.writeText(url);
      setNote(`Link copied${longQuery}`);
    } catch {
      setNote(`Copy this link${longQuery}: ${url}`);
    }
    setTimeout(() => setNote(null), 4000);
  }
  return (
    <div className="share">
      <button type="button" data-testid={testId} onClick={() => void share()}>
        {label}
      </button>
      {note && (
        <span className="share-note" role="status">
          {note}
        </span>
      )}
    </div>
  );
}
