/** The parts of a WebGPU adapter this check reads (names differ across Chromium versions). */
interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/** Why WebGPU cannot be used here, or null when a hardware adapter exists. */
export async function webgpuAdapter(): Promise<string | null> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return 'this browser has no WebGPU';
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'no WebGPU adapter is available';
    // A fallback adapter is a software renderer (e.g. SwiftShader): WASM is faster than emulated WebGPU.
    if (adapter.info?.isFallbackAdapter || adapter.isFallbackAdapter)
      return 'only a software WebGPU adapter is available';
    return null;
  } catch (e) {
    return `WebGPU adapter request failed: ${(e as Error).message}`;
  }
}
