import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { packageOf, shortSource, SourceMapLookup, type RawSourceMap } from './sourcemap';
import { round } from './stats';

/**
 * A CPU profile of the page's main thread over one phase, summarised as self time per
 * function and per package, named through the build's source maps: the evidence behind
 * a missed target.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface Profile {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Hot {
  name: string;
  selfMs: number;
  /** Share of the busy (non-idle) time. */
  pct: number;
}

export interface PhaseProfile {
  totalMs: number;
  idleMs: number;
  byPackage: Hot[];
  top: Hot[];
}

/** Names a frame: its original function and source line where a map knows them. */
export type Namer = (frame: CallFrame) => { fn: string; pkg: string };

/** Reads the hidden source maps next to the chunks in `outDir/assets`. */
export function distNamer(outDir: string): Namer {
  const maps = new Map<string, SourceMapLookup | null>();
  const mapFor = (file: string) => {
    if (!maps.has(file)) {
      const path = join(outDir, 'assets', `${file}.map`);
      maps.set(
        file,
        existsSync(path) ? new SourceMapLookup(JSON.parse(readFileSync(path, 'utf8')) as RawSourceMap) : null,
      );
    }
    return maps.get(file) ?? null;
  };
  return (frame) => {
    const file = frame.url.slice(frame.url.lastIndexOf('/') + 1).split('?')[0] ?? '';
    // Native and V8 pseudo-frames: (program) is the browser's own work (style, layout, paint).
    if (!file)
      return {
        fn: frame.functionName || '(anonymous)',
        pkg: frame.functionName.startsWith('(') ? frame.functionName : '(native)',
      };
    const original = mapFor(file)?.lookup(frame.lineNumber, frame.columnNumber);
    if (!original) return { fn: `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`, pkg: file };
    return {
      fn: `${original.name ?? (frame.functionName || '(anonymous)')} (${shortSource(original.source)}:${original.line})`,
      pkg: packageOf(original.source),
    };
  };
}

function ranked(totals: Map<string, number>, busyUs: number, topN: number): Hot[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([name, us]) => ({ name, selfMs: round(us / 1000, 1), pct: round((100 * us) / busyUs, 1) }));
}

/** Self time from the sample stream: each sample is charged the interval until the next one. */
export function summarise(profile: Profile, name: Namer, topN = 12): PhaseProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  let idleUs = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const frame = byId.get(id);
    const us = deltas[i + 1] ?? 0;
    if (!frame) return;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    const { fn, pkg } = name(frame);
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
  });
  const totalUs = profile.endTime - profile.startTime;
  const busyUs = Math.max(1, totalUs - idleUs);
  return {
    totalMs: round(totalUs / 1000, 0),
    idleMs: round(idleUs / 1000, 0),
    byPackage: ranked(pkgs, busyUs, 8),
    top: ranked(fns, busyUs, topN),
  };
}

/** Runs `phase` under the sampling profiler (100 µs interval) and summarises it. */
export async function profilePhase(page: Page, name: Namer, phase: () => Promise<unknown>): Promise<PhaseProfile> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await phase();
    const { profile } = await cdp.send('Profiler.stop');
    return summarise(profile, name);
  } finally {
    await cdp.detach();
  }
}
