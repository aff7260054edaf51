import { formatCount, formatQuality, formatUsd } from './format';

/**
 * The verdict under the two decisions, in words that stay true at the edges: a free call is
 * "free", a call dearer than a free one "costs $X more", and a difference too small for a
 * whole percent is given in dollars rather than as "0% cheaper".
 */

/** R2's quality against the reactive router's. */
export function qualityVerdict(r2: number, reactive: number): string {
  const dq = r2 - reactive;
  if (formatQuality(Math.abs(dq)) === formatQuality(0)) return 'the same quality';
  return `${dq > 0 ? '+' : '−'}${formatQuality(Math.abs(dq))} quality`;
}

/** R2's cost per call against the reactive router's. */
export function costVerdict(r2: number, reactive: number): string {
  if (r2 === reactive) return r2 === 0 ? 'both free' : 'the same cost';
  if (r2 === 0) return 'free';
  if (reactive === 0) return `costs ${formatUsd(r2)} more`;
  if (r2 < reactive) {
    const percent = Math.round((1 - r2 / reactive) * 100);
    if (percent === 0) return `${formatUsd(reactive - r2)} cheaper`;
    return percent === 100 ? 'over 99% cheaper' : `${percent}% cheaper`;
  }
  const ratio = r2 / reactive;
  const percent = Math.round((ratio - 1) * 100);
  // Against a near-free call a ratio says little ("40,000× the cost"): the dollars say it plainly.
  if (percent === 0 || ratio >= 100) return `costs ${formatUsd(r2 - reactive)} more`;
  return ratio < 2 ? `${percent}% dearer` : `${ratio < 10 ? ratio.toFixed(1) : formatCount(ratio)}× the cost`;
}
