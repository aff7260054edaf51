import { waterfall, type ColdLoad } from './coldLoad';
import type { SessionResult } from './session';
import { median, medianSpread, round, roundSpread, spread, type Spread } from './stats';

/** Raw samples to the reported figures: per-session percentiles, then medians across sessions. */

export const TARGETS = {
  predictMsP50: 5,
  sliderToSelectionMsP95: 16,
  keystrokeToCurvesMsP95: 50,
  coldLoadMs: 1500,
  jsKBGzip: 350,
  workloadTotalMs: 5000,
  workloadRerouteMs: 2000,
  workloadSliderDuringBatchMsP95: 16,
  workloadEvaluateFolderMs: 10_000,
  workloadLargeFileLongestTaskMs: 200,
  embeddingsServerTotalMs: 10_000,
  embeddingsServerSliderDuringBatchMsP95: 16,
} as const;

function across(results: readonly SessionResult[], pick: (r: SessionResult) => number[]): Spread | null {
  const perSession = results.map(pick).filter((xs) => xs.length > 0);
  return perSession.length ? roundSpread(medianSpread(perSession.map(spread))) : null;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The run closest to the median, to show one representative waterfall. */
function medianRun(loads: readonly ColdLoad[]): ColdLoad {
  const mid = median(loads.map((l) => l.coldLoadMs));
  return [...loads].sort((a, b) => Math.abs(a.coldLoadMs - mid) - Math.abs(b.coldLoadMs - mid))[0]!;
}

export function summariseColdLoads(loads: readonly ColdLoad[]) {
  const m = (pick: (l: ColdLoad) => number | null) => {
    const xs = loads.map(pick).filter((x): x is number => x !== null);
    return xs.length ? round(median(xs), 1) : null;
  };
  return {
    coldLoadMs: m((l) => l.coldLoadMs)!,
    predictorLoadMs: m((l) => l.predictorLoadMs)!,
    detail: {
      runsMs: loads.map((l) => round(l.coldLoadMs, 1)),
      runtimeReadyMs: m((l) => l.runtimeReadyMs),
      responseEndMs: m((l) => l.responseEndMs),
      domContentLoadedMs: m((l) => l.domContentLoadedMs),
      firstContentfulPaintMs: m((l) => l.firstContentfulPaintMs),
      waterfallOfMedianRun: waterfall(medianRun(loads)),
    },
  };
}

export function summariseSessions(results: readonly SessionResult[], debounceMs: number) {
  const keys = (r: SessionResult) => r.keys.timings.filter((t) => t.allCurvesAt !== null);
  const presses = (r: SessionResult) => r.presses.filter((p) => p.committedAt !== null);
  const toSelection = (p: SessionResult['presses'][number]) => (p.selectionAt ?? p.committedAt!) - p.down;
  return {
    predictMs: across(results, (r) => r.predict.samples.map((s) => s.encodeMs + s.inferMs)),
    keystrokeToCurvesMs: across(results, (r) => keys(r).map((t) => t.allCurvesAt! - t.down - debounceMs)),
    sliderToSelectionMs: across(results, (r) => presses(r).map(toSelection)),
    heapMB: round(median(results.map((r) => r.heap.heapMB)), 1),
    detail: {
      predict: {
        backend: results[0]?.predict.backend ?? null,
        sessionLoadMs: round(median(results.map((r) => r.predict.loadMs)), 1),
        encodeMs: across(results, (r) => r.predict.samples.map((s) => s.encodeMs)),
        inferMs: across(results, (r) => r.predict.samples.map((s) => s.inferMs)),
        roundTripMs: across(results, (r) => r.predict.samples.map((s) => s.roundTripMs)),
      },
      keystroke: {
        withDebounceMs: across(results, (r) => keys(r).map((t) => t.allCurvesAt! - t.down)),
        debounceFiredAfterKeyMs: across(results, (r) =>
          keys(r).flatMap((t) => (t.debounceFiredAt === null ? [] : [t.debounceFiredAt - t.down])),
        ),
        afterDebounceFiredMs: across(results, (r) =>
          keys(r).flatMap((t) => (t.debounceFiredAt === null ? [] : [t.allCurvesAt! - t.debounceFiredAt])),
        ),
        timedOut: sum(results.map((r) => r.keys.unchanged)),
      },
      slider: {
        presses: sum(results.map((r) => r.presses.length)),
        noCommit: sum(results.map((r) => r.presses.length - presses(r).length)),
        selectionChanged: sum(results.map((r) => r.presses.filter((p) => p.selectionAt !== null).length)),
        changedOnlyMs: across(results, (r) =>
          r.presses.filter((p) => p.selectionAt !== null).map((p) => p.selectionAt! - p.down),
        ),
        lambdaMs: across(results, (r) =>
          presses(r)
            .filter((p) => p.slider === 'lambda-slider')
            .map(toSelection),
        ),
        capMs: across(results, (r) =>
          presses(r)
            .filter((p) => p.slider === 'budget-slider')
            .map(toSelection),
        ),
        toChartMs: across(results, (r) => r.presses.flatMap((p) => (p.chartAt === null ? [] : [p.chartAt - p.down]))),
      },
      heapMBBeforeGc: round(median(results.map((r) => r.heap.heapMBBeforeGc)), 1),
    },
  };
}
