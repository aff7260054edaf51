import { lazy, memo, Suspense, useCallback, useDeferredValue, useMemo } from 'react';
import type { PoolEntry } from './bundle/manifest';
import { encoderGate, useEncoder } from './predictor/useEncoder';
import { usePrediction, useBundleLoader, usePredictor } from './predictor/usePredictor';
import { capRange } from './router/capScale';
import { estimateInputTokens } from './router/cost';
import { buildCurves } from './router/curves';
import { route, routeReactive } from './router/search';
import type { RouteQuery } from './router/types';
import { useView } from './state/store';
import { BackendBadge } from './ui/BackendBadge';
import { BundlePicker } from './ui/BundlePicker';
import { CandidatesTable } from './ui/CandidatesTable';
import { CapSlider } from './ui/CapSlider';
import { colorFor } from './ui/colors';
import { CurvesChart } from './ui/chart/CurvesChart';
import { DecisionCompare } from './ui/DecisionCompare';
import { LambdaSlider } from './ui/LambdaSlider';
import { ModelCard } from './ui/ModelCard';
import { PoolEditor } from './ui/PoolEditor';
import { QueryInput } from './ui/QueryInput';
import { ShareButton } from './ui/ShareButton';
import { useDebounced } from './ui/useDebounced';

// Loaded after the first paint: the curves need neither the API client nor the Qwen3 encoder.
const Dispatch = memo(lazy(() => import('./ui/dispatch/DispatchPanel').then((m) => ({ default: m.DispatchPanel }))));
const EncoderPanel = lazy(() => import('./ui/EncoderPanel').then((m) => ({ default: m.EncoderPanel })));

/** Typing settles for this long before the predictor runs. */
export const QUERY_DEBOUNCE_MS = 150;

/** What the chart and the decision panel say when they have nothing to show. */
function whyNoCurves(s: {
  hasQuery: boolean;
  predictorStatus: 'loading' | 'ready' | 'failed';
  anyEnabled: boolean;
  failed: boolean;
  predicted: boolean;
}): string {
  if (!s.hasQuery) return 'Type a query to see the routers’ choices.';
  if (s.predictorStatus === 'failed') return 'No predictor is loaded: the message above says why.';
  if (s.predictorStatus === 'loading') return 'Loading the predictor…';
  if (!s.anyEnabled) return 'Every LLM is disabled: turn one on in the pool editor.';
  if (s.failed) return 'No prediction for this query.';
  if (!s.predicted) return 'Predicting…';
  return 'Nothing fits the cap: raise it, or drag it to “no cap”.';
}

