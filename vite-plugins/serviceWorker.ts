import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';
import { DEFAULT_BUNDLE_ID } from '../src/config.ts';
import { buildManifest, type BuiltFile } from '../src/offline/buildManifest.ts';

/**
 * Builds the service worker (src/offline/sw.ts) into sw.js at the app's base, with this build's
 * manifest written into it, and names the build in index.html (<meta name="r2-build">) so the
 * page can tell its own build from a newer one's. Production builds only: the dev server has none.
 * The worker is a build of its own (one classic script, as service workers are registered): as a
 * second entry of the app's build it would change how the page's modules are split into chunks.
 */

const SOURCE = fileURLToPath(new URL('../src/offline/sw.ts', import.meta.url));
export const BUILD_META = 'r2-build';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

function filesUnder(root: string, dir = root): BuiltFile[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(root, full);
    const content = readFileSync(full);
    return [{ path: relative(root, full).split('\\').join('/'), bytes: content.length, sha256: sha256(content) }];
  });
}

/** sw.ts and what it imports, in one script that defines nothing global. */
async function workerScript(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      lib: { entry: SOURCE, formats: ['iife'], name: 'r2ServiceWorker' },
      minify: true,
      reportCompressedSize: false,
    },
  })) as Rolldown.RolldownOutput[];
  const chunks = output.flatMap((o) => o.output).filter((f) => f.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`the service worker built into ${chunks.length} scripts instead of one`);
  return chunks[0]!.code;
}

const builtFile = (path: string, content: string | Uint8Array, optional = false): BuiltFile => ({
  path,
  bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
  sha256: sha256(content),
  optional,
});

/** Runtimes only some visits run: any WebGPU (asyncify) build, and the Qwen3 encoder's own onnxruntime-web. */
const OPTIONAL_SOURCE = /\.asyncify\.wasm$|[\\/]onnxruntime-web-encoder[\\/].*\.wasm$/;
const optionalAsset = (f: Rolldown.OutputAsset | Rolldown.OutputChunk) =>
  f.type === 'asset' && f.originalFileNames.some((name) => OPTIONAL_SOURCE.test(name));

export function serviceWorkerPlugin(): Plugin {
  let publicDir = '';
  return {
    name: 'r2-service-worker',
    apply: 'build',
    // After Vite has written index.html and every other plugin its files (the models, the worker's chunks).
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle: {
      // After Vite's own last touches to the chunks, so the sizes and digests are those written.
      order: 'post',
      async handler(_options, bundle) {
        const html = bundle['index.html'];
        if (html?.type !== 'asset') return this.error('the build wrote no index.html');
        const files = Object.values(bundle).map((f) =>
          builtFile(f.fileName, f.type === 'chunk' ? f.code : f.source, optionalAsset(f)),
        );
        if (publicDir && existsSync(publicDir)) files.push(...filesUnder(publicDir));
        const manifest = buildManifest(files, DEFAULT_BUNDLE_ID, sha256);
        const page = String(html.source).replace(
          '</head>',
          `  <meta name="${BUILD_META}" content="${manifest.build}" />\n  </head>`,
        );
        html.source = page;
        const entry = manifest.required.find((f) => f.path === 'index.html');
        if (!entry) return this.error('index.html is not among the files the service worker keeps');
        Object.assign(entry, builtFile('index.html', page));
        const script = await workerScript();
        this.emitFile({
          type: 'asset',
          fileName: 'sw.js',
          source: `self.__R2_BUILD__ = ${JSON.stringify(manifest)};\n${script}`,
        });
      },
    },
  };
}
