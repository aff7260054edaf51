import { useDeferredValue, useMemo } from 'react';
import { DEFAULT_BUNDLE_ID, QUERY_DEBOUNCE_MS } from '../config';
import { usePrediction } from '../predictor/usePrediction';
import { useBundleLoader, usePredictor } from '../predictor/usePredictor';
import { useEmbedAhead } from '../predictor/useEmbedAhead';
import { useReadiness } from '../predictor/useReadiness';
import { capRange } from '../router/capScale';
import { buildCurves } from '../router/curves';
import { inputTokensFor } from '../router/inputTokens';
import { explain } from '../router/explain';
import { gradeGuess, type GuessPick } from '../router/guess';
import { r2Frontier, reactiveFrontier } from '../router/frontier';
import { r2LambdaMap, reactiveLambdaMap } from '../router/lambdaMap';
import { route, routeReactive } from '../router/search';
import type { DecisionRules, RouteQuery } from '../router/types';
import { useDebounced } from '../ui/useDebounced';
import { guessStore, useGuess } from './guessStore';
import { NO_LLM_ENABLED, useEffectivePool } from './useEffectivePool';
import { viewStore, useView } from './viewStore';

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
  if (!s.anyEnabled) return NO_LLM_ENABLED;
  if (s.failed) return 'No prediction for this query.';
  if (!s.predicted) return 'Predicting…';
  return 'Nothing fits the cap: raise it, or drag it to “no cap”.';
}

const fallBackToDefault = () => viewStore.getState().setBundleId(DEFAULT_BUNDLE_ID);

/**
 * The page's view model: from the view (read field by field), the loaded bundle and the
 * prediction for the settled query, everything the views draw — the effective pool, colours,
 * curves, both routers' decisions, the cap's range, what to say when there is nothing to
 * show. Pure arithmetic on curves already predicted: a slider move never reaches the worker.
 */
