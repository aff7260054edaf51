import { afterEach, describe, expect, it, vi } from 'vitest';

// The switch is read when the module loads, so each case imports it afresh.
async function load(allowSoftware: boolean) {
  vi.resetModules();
  vi.stubEnv('VITE_WEBGPU_ALLOW_SOFTWARE', allowSoftware ? '1' : '');
  return import('./webgpuAdapter');
}

function browser(software: boolean) {
  const features: ReadonlySet<string> = new Set([
    'shader-f16',
    'subgroups',
    'subgroup-size-control',
    'timestamp-query',
  ]);
  const gpu = {
    requestAdapter: () => Promise.resolve({ info: { isFallbackAdapter: software }, features }),
  };
  vi.stubGlobal('navigator', { gpu });
  return gpu;
}

describe('which WebGPU adapter the app uses', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
  });

  it('refuses a software adapter without the test switch, and leaves it untouched', async () => {
    const gpu = browser(true);
    const { webgpuAdapter, ALLOW_SOFTWARE_WEBGPU } = await load(false);
    expect(ALLOW_SOFTWARE_WEBGPU).toBe(false);
    expect(await webgpuAdapter()).toBe('only a software WebGPU adapter is available');
    expect((await gpu.requestAdapter()).features.has('subgroups')).toBe(true);
  });

  it('with VITE_WEBGPU_ALLOW_SOFTWARE=1 uses a software adapter, whose later requests hide their subgroups', async () => {
    const gpu = browser(true);
    const { webgpuAdapter, ALLOW_SOFTWARE_WEBGPU } = await load(true);
    expect(ALLOW_SOFTWARE_WEBGPU).toBe(true);
    expect(await webgpuAdapter()).toBeNull();
    expect([...(await gpu.requestAdapter()).features]).toEqual(['shader-f16', 'timestamp-query']);
    // Asked again, it wraps nothing twice.
    expect(await webgpuAdapter()).toBeNull();
    expect([...(await gpu.requestAdapter()).features]).toEqual(['shader-f16', 'timestamp-query']);
  });

  it.each([false, true])('uses a hardware adapter as it is (switch %s)', async (allow) => {
    const gpu = browser(false);
    const { webgpuAdapter } = await load(allow);
    expect(await webgpuAdapter()).toBeNull();
    expect((await gpu.requestAdapter()).features.has('subgroups')).toBe(true);
  });

  it('says when there is no WebGPU or no adapter', async () => {
    vi.stubGlobal('navigator', {});
    const { webgpuAdapter } = await load(true);
    expect(await webgpuAdapter()).toBe('this browser has no WebGPU');
    vi.stubGlobal('navigator', { gpu: { requestAdapter: () => Promise.resolve(null) } });
    expect(await webgpuAdapter()).toBe('no WebGPU adapter is available');
  });
});
