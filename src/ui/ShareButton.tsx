import { useState } from 'react';
import { MAX_QUERY_IN_URL } from '../config';
import { viewToSearch } from '../state/url';
import { viewStore } from '../state/viewStore';

/** Copies a link to exactly this view (never any key: the view holds none). */
export function ShareButton() {
  const [note, setNote] = useState<string | null>(null);
  async function share() {
    const view = viewStore.getState();
    const url = `${location.origin}${location.pathname}${viewToSearch(view)}`;
    const longQuery = view.query.length > MAX_QUERY_IN_URL ? ' (the query is too long for a link and is left out)' : '';
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
      <button type="button" data-testid="share-button" onClick={() => void share()}>
        Share view
      </button>
      {note && (
        <span className="share-note" role="status">
          {note}
        </span>
      )}
    </div>
  );
}
