import { readFileSync } from 'node:fs';

/** CPU time counters from /proc/stat (Linux): all of it, and what the hypervisor gave to others. */
export interface CpuTimes {
  total: number;
  steal: number;
}

/** Parses the aggregate "cpu" line of /proc/stat; null when there is none. */
export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  if (ticks.length < 8 || ticks.some((t) => !Number.isFinite(t))) return null;
  // user nice system idle iowait irq softirq steal [guest guest_nice, already inside user and nice]
  return { total: ticks.slice(0, 8).reduce((a, b) => a + b, 0), steal: ticks[7]! };
}

export function readCpuTimes(): CpuTimes | null {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The share of CPU time a virtual machine's host took for other guests between two readings,
 * in percent. On a shared host this, more than the load average, says how far to trust a run.
 */
export function stealPercent(from: CpuTimes | null, to: CpuTimes | null): number | null {
  if (!from || !to || to.total <= from.total) return null;
  return Math.round((1000 * (to.steal - from.steal)) / (to.total - from.total)) / 10;
}
