import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import { QUERY_DEBOUNCE_MS } from '../src/config';
import { parseBenchArgs, USAGE, type BenchArgs } from './args';
import { coldLoad, type ColdLoad } from './coldLoad';
import { embeddingsServerBench } from './embeddingsServer';
import { encoderBench } from './encoder/encoderBench';
import { threadsBench } from './encoder/threads';
import { timeEngine } from './engine';
import { launch } from './launch';
import { freshPage, openApp } from './page';
import { distNamer, profilePhase } from './profile';
import { typeAndTime } from './keystrokes';
import { buildApp, BENCH_OUT_DIR, serve } from './server';
import { runSession, type SessionResult } from './session';
import { buildSizes } from './sizes';
import { pressAndTime, pressPlan } from './slider';
import { round } from './stats';
import { readCpuTimes, stealPercent } from './steal';
import { summariseColdLoads, summariseSessions, TARGETS } from './summary';
import { webgpuUnavailable } from './webgpu';
import { workloadBench, type WorkloadBench } from './workload';

/**
 * `npm run bench`: build, serve, drive headless Chromium, and print one JSON object as the
 * last line of stdout (also bench/results.json). Progress goes to stderr.
 */

const RESULTS = resolve('bench/results.json');
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
}

function emit(result: object): void {
  const line = JSON.stringify(result);
  writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${line}\n`);
}

function machine(chromium: string) {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memGB: round(totalmem() / 1024 ** 3, 1),
    loadAvg1m: round(loadavg()[0] ?? 0, 2),
    node: process.version,
    chromium,
    date: new Date().toISOString(),
  };
}

/** A figure against its target: met when it is there and below it. */
function check(value: number | null | undefined, goal: number) {
  return { value: value ?? null, goal, met: value !== null && value !== undefined && value < goal };
}

function targets(r: {
  predictMs: { p50: number } | null;
  sliderToSelectionMs: { p95: number } | null;
  keystrokeToCurvesMs: { p95: number } | null;
  coldLoadMs: number;
  jsKBGzip: number;
}) {
  return {
    predictMsP50: check(r.predictMs?.p50, TARGETS.predictMsP50),
    sliderToSelectionMsP95: check(r.sliderToSelectionMs?.p95, TARGETS.sliderToSelectionMsP95),
    keystrokeToCurvesMsP95: check(r.keystrokeToCurvesMs?.p95, TARGETS.keystrokeToCurvesMsP95),
    coldLoadMs: check(r.coldLoadMs, TARGETS.coldLoadMs),
    jsKBGzip: check(r.jsKBGzip, TARGETS.jsKBGzip),
  };
}

function workloadTargets(w: WorkloadBench) {
  return {
    totalMs: check(w.totalMs, TARGETS.workloadTotalMs),
    rerouteMs: check(w.rerouteMs, TARGETS.workloadRerouteMs),
    sliderDuringBatchMsP95: check(w.sliderDuringBatchMsP95, TARGETS.workloadSliderDuringBatchMsP95),
    evaluateFolderMs: check(w.evaluateFolderMs, TARGETS.workloadEvaluateFolderMs),
    largeFileLongestTaskMs: check(w.largeFile.longestTaskMs, TARGETS.workloadLargeFileLongestTaskMs),
  };
}

const runWorkload = (browser: Browser, base: string, args: BenchArgs) =>
  workloadBench(
    browser,
    base,
    args.bundle,
    QUERY_DEBOUNCE_MS,
    { queries: args.workloadQueries, folderQueries: args.folderQueries, largeFileLines: args.largeFileLines },
    log,
  );

/** Main-thread CPU profiles of a cold load, typing and slider presses, on pages of their own. */
async function profiles(browser: Browser, base: string, args: BenchArgs) {
  const namer = distNamer(BENCH_OUT_DIR);
  const app = await freshPage(browser, QUERY_DEBOUNCE_MS);
  try {
    // Same origin first, so the profiled navigation stays in the renderer being profiled.
    await app.page.goto(new URL('models/index.json', base).href);
    const coldLoad = await profilePhase(app.page, namer, () => openApp(app, base, args.bundle));
    const typing = await profilePhase(app.page, namer, () => typeAndTime(app.page, 10));
    const sliders = await profilePhase(app.page, namer, () => pressAndTime(app.page, pressPlan(40)));
    return { coldLoad, typing: { keystrokes: 10, ...typing }, sliders: { presses: 40, ...sliders } };
  } finally {
    await app.close();
  }
}

async function main(args: BenchArgs): Promise<void> {
  if (!existsSync(resolve('models', args.bundle, 'manifest.json'))) {
    throw new Error(
      `there is no bundle models/${args.bundle}/manifest.json; pass --bundle <id> (e.g. --bundle dev-random)`,
    );
  }
  log(`building into ${BENCH_OUT_DIR}`);
  await buildApp();
  const cpuAtStart = readCpuTimes();
  const served = await serve();
  cleanups.push(() => served.close());
  const browser = await launch(args.backend);
  cleanups.push(() => browser.close());
  const info = machine(browser.version());
  log(`serving ${served.url} · Chromium ${info.chromium} · ${info.cores} cores · load ${info.loadAvg1m}`);

  if (args.backend === 'webgpu') {
    const probe = await freshPage(browser, QUERY_DEBOUNCE_MS);
    const reason = await openApp(probe, served.url, args.bundle).then(() => webgpuUnavailable(probe.page));
    await probe.close();
    if (reason) {
      log(`WebGPU is not available here, so there are no WebGPU figures: ${reason}`);
      emit({ backend: 'webgpu', available: false, reason, bundle: args.bundle, machine: info });
      return;
    }
  }

  if (args.encoder) {
    const result = args.threads
      ? await threadsBench({ debounceMs: QUERY_DEBOUNCE_MS, device: 'wasm', log })
      : await encoderBench(browser, served.url, args, QUERY_DEBOUNCE_MS, log);
    const end = { loadAvg1mAtEnd: round(loadavg()[0] ?? 0, 2), cpuStealPct: stealPercent(cpuAtStart, readCpuTimes()) };
    emit({ ...result, machine: { ...info, ...end } });
    return;
  }

  if (args.embeddingsServer) {
    const figures = await embeddingsServerBench(browser, served.url, QUERY_DEBOUNCE_MS, args.workloadQueries, log);
    const end = { loadAvg1mAtEnd: round(loadavg()[0] ?? 0, 2), cpuStealPct: stealPercent(cpuAtStart, readCpuTimes()) };
    emit({
      backend: args.backend,
      embeddingsServer: figures,
      embeddingsServerTargets: {
        totalMs: check(figures.totalMs, TARGETS.embeddingsServerTotalMs),
        sliderDuringBatchMsP95: check(figures.sliderDuringBatchMsP95, TARGETS.embeddingsServerSliderDuringBatchMsP95),
      },
      machine: { ...info, ...end },
    });
    return;
  }

  if (args.workloadOnly) {
    const workload = await runWorkload(browser, served.url, args);
    const end = { loadAvg1mAtEnd: round(loadavg()[0] ?? 0, 2), cpuStealPct: stealPercent(cpuAtStart, readCpuTimes()) };
    emit({
      backend: args.backend,
      bundle: args.bundle,
      workload,
      workloadTargets: workloadTargets(workload),
      machine: { ...info, ...end },
    });
    return;
  }

  const loads: ColdLoad[] = [];
  for (let i = 0; i < args.coldLoads; i++) {
    loads.push(await coldLoad(browser, served.url, args.bundle, QUERY_DEBOUNCE_MS));
    log(`cold load ${i + 1}/${args.coldLoads}: ${round(loads[i]!.coldLoadMs, 0)} ms (${loads[i]!.backend})`);
  }
  const backend = loads[0]!.backend;
  if (backend !== args.backend)
    throw new Error(`asked for ${args.backend} but the app ran its predictor on ${backend}`);
  const sizes = buildSizes(BENCH_OUT_DIR, loads[0]!.fetched);

  const counts = { queries: args.queries, warmUp: 20, keystrokes: args.keystrokes, presses: args.presses };
  const sessions: SessionResult[] = [];
  for (let i = 0; i < args.sessions; i++) {
    sessions.push(await runSession(browser, served.url, args.bundle, QUERY_DEBOUNCE_MS, counts));
    log(`session ${i + 1}/${args.sessions} done`);
  }
  log('timing the decision engine in Node');
  const engine = timeEngine();
  const profile = args.profile ? await profiles(browser, served.url, args) : undefined;
  log('the workload view');
  const workload = await runWorkload(browser, served.url, args);

  const cold = summariseColdLoads(loads);
  const warm = summariseSessions(sessions, QUERY_DEBOUNCE_MS);
  const { jsKBGzip, wasmKB, modelKB, ...moreSizes } = sizes;
  const headline = {
    backend,
    coldLoadMs: cold.coldLoadMs,
    predictorLoadMs: cold.predictorLoadMs,
    predictMs: warm.predictMs,
    keystrokeToCurvesMs: warm.keystrokeToCurvesMs,
    sliderToSelectionMs: warm.sliderToSelectionMs,
    jsKBGzip,
    wasmKB,
    modelKB,
    heapMB: warm.heapMB,
  };
  emit({
    ...headline,
    bundle: args.bundle,
    debounceMs: QUERY_DEBOUNCE_MS,
    runs: {
      coldLoads: args.coldLoads,
      sessions: args.sessions,
      queriesPerSession: args.queries,
      warmUpQueries: counts.warmUp,
      keystrokesPerSession: args.keystrokes,
      pressesPerSession: args.presses,
    },
    targets: targets(headline),
    workload,
    workloadTargets: workloadTargets(workload),
    engine,
    detail: { coldLoad: cold.detail, ...warm.detail, sizes: moreSizes },
    ...(profile ? { profile } : {}),
    machine: {
      ...info,
      loadAvg1mAtEnd: round(loadavg()[0] ?? 0, 2),
      cpuStealPct: stealPercent(cpuAtStart, readCpuTimes()),
    },
  });
}

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message}\nusage: ${USAGE}\n`);
  process.exit(2);
}

const watchdog = setTimeout(() => {
  log(`gave up after ${args.timeoutS} s (--timeout-s)`);
  void cleanUp().finally(() => process.exit(1));
}, args.timeoutS * 1000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`stopped by ${signal}`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main(args)
  .catch((e: unknown) => {
    // DEBUG=1 for the stack; the message says what went wrong.
    log(`failed: ${e instanceof Error ? ((process.env.DEBUG ? e.stack : null) ?? e.message) : String(e)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    clearTimeout(watchdog);
    await cleanUp();
  });
