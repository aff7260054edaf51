import { memo } from 'react';
import type { HashedNgramsSpec } from '../bundle/manifest';
import { useView } from '../state/viewStore';
import { EXAMPLES } from './examples';
import { formatCount } from './format';

interface Props {
  query: string;
  encoder: HashedNgramsSpec | null;
  inputTokens: number;
  onChange: (query: string) => void;
}

function QueryInputView({ query, encoder, inputTokens, onChange }: Props) {
  const clipped = encoder !== null && query.length > encoder.maxChars;
  const leftOut = useView((s) => s.queryLeftOut);
  return (
    <section className="query">
      <label htmlFor="query">Query</label>
      <textarea
        id="query"
        data-testid="query-input"
        dir="auto"
        rows={3}
        spellCheck={false}
        placeholder="Type or paste a query, or pick an example below"
        value={query}
        onChange={(e) => onChange(e.target.value)}
      />
      <div className="query-meta">
        <div className="examples" role="group" aria-label="Example queries">
          {EXAMPLES.map((ex) => (
            <button
              key={ex.label}
              type="button"
              className={query === ex.text ? 'chip active' : 'chip'}
              onClick={() => onChange(ex.text)}
            >
              {ex.label}
            </button>
          ))}
        </div>
        <span className="muted" data-testid="input-tokens">
          {/* The estimators count at least one token per call; an empty box sends nothing. */}
          {formatCount(query.length)} chars · ≈{formatCount(query.trim() === '' ? 0 : inputTokens)} input tokens
        </span>
      </div>
      {leftOut && (
        <p className="notice" data-testid="query-left-out">
          This link left its query out: it was too long for a link, and it is kept only on the device that made the
          link.
        </p>
      )}
      {clipped && (
        <p className="notice" data-testid="query-clipped">
          The encoder reads the first {formatCount(encoder.maxChars)} characters; the input cost still counts all{' '}
          {formatCount(query.length)}.
        </p>
      )}
    </section>
  );
}

/** Memoised: a slider move re-renders only what depends on λ and the cap. */
export const QueryInput = memo(QueryInputView);
