import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { usePredictor } from '../../predictor/usePredictor';
import { useDebounced } from '../useDebounced';
import type { DecisionRules } from '../../router/types';
import { useEffectivePool } from '../../state/useEffectivePool';
import { useView } from '../../state/viewStore';
import { lambdaGrid } from '../../evaluate/lambdas';
import {
  indexMaps,
  planTotals,
  predictedCurve,
  queryMaps,
  type QueryMaps,
  type RoutingSettings,
} from '../../workload/plan';
import { savings } from '../../workload/savings';
import { useWorkload } from './workloadStore';

/** The λ sweep the workload view draws: 50 points, denser where costs make λ matter. */
const WORKLOAD_LAMBDAS = lambdaGrid(47);
/** Queries routed between two yields to the page, so a re-route never freezes it. */
const ROUTE_SLICE = 400;
/** How long λ must rest before the plan follows it while a batch predicts. */
const BATCH_PLAN_DEBOUNCE_MS = 200;
/** Queries routed per idle callback while a batch predicts (a few ms: a press arriving then waits little). */
const IDLE_SLICE = 16;

/**
 * The workload view's numbers, from the workload's cached predictions and the view's λ, cap,
 * pool and rules. The λ maps (one per query) are rebuilt in slices when the pool, cap or rules
 * change; a λ change only looks choices up in them.
 */
export function useWorkloadPlan() {
  const manifest = usePredictor((s) => s.manifest);
  const lambda = useView((s) => s.lambda);
  const cap = useView((s) => s.cap);
  const continuous = useView((s) => s.continuous);
  const appRules = useView((s) => s.appRules);
  const texts = useWorkload((s) => s.texts);
  const predictions = useWorkload((s) => s.predictions);
  const status = useWorkload((s) => s.status);
  const arriving = useWorkload((s) => s.arriving);
  const arrived = useWorkload((s) => s.progress.done);
  const cacheKey = useWorkload((s) => s.cacheKey);
  const predictedWith = useWorkload((s) => s.predictedWith);
  // Predictions from another bundle than the one loaded now are never routed with this one's pool.
  const otherBundle = predictedWith !== null && predictedWith !== manifest;

  const { pool, enabled, colors } = useEffectivePool(manifest);
  const rules: DecisionRules = appRules ? 'playground' : (manifest?.decisionRules ?? 'playground');

  const settings: RoutingSettings | null = useMemo(
    () => (manifest && !otherBundle ? { manifest, pool, enabled, cap, continuous, rules } : null),
    [manifest, otherBundle, pool, enabled, cap, continuous, rules],
  );
  // While the worker predicts, the last plan stays up, marked stale: routing a moving set would only slow the batch.
  const settled = status !== 'predicting' && status !== 'reading';
  const routable = useMemo(() => texts.filter((t) => predictions.has(t)), [texts, predictions]);

  // Each query's maps for the current settings and bundle, kept across runs and filled while a batch arrives.
  const mapCache = useRef<{
    settings: RoutingSettings | null;
    cacheKey: string | null;
    byText: Map<string, QueryMaps>;
  }>({ settings: null, cacheKey: null, byText: new Map() });
  const cachedMaps = useCallback(
    (s: RoutingSettings) => {
      const c = mapCache.current;
      if (c.settings !== s || c.cacheKey !== cacheKey) mapCache.current = { settings: s, cacheKey, byText: new Map() };
      return mapCache.current.byText;
    },
    [cacheKey],
  );

  // While the worker predicts, the main thread is idle: it routes what has arrived, a few queries per idle
  // callback, so a slider press never waits long behind it.
  useEffect(() => {
    if (!arriving || !settings) return;
    const cache = cachedMaps(settings);
    const pending = [...arriving.keys()].filter((t) => !cache.has(t));
    let i = 0;
    let handle = 0;
    const work = () => {
      for (const end = Math.min(pending.length, i + IDLE_SLICE); i < end; i++)
        cache.set(pending[i]!, queryMaps(pending[i]!, arriving.get(pending[i]!)!, settings));
      if (i < pending.length) handle = requestIdleCallback(work);
    };
    handle = requestIdleCallback(work);
    return () => cancelIdleCallback(handle);
  }, [arriving, arrived, settings, cachedMaps]);

  // The maps of the latest settings and queries once built; older ones stay on screen meanwhile.
  const [built, setBuilt] = useState<{
    settings: RoutingSettings;
    routable: string[];
    index: ReturnType<typeof indexMaps>;
    routeMs: number;
  } | null>(null);
  useEffect(() => {
    if (!settled || !settings || routable.length === 0) return;
    let stopped = false;
    const started = performance.now();
    const cache = cachedMaps(settings);
    const out: QueryMaps[] = [];
    const step = () => {
      if (stopped) return;
      const end = Math.min(routable.length, out.length + ROUTE_SLICE);
      for (let i = out.length; i < end; i++) {
        const text = routable[i]!;
        let m = cache.get(text);
        if (!m) cache.set(text, (m = queryMaps(text, predictions.get(text)!, settings)));
        out.push(m);
      }
      if (out.length < routable.length) setTimeout(step, 0);
      else setBuilt({ settings, routable, index: indexMaps(out), routeMs: performance.now() - started });
    };
    setTimeout(step, 0);
    return () => {
      stopped = true;
    };
  }, [settled, settings, routable, predictions, cachedMaps]);
  const cleared = otherBundle || (texts.length === 0 && status !== 'reading');
  const maps = useMemo(
    () => (built && !cleared ? { texts: built.routable, index: built.index } : null),
    [built, cleared],
  );
  const routing =
    !settled ||
    (settings !== null && routable.length > 0 && (built?.settings !== settings || built.routable !== routable));

  const curves = useMemo(
    () =>
      maps && {
        r2: predictedCurve(maps.index.r2, WORKLOAD_LAMBDAS),
        reactive: predictedCurve(maps.index.reactive, WORKLOAD_LAMBDAS),
      },
    [maps],
  );
  // While a batch predicts, the stale plan follows λ once the presses pause: redrawing it at every
  // press would share the main thread with the arriving chunks, and the slider would lag.
  const pausedLambda = useDebounced(lambda, BATCH_PLAN_DEBOUNCE_MS);
  const planLambda = useDeferredValue(settled ? lambda : pausedLambda);
  const plan = useMemo(() => {
    if (!maps || !curves) return null;
    const r2 = maps.index.r2.choicesAt(planLambda);
    const reactive = maps.index.reactive.choicesAt(planLambda);
    const r2Totals = planTotals(r2);
    const reactiveTotals = planTotals(reactive);
    const here = { cost: r2Totals.meanCostUsd, quality: r2Totals.meanQuality };
    return {
      lambda: planLambda,
      texts: maps.texts,
      r2,
      reactive,
      r2Totals,
      reactiveTotals,
      savings: savings([...curves.r2, here], {
        cost: reactiveTotals.meanCostUsd,
        quality: reactiveTotals.meanQuality,
      }),
    };
  }, [maps, curves, planLambda]);

  const maxChars = manifest?.encoder.kind === 'hashed-ngrams' ? manifest.encoder.maxChars : null;
  const overLimit = useMemo(
    () => (maxChars === null ? 0 : texts.filter((t) => t.length > maxChars).length),
    [texts, maxChars],
  );

  return {
    manifest,
    pool,
    enabled,
    colors,
    plan,
    curves,
    routing,
    /** New queries are being read or predicted: the plan shown is the previous one. */
    predicting: !settled,
    routeMs: built?.routeMs ?? null,
    maxChars,
    overLimit,
    otherBundle,
  };
}