export function usePlayground() {
  const bundleId = useView((s) => s.bundleId);
  const typed = useView((s) => s.query);
  const lambda = useView((s) => s.lambda);
  const cap = useView((s) => s.cap);
  const capKind = useView((s) => s.capKind);
  const continuous = useView((s) => s.continuous);
  const appRules = useView((s) => s.appRules);
  const guessOn = useView((s) => s.guess);
  const round = useGuess((s) => s.round);

  const predictor = usePredictor((s) => s);
  useBundleLoader(bundleId, fallBackToDefault);

  useEmbedAhead(typed);
  const query = useDebounced(typed, QUERY_DEBOUNCE_MS);
  const hasQuery = query.trim().length > 0;
  const prediction = usePrediction(query);
  const manifest = predictor.manifest;
  const ready = useReadiness();
  // A bundle whose encoder is not loaded shows no numbers, not even the last ones.
  const encoderMissing = !ready.ready && (ready.why === 'encoder-not-loaded' || ready.why === 'encoder-loading');

  const bundleRules: DecisionRules = manifest?.decisionRules ?? 'playground';
  const rules: DecisionRules = appRules ? 'playground' : bundleRules;
  const inputTokens = inputTokensFor(rules, query);

  const { overrides, pool, enabled, anyEnabled, colors } = useEffectivePool(manifest);

  const result = hasQuery && !encoderMissing ? prediction.data : undefined;
  const curves = useMemo(
    () => (manifest && result ? buildCurves(manifest, result.prediction, pool, enabled) : []),
    [manifest, result, pool, enabled],
  );

  const routeQuery: RouteQuery = useMemo(
    () => ({ curves, lambda, inputTokens, cap, continuous, rules }),
    [curves, lambda, inputTokens, cap, continuous, rules],
  );
  const decision = useMemo(() => route(routeQuery), [routeQuery]);
  const reactive = useMemo(() => routeReactive(routeQuery), [routeQuery]);
  const range = useMemo(() => capRange(capKind, curves, inputTokens), [capKind, curves, inputTokens]);
  // The λ maps and frontiers hold for every λ: a slider move reuses them. (λ = 0 only fills the
  // field; the maps ignore it, and the frontiers' costs and qualities do not depend on it.) They
  // follow a new prediction in the deferred render, with the chart, so the selection never waits.
  const wholeRange: RouteQuery = useDeferredValue(
    useMemo(
      () => ({ curves, lambda: 0, inputTokens, cap, continuous, rules }),
      [curves, inputTokens, cap, continuous, rules],
    ),
  );
  const lambdaMaps = useMemo(
    () => ({ r2: r2LambdaMap(wholeRange), reactive: reactiveLambdaMap(wholeRange) }),
    [wholeRange],
  );
  const frontiers = useMemo(
    () => ({ r2: r2Frontier(wholeRange), reactive: reactiveFrontier(wholeRange) }),
    [wholeRange],
  );
  // The explanation weighs price changes too: it follows the selection one deferred render later,
  // so a slider move never waits for it.
  const explainQuery = useDeferredValue(routeQuery);
  const explanation = useMemo(() => explain(explainQuery), [explainQuery]);
  // The DOM selection updates in the same frame; the chart follows in one deferred render that
  // takes new curves and new markers together, so a new prediction draws the chart once.
  const chartCurves = useDeferredValue(curves);
  const chartSelection = useDeferredValue(decision.best);
  const chartBaseline = useDeferredValue(reactive.best);
  const chartCap = useDeferredValue(cap);
  const chart = useMemo(
    () => ({
      curves: chartCurves,
      selection: chartSelection,
      baseline: chartBaseline,
      cap: chartCap,
      frontier: frontiers.r2,
      reactiveFrontier: frontiers.reactive,
    }),
    [chartCurves, chartSelection, chartBaseline, chartCap, frontiers],
  );

  // Guess mode: R2's choice stays hidden in each new situation until the person has picked.
  const situation = JSON.stringify([bundleId, query, lambda, cap, continuous, rules, overrides]);
  const revealed = !guessOn || round?.situation === situation;
  const guess = useMemo(
    () => ({
      on: guessOn,
      situation,
      revealed,
      grade: guessOn && revealed && round ? gradeGuess(routeQuery, round.pick) : null,
      pick: (p: GuessPick) => guessStore.getState().guess(situation, p, gradeGuess(routeQuery, p)?.right ?? false),
    }),
    [guessOn, situation, revealed, round, routeQuery],
  );

  // While another bundle loads, or after one failed, the manifest on screen still predicts.
  const predictionReason = whyNoCurves({
    hasQuery,
    predictorStatus: manifest ? 'ready' : predictor.status,
    anyEnabled,
    failed: prediction.isError,
    predicted: curves.length > 0,
  });
  const emptyReason = encoderMissing ? ready.message : predictionReason;

  return {
    predictor,
    manifest,
    /** The settled (debounced) query the curves belong to. */
    query,
    inputTokens,
    /** The estimate for what is typed now, before it settles. */
    typedInputTokens: inputTokensFor(rules, typed),
    rules,
    bundleRules,
    pool,
    enabled,
    colors,
    curves,
    chart,
    decision,
    reactive,
    /** The query as routed now: curves, λ, cap and rules. */
    routeQuery,
    /** Which option wins on every stretch of λ, for this query and cap. */
    lambdaMaps,
    /** Why R2 chose what it chose (null when nothing is on offer); one deferred render behind. */
    explanation,
    range,
    /** Guess mode: whether R2's choice may show, and how the person's pick fared. */
    guess,
    emptyReason,
    predictionError: prediction.isError ? prediction.error : null,
    latencyMs: result ? result.encodeMs + result.inferMs : null,
    // Curves on screen may belong to an earlier query while the next prediction runs.
    stale: hasQuery && !encoderMissing && (typed !== query || prediction.isPlaceholderData || prediction.isFetching),
  };
}
