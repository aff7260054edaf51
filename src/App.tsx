import { lazy, memo, Suspense } from 'react';
import { AUTHORS_RELEASE } from './bundle/authorsRelease';
import { deferralPlotUrl } from './bundle/fetchBundle';
import { isLocalBundle } from './config';
import type { LambdaSegment } from './router/lambdaMap';
import { sameCandidate } from './router/search';
import { useReadiness } from './predictor/useReadiness';
import { usePlayground } from './state/usePlayground';
import { useView } from './state/viewStore';
import { BackendBadge } from './ui/BackendBadge';
import { Banners } from './ui/Banners';
import { BrowserNotes } from './ui/BrowserNotes';
import { BundlePicker } from './ui/BundlePicker';
import { CandidatesTable } from './ui/CandidatesTable';
import { CapSlider } from './ui/CapSlider';
import { ChartPanel } from './ui/chart/ChartPanel';
import { DecisionCompare } from './ui/DecisionCompare';
import { Explanation } from './ui/Explanation';
import { LambdaMap } from './ui/LambdaMap';
import { LambdaSlider } from './ui/LambdaSlider';
import { ModelCard } from './ui/ModelCard';
import { OfflineReady } from './ui/OfflineReady';
import { PoolEditor } from './ui/PoolEditor';
import { GuessToggle, PresentToggle, TourToggle } from './ui/ModeToggles';
import { QueryInput } from './ui/QueryInput';
import { RulesToggle } from './ui/RulesToggle';
import { SearchModeToggle } from './ui/SearchModeToggle';
import { SetupRestored } from './ui/SetupRestored';
import { ShareButton } from './ui/ShareButton';
import { TableExport } from './ui/ExportButtons';
import { GuessPanel } from './ui/guess/GuessPanel';
import { Tour } from './ui/tour/Tour';
import { UpdateBanner } from './ui/UpdateBanner';
import { useStageKeys } from './ui/useStageKeys';
import { WorkloadTab } from './ui/workload/WorkloadTab';

// Loaded after the first paint: the curves need neither the API client nor the Qwen3 encoder.
// route() returns fresh choices on every λ move: the panel re-renders only when one really changes.
const Dispatch = memo(
  lazy(() => import('./ui/dispatch/DispatchPanel').then((m) => ({ default: m.DispatchPanel }))),
  (a, b) =>
    a.query === b.query &&
    a.pool === b.pool &&
    a.inputTokens === b.inputTokens &&
    a.curves === b.curves &&
    sameCandidate(a.r2, b.r2) &&
    sameCandidate(a.reactive, b.reactive),
);
// The workload view (and its CSV reader) loads only when opened; the single-query view stays mounted, hidden.
const WorkloadView = lazy(() => import('./ui/workload/WorkloadView').then((m) => ({ default: m.WorkloadView })));
const EncoderPanel = lazy(() => import('./ui/EncoderPanel').then((m) => ({ default: m.EncoderPanel })));

const NO_SEGMENTS: readonly LambdaSegment[] = [];

