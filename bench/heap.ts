import type { Page } from '@playwright/test';

const MIB = 1024 * 1024;

export interface Heap {
  /** The page's main-thread JS heap after a full GC (what the session keeps alive). */
  heapMB: number;
  heapMBBeforeGc: number;
}

/** Through CDP, exact to the byte (performance.memory is rounded unless Chrome is told otherwise). */
export async function pageHeap(page: Page): Promise<Heap> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const before = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.collectGarbage');
    const after = await cdp.send('Runtime.getHeapUsage');
    return { heapMB: after.usedSize / MIB, heapMBBeforeGc: before.usedSize / MIB };
  } finally {
    await cdp.detach();
  }
}
