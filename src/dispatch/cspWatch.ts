export interface CspWatch {
  /** Whether the page's policy blocked a connection since the watch began. */
  blocked(): Promise<boolean>;
  stop(): void;
}

/**
 * A connection the CSP blocks fails like any network error; the browser reports the
 * violation as an event instead, queued as its own task, so `blocked` waits one task first.
 */
export function watchCspViolations(): CspWatch {
  if (typeof document === 'undefined') return { blocked: () => Promise.resolve(false), stop: () => {} };
  let seen = false;
  const onViolation = (e: SecurityPolicyViolationEvent) => {
    if (e.effectiveDirective === 'connect-src') seen = true;
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  return {
    blocked: () => new Promise((resolve) => setTimeout(() => resolve(seen), 0)),
    stop: () => document.removeEventListener('securitypolicyviolation', onViolation),
  };
}