export function App() {
  const view = useView();
  const predictor = usePredictor();
  const fallBack = useCallback(() => useView.getState().setBundleId('default'), []);
  useBundleLoader(view.bundleId, fallBack);

  const query = useDebounced(view.query, QUERY_DEBOUNCE_MS);
  const hasQuery = query.trim().length > 0;
  const prediction = usePrediction(query);
  const manifest = predictor.manifest;
  const encoderInfo = useEncoder((s) => s.info);
  // A bundle whose encoder is not loaded shows no numbers, not even the last ones.
  const gate = encoderGate(manifest?.encoder ?? null, encoderInfo);
  const inputTokens = estimateInputTokens(query);

  const pool: PoolEntry[] = useMemo(
    () =>
      (manifest?.pool ?? []).map((entry) => {
        const { enabled: _enabled, ...edits } = view.pool[entry.name] ?? {};
        return { ...entry, ...edits };
      }),
    [manifest, view.pool],
  );
  const enabled = useCallback((name: string) => view.pool[name]?.enabled !== false, [view.pool]);
  const colors = useMemo(() => new Map((manifest?.pool ?? []).map((m, i) => [m.name, colorFor(i)])), [manifest]);

  const result = hasQuery && !gate.needed ? prediction.data : undefined;
  const curves = useMemo(
    () => (manifest && result ? buildCurves(manifest, result.prediction, pool, enabled) : []),
    [manifest, result, pool, enabled],
  );

  const routeQuery: RouteQuery = useMemo(
    () => ({ curves, lambda: view.lambda, inputTokens, cap: view.cap, continuous: view.continuous }),
    [curves, view.lambda, inputTokens, view.cap, view.continuous],
  );
  const decision = useMemo(() => route(routeQuery), [routeQuery]);
  const reactive = useMemo(() => routeReactive(routeQuery), [routeQuery]);
  const range = useMemo(() => capRange(view.capKind, curves, inputTokens), [view.capKind, curves, inputTokens]);
  // The DOM selection updates in the same frame; the chart follows in one deferred render that
  // takes new curves and new markers together, so a new prediction draws the chart once.
  const chartCurves = useDeferredValue(curves);
  const chartSelection = useDeferredValue(decision.best);
  const chartBaseline = useDeferredValue(reactive.best);
  const chartCap = useDeferredValue(view.cap);

  const anyEnabled = (manifest?.pool ?? []).some((m) => enabled(m.name));
  // While another bundle loads, or after one failed, the manifest on screen still predicts.
  const predictionReason = whyNoCurves({
    hasQuery,
    predictorStatus: manifest ? 'ready' : predictor.status,
    anyEnabled,
    failed: prediction.isError,
    predicted: curves.length > 0,
  });
  const emptyReason = gate.message ?? predictionReason;
  const latencyMs = result ? result.encodeMs + result.inferMs : null;
  // Curves on screen may belong to an earlier query while the next prediction runs.
  const stale =
    hasQuery && !gate.needed && (view.query !== query || prediction.isPlaceholderData || prediction.isFetching);

  return (
    <div className={view.present ? 'app present' : 'app'}>
      <header className="top">
        <div className="brand">
          <h1>R2 Routing Playground</h1>
          <p>Which LLM, and how long may it answer? Watch a router trade quality against cost.</p>
        </div>
        <div className="top-tools">
          <BundlePicker bundleId={view.bundleId} onSelect={view.setBundleId} />
          <BackendBadge load={predictor.load} latencyMs={latencyMs} />
          <ShareButton />
          <button
            type="button"
            className="toggle"
            aria-pressed={view.present}
            data-testid="present-mode"
            onClick={() => view.setPresent(!view.present)}
          >
            Present
          </button>
        </div>
      </header>

      {predictor.error && (
        <div className="banner error" role="alert" data-testid="bundle-error">
          <pre>{predictor.error}</pre>
          {view.bundleId === 'default' && predictor.status !== 'failed' ? (
            <span>Showing the default bundle instead.</span>
          ) : null}
          <button type="button" onClick={predictor.dismissError}>
            Dismiss
          </button>
        </div>
      )}
      {manifest?.card.simulated && (
        <div className="banner note" data-testid="simulated-note">
          <p>
            This predictor was trained on <strong>simulated</strong> data in R2-Bench’s format: its numbers show how the
            router decides, not how real LLMs score. The model card below says how to train on R2-Bench instead.
          </p>
        </div>
      )}

      <main className="grid">
        <div className="left">
          {manifest?.encoder.kind === 'qwen3-embedding' && (
            <Suspense fallback={<section className="panel">Loading the encoder panel…</section>}>
              <EncoderPanel key={manifest.encoder.model} spec={manifest.encoder} />
            </Suspense>
          )}
          <QueryInput
            query={view.query}
            encoder={manifest?.encoder.kind === 'hashed-ngrams' ? manifest.encoder : null}
            inputTokens={estimateInputTokens(view.query)}
            onChange={view.setQuery}
          />

          <section className="panel chart-panel">
            <div className="panel-head">
              <h2>Predicted quality vs {view.xAxis === 'tokens' ? 'output length' : 'cost'}</h2>
              <button
                type="button"
                className="toggle"
                data-testid="x-axis-mode"
                data-mode={view.xAxis}
                aria-pressed={view.xAxis === 'usd'}
                onClick={() => view.setXAxis(view.xAxis === 'tokens' ? 'usd' : 'tokens')}
              >
                x: {view.xAxis === 'tokens' ? 'tokens' : 'USD'} ⇄
              </button>
            </div>
            <div
              className={stale ? 'chart stale' : 'chart'}
              data-testid="curves-chart"
              data-lines={curves.length}
              aria-busy={stale}
            >
              {curves.length > 0 ? (
                <CurvesChart
                  curves={chartCurves}
                  colors={colors}
                  mode={view.xAxis}
                  inputTokens={inputTokens}
                  cap={chartCap}
                  selection={chartSelection}
                  baseline={chartBaseline}
                />
              ) : (
                <div className="chart-empty" data-testid="chart-message">
                  {prediction.isError ? (prediction.error).message : emptyReason}
                </div>
              )}
            </div>
            <ul className="legend">
              {curves.map((c) => (
                <li key={c.model}>
                  <span className="swatch" style={{ background: colors.get(c.model) }} />
                  {c.model}
                </li>
              ))}
              {curves.length > 0 && (
                <li className="muted">◇ natural length (no instruction) · ○ R2 choice · ◌ reactive choice</li>
              )}
            </ul>
          </section>

          <section className="panel controls">
            <LambdaSlider lambda={view.lambda} onChange={view.setLambda} />
            <CapSlider
              kind={view.capKind}
              cap={view.cap}
              range={range}
              onKind={view.setCapKind}
              onChange={view.setCap}
            />
            <div className="control-row">
              <button
                type="button"
                className="toggle"
                data-testid="search-mode"
                aria-pressed={view.continuous}
                onClick={() => view.setContinuous(!view.continuous)}
              >
                Budgets: {view.continuous ? 'continuous (anchors + cap)' : 'anchors only'}
              </button>
              <span className="hint">Continuous search may stop exactly at the cap, between two anchor budgets.</span>
            </div>
          </section>
        </div>

        <div className="right">
          <section className="panel">
            <DecisionCompare r2={decision.best} reactive={reactive.best} emptyReason={emptyReason} />
          </section>
          <section className="panel">
            <CandidatesTable ranked={decision.ranked} colors={colors} />
          </section>
        </div>
      </main>

      <Suspense fallback={<section className="panel">Loading the dispatch panel…</section>}>
        <Dispatch query={query} r2={decision.best} reactive={reactive.best} pool={pool} inputTokens={inputTokens} />
      </Suspense>

      {manifest && (
        <div className="lower">
          <PoolEditor
            effective={pool}
            enabled={enabled}
            colors={colors}
            edited={Object.keys(view.pool).length > 0}
            onChange={view.overrideModel}
            onReset={view.resetPool}
          />
          <ModelCard
            manifest={manifest}
            plotUrl={
              predictor.key && !predictor.key.startsWith('local:')
                ? `${import.meta.env.BASE_URL}models/${predictor.key}/deferral.svg`
                : null
            }
          />
        </div>
      )}
    </div>
  );
}
