import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { modelsPlugin } from './vite-plugins/models.ts';
import { contentSecurityPolicyPlugin } from './vite-plugins/csp.ts';

// Cross-origin isolation lets onnxruntime-web use WASM threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), modelsPlugin(), contentSecurityPolicyPlugin()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  test: {
    include: ['src/**/*.test.ts', 'pipeline/**/*.test.ts', 'bench/**/*.test.ts', 'vite-plugins/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
