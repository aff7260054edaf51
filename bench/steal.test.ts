import { describe, expect, it } from 'vitest';
import { parseProcStat, stealPercent } from './steal';

const stat = (user: number, idle: number, steal: number) =>
  `cpu  ${user} 0 10 ${idle} 0 0 0 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 1\n`;

describe('CPU steal', () => {
  it('reads the aggregate line of /proc/stat', () => {
    expect(parseProcStat(stat(100, 300, 40))).toEqual({ total: 450, steal: 40 });
    expect(parseProcStat('intr 1 2 3')).toBeNull();
    expect(parseProcStat('cpu  1 2 x 4 5 6 7 8')).toBeNull();
  });

  it('gives the stolen share of the time between two readings', () => {
    // 200 more ticks in all, 50 of them stolen.
    expect(stealPercent(parseProcStat(stat(100, 300, 40)), parseProcStat(stat(150, 400, 90)))).toBe(25);
    expect(stealPercent(null, parseProcStat(stat(1, 1, 1)))).toBeNull();
    expect(stealPercent(parseProcStat(stat(1, 1, 1)), parseProcStat(stat(1, 1, 1)))).toBeNull();
  });
});
