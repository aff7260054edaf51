/** The parts of a WebGPU adapter this check reads (names differ across Chromium versions). */
interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  features: ReadonlySet<string>;
}

interface GpuLike {
  requestAdapter(options?: object): Promise<GpuAdapterLike | null>;
}

/**
 * A build for tests (VITE_WEBGPU_ALLOW_SOFTWARE=1) runs WebGPU on a software adapter such as
 * SwiftShader, so CI without a GPU takes the app's WebGPU path. Emulated WebGPU is slower than
 * WASM and its timings mean nothing: every other build refuses it.
 */
export const ALLOW_SOFTWARE_WEBGPU =
  (import.meta.env as Record<string, string | undefined> | undefined)?.VITE_WEBGPU_ALLOW_SOFTWARE === '1';

/** Prefixes the reason a WebGPU session failed and the predictor runs on WASM instead. */
export const WEBGPU_FAILED = 'WebGPU failed, so this runs on WASM: ';

const isSoftware = (adapter: GpuAdapterLike) => Boolean(adapter.info?.isFallbackAdapter || adapter.isFallbackAdapter);

/**
 * From here on, the software adapters this context hands out (to onnxruntime too, which asks
 * navigator.gpu itself) hide their subgroup features. SwiftShader's subgroup operations gave
 * wrong numbers in onnxruntime's kernels that use them (GroupQueryAttention over 32 tokens or
 * more, q8's DynamicQuantizeLinear: measured, src/encoder/README.md); without them onnxruntime
 * takes its other kernels, which agree with WASM. Hardware adapters are left alone.
 */
function hideSoftwareSubgroups(gpu: GpuLike): void {
  const request = gpu.requestAdapter.bind(gpu);
  gpu.requestAdapter = async (options) => {
    const adapter = await request(options);
    if (!adapter || !isSoftware(adapter)) return adapter;
    const features = new Set([...adapter.features].filter((f) => !f.startsWith('subgroup')));
    return Object.defineProperty(adapter, 'features', { value: features });
  };
}

let subgroupsHidden = false;

/** Why WebGPU cannot be used here, or null when a hardware adapter (or, in a test build, any adapter) exists. */
export async function webgpuAdapter(): Promise<string | null> {
  const gpu = (navigator as { gpu?: GpuLike }).gpu;
  if (!gpu) return 'this browser has no WebGPU';
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'no WebGPU adapter is available';
    // A fallback adapter is a software renderer (e.g. SwiftShader): WASM is faster than emulated WebGPU.
    if (!isSoftware(adapter)) return null;
    if (!ALLOW_SOFTWARE_WEBGPU) return 'only a software WebGPU adapter is available';
    if (!subgroupsHidden) hideSoftwareSubgroups(gpu);
    subgroupsHidden = true;
    return null;
  } catch (e) {
    return `WebGPU adapter request failed: ${(e as Error).message}`;
  }
}
