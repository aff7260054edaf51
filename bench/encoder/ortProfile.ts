import { round } from '../stats';

/**
 * onnxruntime-web's own profiler (session option enableProfiling) prints its trace to the
 * console when the session ends profiling, one JSON event per line. This sums the kernels'
 * time per operator type, the evidence behind a missed target.
 */

interface TraceEvent {
  cat?: string;
  name?: string;
  ts?: number;
  dur?: number;
  args?: { op_name?: string };
}

export interface OpTime {
  op: string;
  ms: number;
  pct: number;
}

export interface RunProfile {
  /** Runs the trace covers. */
  runs: number;
  /** Kernel time per run, all operators. */
  kernelMsPerRun: number;
  byOp: OpTime[];
}

export function parseTrace(lines: readonly string[]): TraceEvent[] {
  return lines.flatMap((line) => {
    const text = line.trim().replace(/,$/, '');
    if (!text.startsWith('{')) return [];
    try {
      return [JSON.parse(text) as TraceEvent];
    } catch {
      return [];
    }
  });
}

/** Sums the kernels of the last `runs` session runs (earlier ones paid one-off set-up). */
export function summariseTrace(events: readonly TraceEvent[], runs: number): RunProfile {
  const windows = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').slice(-runs);
  const inRun = (e: TraceEvent) =>
    windows.some((w) => (e.ts ?? 0) >= (w.ts ?? 0) && (e.ts ?? 0) <= (w.ts ?? 0) + (w.dur ?? 0));
  const kernels = events.filter((e) => e.cat === 'Node' && e.name?.endsWith('_kernel_time') && inRun(e));
  const byOp = new Map<string, number>();
  for (const e of kernels) {
    const us = e.dur ?? 0;
    byOp.set(e.args?.op_name ?? '?', (byOp.get(e.args?.op_name ?? '?') ?? 0) + us);
  }
  const total = [...byOp.values()].reduce((a, b) => a + b, 0);
  return {
    runs,
    kernelMsPerRun: round(total / 1000 / runs, 0),
    byOp: [...byOp]
      .sort((a, b) => b[1] - a[1])
      .map(([op, us]) => ({ op, ms: round(us / 1000 / runs, 0), pct: round((100 * us) / Math.max(1, total), 1) })),
  };
}
