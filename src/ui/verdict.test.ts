import { describe, expect, it } from 'vitest';
import { costVerdict, qualityVerdict } from './verdict';

describe('the verdict', () => {
  it('compares costs truthfully, free and near-free calls included', () => {
    expect(costVerdict(0.0000023, 0.0000035)).toBe('34% cheaper');
    expect(costVerdict(0.0000023, 0)).toBe('costs $0.0000023 more');
    expect(costVerdict(0, 0.0000035)).toBe('free');
    expect(costVerdict(0, 0)).toBe('both free');
    expect(costVerdict(2e-6, 2e-6)).toBe('the same cost');
    // Too close for a whole percent: the difference in dollars, never "0% cheaper".
    expect(costVerdict(0.0010001, 0.001002)).toBe('$0.0000019 cheaper');
    expect(costVerdict(0.001002, 0.0010001)).toBe('costs $0.0000019 more');
    expect(costVerdict(1e-9, 0.001)).toBe('over 99% cheaper');
    expect(costVerdict(0.0012, 0.001)).toBe('20% dearer');
    expect(costVerdict(0.0035, 0.001)).toBe('3.5× the cost');
    expect(costVerdict(0.035, 0.001)).toBe('35× the cost');
    expect(costVerdict(0.001, 1e-12)).toBe('costs $0.001 more');
  });

  it('gives the quality difference with its sign, or says it is the same', () => {
    expect(qualityVerdict(0.846, 0.429)).toBe('+0.417 quality');
    expect(qualityVerdict(0.429, 0.846)).toBe('−0.417 quality');
    expect(qualityVerdict(0.5, 0.5001)).toBe('the same quality');
  });
});
