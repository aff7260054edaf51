import { describe, expect, it } from 'vitest';
import { askedWaitMs, retryable, retryWait, type RetryPolicy } from './retry';

const POLICY: RetryPolicy = { maxRetries: 4, baseMs: 500, maxBackoffMs: 8000, maxWaitMs: 60_000 };
const NOW = Date.parse('2026-05-01T12:00:00Z');
const headers = (h: Record<string, string> = {}) => new Headers(h);

describe('retryable', () => {
  it('retries 429 and 5xx, nothing else', () => {
    expect([429, 500, 502, 503, 504].every(retryable)).toBe(true);
    expect([400, 401, 403, 404, 413, 422].some(retryable)).toBe(false);
  });
});

describe('askedWaitMs', () => {
  it('reads Retry-After-Ms, Retry-After in seconds and as an HTTP date', () => {
    expect(askedWaitMs(headers({ 'retry-after-ms': '250' }), NOW)).toBe(250);
    expect(askedWaitMs(headers({ 'retry-after': '3' }), NOW)).toBe(3000);
    expect(askedWaitMs(headers({ 'retry-after': '1.5' }), NOW)).toBe(1500);
    expect(askedWaitMs(headers({ 'retry-after': 'Fri, 01 May 2026 12:00:07 GMT' }), NOW)).toBe(7000);
    expect(askedWaitMs(headers({ 'retry-after': 'Fri, 01 May 2026 11:00:00 GMT' }), NOW)).toBe(0);
  });

  it('is null without either header, or with one it cannot read', () => {
    expect(askedWaitMs(headers(), NOW)).toBeNull();
    expect(askedWaitMs(headers({ 'retry-after': 'soon' }), NOW)).toBeNull();
  });
});

describe('retryWait', () => {
  it('waits what the server asks', () => {
    expect(retryWait(1, headers({ 'retry-after': '2' }), POLICY, NOW)).toEqual({
      ms: 2000,
      asked: true,
      tooLong: false,
    });
  });

  it('backs off exponentially, up to its ceiling, when the server says nothing', () => {
    expect([1, 2, 3, 4, 5, 6].map((r) => retryWait(r, headers(), POLICY, NOW).ms)).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
  });

  it('says when the server asks for longer than the policy waits', () => {
    expect(retryWait(1, headers({ 'retry-after': '3600' }), POLICY, NOW)).toMatchObject({ tooLong: true });
  });
});
