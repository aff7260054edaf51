import { memo, useState } from 'react';
import type { PoolEntry } from '../bundle/manifest';
import { MAX_PRICE_PER_MILLION } from '../config';
import type { PoolOverride } from '../state/viewState';
import { formatCount } from './format';

type PriceField = 'inputPerMillion' | 'outputPerMillion';
type Parsed<T> = { value: T } | { error: string };

/** Accepts a price only when it is a number from 0 to MAX_PRICE_PER_MILLION. */
export function parsePrice(text: string): Parsed<number> {
  if (text.trim() === '') return { error: 'enter a price' };
  const value = Number(text);
  if (Number.isNaN(value)) return { error: 'not a number' };
  if (value < 0) return { error: 'cannot be negative' };
  if (value > MAX_PRICE_PER_MILLION) return { error: `at most $${formatCount(MAX_PRICE_PER_MILLION)} per 1M tokens` };
  return { value };
}

function parseProviderId(text: string): Parsed<string> {
  return text.trim() ? { value: text.trim() } : { error: 'enter a model id' };
}

interface FieldProps<T> {
  label: string;
  value: T;
  parse: (text: string) => Parsed<T>;
  onCommit: (value: T) => void;
  numeric?: boolean;
}

/** An input that commits only valid values and shows why it refuses the others, at the field. */
function ValidatedInput<T>({ label, value, parse, onCommit, numeric }: FieldProps<T>) {
  const [draft, setDraft] = useState<string | null>(null);
  const parsed = draft === null ? null : parse(draft);
  const error = parsed && 'error' in parsed ? parsed.error : null;
  return (
    <div className="field">
      <input
        aria-label={label}
        inputMode={numeric ? 'decimal' : undefined}
        aria-invalid={error !== null}
        value={draft ?? String(value)}
        onChange={(e) => {
          setDraft(e.target.value);
          const p = parse(e.target.value);
          if ('value' in p) onCommit(p.value);
        }}
        onBlur={() => !error && setDraft(null)}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

interface Props {
  effective: readonly PoolEntry[];
  enabled: (name: string) => boolean;
  colors: ReadonlyMap<string, string>;
  edited: boolean;
  onChange: (name: string, change: PoolOverride) => void;
  onReset: () => void;
}

function PoolEditorView({ effective, enabled, colors, edited, onChange, onReset }: Props) {
  // A reset remounts the rows so half-typed drafts are dropped with the overrides.
  const [generation, setGeneration] = useState(0);
  const price = (name: string, field: PriceField, label: string, value: number) => (
    <ValidatedInput
      label={label}
      value={value}
      parse={parsePrice}
      numeric
      onCommit={(v) => onChange(name, { [field]: v })}
    />
  );
  return (
    <section className="panel" data-testid="pool-editor">
      <div className="panel-head">
        <h2>LLM pool</h2>
        <button
          type="button"
          onClick={() => {
            onReset();
            setGeneration((g) => g + 1);
          }}
          disabled={!edited}
        >
          Reset to bundle defaults
        </button>
      </div>
      <p className="hint">Prices in USD per 1M tokens. Edits are saved on this device and travel in the share link.</p>
      <table className="pool">
        <thead>
          <tr>
            <th>on</th>
            <th>LLM</th>
            <th>provider model id</th>
            <th>input $/M</th>
            <th>output $/M</th>
          </tr>
        </thead>
        <tbody>
          {effective.map((m) => (
            <tr key={`${m.name}-${generation}`} className={enabled(m.name) ? undefined : 'off'}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`use ${m.name}`}
                  checked={enabled(m.name)}
                  onChange={(e) => onChange(m.name, { enabled: e.target.checked })}
                />
              </td>
              <td>
                <span className="swatch" style={{ background: colors.get(m.name) }} />
                {m.name}
                {m.available === false && (
                  <span
                    className="badge warn"
                    title={m.note ?? 'the provider does not serve this LLM; its price is an estimate'}
                  >
                    self-host
                  </span>
                )}
              </td>
              <td>
                <ValidatedInput
                  label={`${m.name} provider model id`}
                  value={m.providerId}
                  parse={parseProviderId}
                  onCommit={(v) => onChange(m.name, { providerId: v })}
                />
              </td>
              <td>{price(m.name, 'inputPerMillion', `${m.name} input price per million tokens`, m.inputPerMillion)}</td>
              <td>
                {price(m.name, 'outputPerMillion', `${m.name} output price per million tokens`, m.outputPerMillion)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Memoised: a slider move re-renders only what depends on λ and the cap. */
export const PoolEditor = memo(PoolEditorView);
