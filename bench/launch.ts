import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/browser';

export type BenchBackend = 'wasm' | 'webgpu';

/** WebGPU needs the GPU process: the e2e flags minus --disable-gpu, plus WebGPU on Vulkan. */
export function launchArgs(backend: BenchBackend): string[] {
  if (backend === 'wasm') return [...CHROMIUM_ARGS];
  return [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu', '--enable-features=Vulkan'];
}

export function launch(backend: BenchBackend): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: launchArgs(backend),
    headless: true,
    timeout: 60_000,
  });
}
