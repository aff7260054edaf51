import { memo } from 'react';
import type { Manifest } from '../bundle/manifest';
import { useEncoder } from '../predictor/useEncoder';
import { useReadiness } from '../predictor/useReadiness';

interface Props {
  manifest: Manifest;
  /** Where the bundle's report plot is served, when it is served. */
  plotUrl: string | null;
}

function ModelCardView({ manifest, plotUrl }: Props) {
  const { card, encoder, pool, budgets } = manifest;
  const metrics = Object.entries(card.metrics);
  const info = useEncoder((s) => s.info);
  // The encoder this bundle reads now, when loaded: its precision is the approximation the card speaks of.
  const loaded = useReadiness().encoder === 'ready' ? info : null;
  return (
    <section className="panel model-card" data-testid="model-card">
      <div className="panel-head">
        <h2>Predictor: {card.title}</h2>
        {card.simulated ? (
          <span className="badge warn" data-testid="simulated-badge">
            trained on simulated data
          </span>
        ) : (
          <span className="badge">trained on real data</span>
        )}
      </div>
      <p>{card.summary}</p>
      <dl className="facts">
        <dt>trained on</dt>
        <dd>{card.trainedOn}</dd>
        <dt>encoder</dt>
        <dd data-testid="model-card-encoder">
          {encoder.kind === 'hashed-ngrams'
            ? `hashed word and character n-grams, ${encoder.dim} features`
            : `needs the ${encoder.model} encoder: its last-token hidden state, ${encoder.dim}-d${encoder.normalize ? ', L2-normalised' : ''} (load it in the encoder panel)`}
        </dd>
        {card.fidelity && (
          <>
            <dt>real</dt>
            <dd data-testid="fidelity-real">{card.fidelity.real}</dd>
            <dt>approximate</dt>
            <dd data-testid="fidelity-approximate">
              {card.fidelity.approximate}
              {loaded && (
                <>
                  {' '}
                  Loaded now:{' '}
                  {loaded.from === 'server'
                    ? `${loaded.label}, an embeddings server.`
                    : `${loaded.label}, ${loaded.precision} on ${loaded.device}.`}
                </>
              )}
            </dd>
            <dt>unverified</dt>
            <dd data-testid="fidelity-unverified">{card.fidelity.unverified}</dd>
            <dt>check it</dt>
            <dd>
              <code data-testid="fidelity-check">{card.fidelity.check}</code>
            </dd>
          </>
        )}
        <dt>pool</dt>
        <dd>
          {pool.length} LLMs × {budgets.length} budgets ({budgets.join(', ')})
        </dd>
        <dt>reproduce</dt>
        <dd>
          <code>{card.reproduce}</code>
        </dd>
        {card.license && (
          <>
            <dt>license</dt>
            <dd>{card.license}</dd>
          </>
        )}
      </dl>
      {metrics.length > 0 && (
        <table className="metrics">
          <caption>Held-out metrics reported by the bundle</caption>
          <tbody>
            {metrics.map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                {/* A remark (where the figures come from) wraps as text; figures line up as numbers. */}
                {typeof v === 'number' ? <td className="num">{Number(v.toPrecision(4))}</td> : <td>{v}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plotUrl && (
        <img
          className="report-plot"
          src={plotUrl}
          alt="Deferral curves on the held-out split"
          onError={(e) => (e.currentTarget.style.display = 'none')}
        />
      )}
    </section>
  );
}

/** Memoised: a slider move re-renders only what depends on λ and the cap. */
export const ModelCard = memo(ModelCardView);
