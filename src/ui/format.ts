import type { Budget } from '../router/types';

const TINY_USD = 1e-10;

/** USD with two significant digits and no exponent: stakeholders read $0.000012, not 1.2e-5. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0';
  // Ten decimals are the most anyone reads; below them "$0.00" would claim free.
  if (Math.abs(usd) < TINY_USD) return 'under $0.0000000001';
  const decimals = Math.max(2, Math.ceil(-Math.log10(Math.abs(usd))) + 1);
  const fixed = usd.toFixed(Math.min(decimals, 10));
  // Trailing zeros past the cents add digits to read and no information.
  return `$${fixed.includes('.') ? fixed.replace(/(\.\d\d\d*?)0+$/, '$1') : fixed}`;
}

// One formatter for the whole page: toLocaleString builds a new one on every call.
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole count with thousands separators: 100,000. */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

export function formatTokens(tokens: number): string {
  return `${formatCount(tokens)} tok`;
}

export function formatBudget(budget: Budget): string {
  return budget === 'unlimited' ? 'no limit' : `≤ ${formatCount(budget)} tok`;
}

export function formatQuality(q: number): string {
  return q.toFixed(3);
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}

/** Decimal units, as the Hugging Face Hub lists file sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  const [unit, scale] = bytes < 1e6 ? ['kB', 1e3] : bytes < 1e9 ? ['MB', 1e6] : ['GB', 1e9];
  const value = bytes / scale;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}
