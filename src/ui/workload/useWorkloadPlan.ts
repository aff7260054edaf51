import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { usePredictor } from '../../predictor/usePredictor';
import { useDebounced } from '../useDebounced';
import type { Prediction } from '../../router/curves';
import type { DecisionRules } from '../../router/types';
import { useEffectivePool } from '../../state/useEffectivePool';
import { useView } from '../../state/viewStore';
import { lambdaGrid } from '../../evaluate/lambdas';
import { MapIndexBuilder, type MapIndex } from '../../workload/mapIndex';
import {
  CurveSweep,
  planTotals,
  queryMaps,
  type DeferralPoint,
  type QueryMaps,
  type Router,
  type RoutingSettings,
} from '../../workload/plan';
import { runSliced } from '../../workload/slices';
import { savings } from '../../workload/savings';
import { useWorkload } from './workloadStore';

/** The λ sweep the workload view draws: 50 points, denser where costs make λ matter. */
const WORKLOAD_LAMBDAS = lambdaGrid(47);
/** Queries swept over every λ between two looks at the clock. */
const SWEEP_SLICE = 500;
/** How long λ must rest before the plan follows it while a batch predicts. */
const BATCH_PLAN_DEBOUNCE_MS = 200;

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

  const { pool, enabled, anyEnabled, colors } = useEffectivePool(manifest);
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

  // While the worker predicts, the main thread is idle: it routes what has arrived in the browser's idle
  // time, a few queries per slice, so a slider press never waits long behind it. One walk per batch: a Map's
  // key iterator also visits the entries added after it was made, so each chunk costs only its own queries.
  const walk = useRef<{
    source: ReadonlyMap<string, Prediction>;
    cache: Map<string, QueryMaps>;
    keys: Iterator<string>;
    seen: number;
  } | null>(null);
  useEffect(() => {
    if (!arriving || !settings) return;
    const cache = cachedMaps(settings);
    if (walk.current?.source !== arriving || walk.current.cache !== cache)
      walk.current = { source: arriving, cache, keys: arriving.keys(), seen: 0 };
    const w = walk.current;
    return runSliced(
      (deadline) => {
        // Never past the last key: an iterator that has said "done" stays done, whatever arrives next.
        for (; w.seen < arriving.size; w.seen++) {
          if (deadline()) return false;
          const text = w.keys.next().value as string;
          if (!cache.has(text)) cache.set(text, queryMaps(text, arriving.get(text)!, settings));
        }
        return true;
      },
      { idle: true },
    );
  }, [arriving, arrived, settings, cachedMaps]);

  // The maps of the latest settings and queries, indexed, and both routers' curves swept over λ, all in
  // slices; older ones stay on screen meanwhile.
  const [built, setBuilt] = useState<{
    settings: RoutingSettings;
    routable: string[];
    index: Record<Router, MapIndex>;
    curves: Record<Router, DeferralPoint[]>;
    routeMs: number;
  } | null>(null);
  useEffect(() => {
    if (!settled || !settings || routable.length === 0) return;
    const started = performance.now();
    const cache = cachedMaps(settings);
    const builders = { r2: new MapIndexBuilder(), reactive: new MapIndexBuilder() };
    const sweeps = { r2: new CurveSweep(WORKLOAD_LAMBDAS), reactive: new CurveSweep(WORKLOAD_LAMBDAS) };
    let routed = 0;
    let swept = 0;
    let index: Record<Router, MapIndex> | null = null;
    return runSliced((deadline) => {
      for (; routed < routable.length; routed++) {
        if (deadline()) return false;
        const text = routable[routed]!;
        let m = cache.get(text);
        if (!m) cache.set(text, (m = queryMaps(text, predictions.get(text)!, settings)));
        builders.r2.add(m.r2);
        builders.reactive.add(m.reactive);
      }
      index ??= { r2: builders.r2.build(), reactive: builders.reactive.build() };
      while (swept < routable.length) {
        if (deadline()) return false;
        const to = Math.min(routable.length, swept + SWEEP_SLICE);
        sweeps.r2.add(index.r2, swept, to);
        sweeps.reactive.add(index.reactive, swept, to);
        swept = to;
      }
      const curves = { r2: sweeps.r2.points(), reactive: sweeps.reactive.points() };
      setBuilt({ settings, routable, index, curves, routeMs: performance.now() - started });
      return true;
    });
  }, [settled, settings, routable, predictions, cachedMaps]);
  const cleared = otherBundle || (texts.length === 0 && status !== 'reading');
  const maps = useMemo(
    () => (built && !cleared ? { texts: built.routable, index: built.index } : null),
    [built, cleared],
  );
  const curves = built && !cleared ? built.curves : null;
  const routing =
    !settled ||
    (settings !== null && routable.length > 0 && (built?.settings !== settings || built.routable !== routable));
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
    anyEnabled,
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
