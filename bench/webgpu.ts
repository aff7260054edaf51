import type { Page } from '@playwright/test';

/**
 * Whether this browser has a real GPU behind WebGPU. Chromium offers SwiftShader, a CPU
 * emulation, as a fallback adapter on machines without one; timing that would not be a
 * WebGPU figure, so it counts as unavailable.
 */
const ADAPTER = `(async () => {
  if (!('gpu' in navigator)) return 'this Chromium exposes no navigator.gpu';
  try {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return 'navigator.gpu.requestAdapter() found no adapter';
    const info = adapter.info || {};
    if (info.isFallbackAdapter || info.architecture === 'swiftshader') return 'the only WebGPU adapter is a software fallback (' + (info.vendor || '?') + ' ' + (info.architecture || '?') + '): this machine has no usable GPU';
    return null;
  } catch (e) {
    return 'requestAdapter() failed: ' + e.message;
  }
})()`;

/** Null when the app runs its predictor on a hardware WebGPU adapter, else why not. */
export async function webgpuUnavailable(page: Page): Promise<string | null> {
  const reason = await page.evaluate<string | null>(ADAPTER);
  if (reason) return reason;
  const backend = await page.getByTestId('backend').textContent();
  if (backend === 'webgpu') return null;
  const note = await page.locator('.backend').getAttribute('title');
  return `the app fell back to ${backend}: ${note ?? 'no reason given'}`;
}
