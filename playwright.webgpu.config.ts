import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './e2e/browser';
import base from './playwright.config';

/**
 * The app's WebGPU path, on Chromium's software adapter (SwiftShader): a build that allows it
 * (VITE_WEBGPU_ALLOW_SOFTWARE=1, in dist-webgpu/), served on 127.0.0.1 (a secure origin) at
 * E2E_PORT + 1, checked against WASM. For correctness only: emulated WebGPU is never timed.
 * `npm test` runs it after the main config and counts it in its summary.
 */

const PORT = Number(process.env.E2E_PORT ?? 4173) + 1;

export default defineConfig({
  ...base,
  testDir: 'e2e/webgpu',
  testIgnore: [],
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  use: {
    ...base.use,
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      ...base.use?.launchOptions,
      // --disable-gpu stays: Chromium still offers SwiftShader's adapter with it (checked, Chromium 156).
      args: [
        ...CHROMIUM_ARGS,
        '--enable-unsafe-webgpu',
        '--use-webgpu-adapter=swiftshader',
        '--enable-features=Vulkan',
      ],
    },
  },
  webServer: {
    command: `npx vite build --logLevel warn --outDir dist-webgpu && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir dist-webgpu`,
    env: { VITE_WEBGPU_ALLOW_SOFTWARE: '1' },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
