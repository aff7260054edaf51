import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { ISOLATION_HEADERS } from './src/offline/isolation.ts';
import { basePath, BASE_PATH_VARIABLE } from './vite-plugins/basePath.ts';
import { modelsPlugin } from './vite-plugins/models.ts';
import { contentSecurityPolicyPlugin } from './vite-plugins/csp.ts';
import { serviceWorkerPlugin } from './vite-plugins/serviceWorker.ts';

export default defineConfig({
  base: basePath(process.env[BASE_PATH_VARIABLE]),
  plugins: [react(), modelsPlugin(), contentSecurityPolicyPlugin(), serviceWorkerPlugin()],
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  test: {
    include: [
      'src/**/*.test.ts',
      'pipeline/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
      'vite-plugins/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
  },
});
