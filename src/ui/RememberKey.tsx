/** The key settings a RememberKey reads and changes: the dispatch key's store and the embeddings server's both have them. */
interface KeyStore {
  apiKey: string;
  remember: boolean;
  setRemember: (remember: boolean) => void;
  /** Drops the key in memory and on the device. */
  forget: () => void;
}

interface Props {
  store: KeyStore;
  label: string;
  className: string;
  testIds: { remember: string; forget: string };
}

/** Under a key field: keep the key on this device, or forget it (in memory and on the device). */
export function RememberKey({ store, label, className, testIds }: Props) {
  // Something to forget: a key typed, or one remembered.
  const canForget = Boolean(store.apiKey) || store.remember;
  return (
    <div className={className}>
      <label>
        <input
          type="checkbox"
          checked={store.remember}
          data-testid={testIds.remember}
          onChange={(e) => store.setRemember(e.currentTarget.checked)}
        />{' '}
        {label}
      </label>
      <button type="button" className="link" data-testid={testIds.forget} disabled={!canForget} onClick={store.forget}>
        Forget the key
      </button>
    </div>
  );
}
