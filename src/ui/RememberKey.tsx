interface Props {
  remember: boolean;
  /** Whether there is anything to forget: a key typed, or one remembered. */
  canForget: boolean;
  onRemember: (remember: boolean) => void;
  onForget: () => void;
  label: string;
  className: string;
  testIds: { remember: string; forget: string };
}

/** Under a key field: keep the key on this device, or forget it (in memory and on the device). */
export function RememberKey({ remember, canForget, onRemember, onForget, label, className, testIds }: Props) {
  return (
    <div className={className}>
      <label>
        <input
          type="checkbox"
          checked={remember}
          data-testid={testIds.remember}
          onChange={(e) => onRemember(e.currentTarget.checked)}
        />{' '}
        {label}
      </label>
      <button type="button" className="link" data-testid={testIds.forget} disabled={!canForget} onClick={onForget}>
        Forget the key
      </button>
    </div>
  );
}
