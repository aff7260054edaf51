import { describe, expect, it } from 'vitest';
import { formatBudget, formatBytes, formatUsd } from './format';

describe('formatting', () => {
  it('writes small USD amounts in plain decimals with two significant digits', () => {
    expect(formatUsd(0.0000027)).toBe('$0.0000027');
    expect(formatUsd(0.000003)).toBe('$0.000003');
    expect(formatUsd(0.00123)).toBe('$0.0012');
    expect(formatUsd(1.5)).toBe('$1.50');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(Infinity)).toBe('—');
    // Never "$0.00" for a call that is not free.
    expect(formatUsd(3e-13)).toBe('under $0.0000000001');
    expect(formatUsd(1e-10)).toBe('$0.0000000001');
  });
  it('names the unlimited budget', () => {
    expect(formatBudget('unlimited')).toBe('no limit');
    expect(formatBudget(1200)).toBe('≤ 1,200 tok');
  });
});

describe('formatBytes', () => {
  it('uses decimal units with two or three significant digits', () => {
    expect([512, 9_175, 600_000_000, 1_192_000_000, 2_384_000_000].map(formatBytes)).toEqual([
      '512 B',
      '9.2 kB',
      '600 MB',
      '1.2 GB',
      '2.4 GB',
    ]);
  });
});
