import { resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';

/**
 * The production build, served the way `vite preview` serves it (same config, so the same
 * cross-origin isolation headers). It builds into bench/dist rather than dist/ so a bench
 * never rebuilds the files under an e2e run's preview server.
 */

export const BENCH_OUT_DIR = resolve('bench/dist');

/** Hidden source maps: the same JS bytes, plus .map files that name the functions in a profile. */
export async function buildApp(): Promise<void> {
  await build({ logLevel: 'warn', build: { outDir: BENCH_OUT_DIR, emptyOutDir: true, sourcemap: 'hidden' } });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Port 0: the system picks a free port, so concurrent runs never collide. */
export async function serve(): Promise<Served> {
  const server: PreviewServer = await preview({
    logLevel: 'warn',
    build: { outDir: BENCH_OUT_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('vite preview started without a local URL');
  }
  return { url, close: () => server.close() };
}