/** The page's layout: every number comes from usePlayground, every part from src/ui. */
export function App() {
  const pg = usePlayground();
  // On the stage the encoder panel stays until its encoder is ready: a presenter loads it there.
  const encoderOffstage = useReadiness().encoder === 'ready';
  const { predictor, manifest } = pg;
  const present = useView((s) => s.present);
  const view = useView((s) => s.view);
  const bundleId = useView((s) => s.bundleId);
  const setBundleId = useView((s) => s.setBundleId);
  const typed = useView((s) => s.query);
  const setQuery = useView((s) => s.setQuery);
  const lambda = useView((s) => s.lambda);
  const setLambda = useView((s) => s.setLambda);
  const capKind = useView((s) => s.capKind);
  const cap = useView((s) => s.cap);
  const setCapKind = useView((s) => s.setCapKind);
  const setCap = useView((s) => s.setCap);
  const poolEdited = useView((s) => Object.keys(s.pool).length > 0);
  const overrideModel = useView((s) => s.overrideModel);
  const resetPool = useView((s) => s.resetPool);
  useStageKeys();
  const { guess } = pg;
  const r2Shown = guess.revealed ? pg.decision.best : null;

  // On the stage the controls sit beside the chart, above the decisions they move.
  const controls = (
    <section className="panel controls">
      <LambdaSlider lambda={lambda} onChange={setLambda}>
        <LambdaMap
          r2={guess.revealed ? pg.lambdaMaps.r2 : NO_SEGMENTS}
          reactive={pg.lambdaMaps.reactive}
          colors={pg.colors}
          lambda={lambda}
          onPick={setLambda}
        />
      </LambdaSlider>
      <CapSlider kind={capKind} cap={cap} range={pg.range} onKind={setCapKind} onChange={setCap} />
      <div className="offstage mode-toggles">
        <SearchModeToggle rules={pg.rules} />
        {pg.bundleRules === 'release' && <RulesToggle rules={pg.rules} />}
      </div>
    </section>
  );

  return (
    <div className={present ? 'app present' : 'app'} data-view={view}>
      <header className="top">
        <div className="brand">
          <h1>R2 Routing Playground</h1>
          <p>Which LLM, and how long may it answer? Watch a router trade quality against cost.</p>
        </div>
        <div className="top-tools">
          <WorkloadTab />
          <BundlePicker bundleId={bundleId} onSelect={setBundleId} />
          <BackendBadge load={predictor.load} latencyMs={pg.latencyMs} />
          <OfflineReady />
          <ShareButton />
          {view === 'main' && (
            <>
              <TourToggle />
              <GuessToggle />
            </>
          )}
          <PresentToggle />
        </div>
      </header>

      <UpdateBanner />
      <Banners
        error={predictor.error}
        failed={predictor.status === 'failed'}
        manifest={manifest}
        onDismiss={predictor.dismissError}
      />
      <SetupRestored />

      {view === 'workload' && (
        <Suspense fallback={<section className="panel workload-view">Loading the workload view…</section>}>
          <WorkloadView />
        </Suspense>
      )}

      <main className="grid">
        <div className="left">
          {/* The workload view shows its own: only one panel is on the page at a time. */}
          {view === 'main' && manifest?.encoder.kind === 'qwen3-embedding' && (
            <div className={encoderOffstage ? 'offstage' : undefined}>
              <Suspense fallback={<section className="panel">Loading the encoder panel…</section>}>
                <EncoderPanel key={manifest.encoder.model} spec={manifest.encoder} />
              </Suspense>
              <BrowserNotes />
            </div>
          )}
          <QueryInput
            query={typed}
            encoder={manifest?.encoder.kind === 'hashed-ngrams' ? manifest.encoder : null}
            inputTokens={pg.typedInputTokens}
            onChange={setQuery}
          />
          <ChartPanel
            curves={pg.curves}
            chart={pg.chart}
            colors={pg.colors}
            inputTokens={pg.inputTokens}
            stale={pg.stale}
            message={pg.predictionError?.message ?? pg.emptyReason}
            guess={
              guess.on
                ? {
                    onPick: guess.revealed ? undefined : guess.pick,
                    pick: guess.grade?.pick ?? null,
                    hideChoice: !guess.revealed,
                  }
                : undefined
            }
          />
          {!present && controls}
        </div>

        <div className="right">
          {present && controls}
          {guess.on && (
            <GuessPanel
              key={guess.situation}
              curves={pg.curves}
              revealed={guess.revealed}
              grade={guess.grade}
              onPick={guess.pick}
              emptyReason={pg.emptyReason}
            />
          )}
          <section className="panel">
            <DecisionCompare
              r2={r2Shown}
              reactive={pg.reactive.best}
              emptyReason={guess.revealed ? pg.emptyReason : 'Hidden until you guess.'}
            />
            {guess.revealed && <Explanation explanation={pg.explanation} />}
          </section>
          {guess.revealed && (
            <section className="panel offstage">
              <CandidatesTable ranked={pg.decision.ranked} colors={pg.colors} />
              <TableExport ranked={pg.decision.ranked} maps={pg.lambdaMaps} />
            </section>
          )}
        </div>
      </main>

      <Tour
        query={pg.routeQuery}
        facts={{ models: pg.curves.length, r2: r2Shown, reactive: pg.reactive.best, segments: pg.lambdaMaps.r2.length }}
        emptyReason={pg.curves.length === 0 ? pg.emptyReason : null}
      />

      <div className="offstage">
        <Suspense fallback={<section className="panel">Loading the dispatch panel…</section>}>
          <Dispatch
            query={pg.query}
            r2={pg.decision.best}
            reactive={pg.reactive.best}
            pool={pg.pool}
            inputTokens={pg.inputTokens}
            curves={pg.curves}
          />
        </Suspense>
      </div>

      {manifest && (
        <div className="lower offstage">
          <PoolEditor
            effective={pg.pool}
            enabled={pg.enabled}
            colors={pg.colors}
            edited={poolEdited}
            onChange={overrideModel}
            onReset={resetPool}
          />
          <ModelCard
            manifest={manifest}
            plotUrl={
              predictor.key &&
              deferralPlotUrl(predictor.key, !isLocalBundle(predictor.key) && predictor.key !== AUTHORS_RELEASE.id)
            }
          />
        </div>
      )}
    </div>
  );
}
