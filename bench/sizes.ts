import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Fetched } from './page';
import { packageOf, SourceMapLookup, type RawSourceMap } from './sourcemap';
import { round } from './stats';

/** KB as Vite prints them (1000 bytes), so the figures compare with the build log. */
const KB = 1000;

export interface Sizes {
  /** gzip -9 of every .js/.mjs chunk the page fetched (the app, the worker, ORT's JS glue). */
  jsKBGzip: number;
  /** The same over every chunk in the build, fetched or not (e.g. ORT's WebGPU glue). */
  jsKBGzipAllChunks: number;
  jsChunksFetched: Record<string, number>;
  /** What the fetched chunks hold: minified KB per package (or app file), largest first. */
  jsFetchedByPackageKB: Record<string, number>;
  cssKBGzip: number;
  wasmKB: number;
  wasmKBGzip: number;
  modelKB: number;
}

const gzipKB = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length / KB;

/** Through the hidden source maps; the top `n` packages, the rest summed as "(other)". */
function byPackage(outDir: string, chunks: readonly { name: string; bytes: Buffer }[], n = 12): Record<string, number> {
  const totals = new Map<string, number>();
  for (const chunk of chunks) {
    const mapPath = join(outDir, `${chunk.name}.map`);
    if (!existsSync(mapPath)) continue;
    const lookup = new SourceMapLookup(JSON.parse(readFileSync(mapPath, 'utf8')) as RawSourceMap);
    for (const [source, chars] of lookup.charsBySource(chunk.bytes.toString('utf8'))) {
      const pkg = source === '(unmapped)' ? source : packageOf(source);
      totals.set(pkg, (totals.get(pkg) ?? 0) + chars);
    }
  }
  const sorted = [...totals].sort((a, b) => b[1] - a[1]);
  const rest = sorted.slice(n).reduce((a, [, c]) => a + c, 0);
  return Object.fromEntries(
    [...sorted.slice(0, n), ...(rest ? [['(other)', rest] as const] : [])].map(([k, c]) => [k, round(c / KB, 1)]),
  );
}

/** Sizes of the files the page fetched, read from the build in `outDir`. */
export function buildSizes(outDir: string, fetched: readonly Fetched[]): Sizes {
  const paths = [...new Set(fetched.map((f) => decodeURIComponent(new URL(f.url).pathname)))];
  const files = (re: RegExp) =>
    paths.filter((p) => re.test(p)).map((p) => ({ name: p.replace(/^\//, ''), bytes: readFileSync(join(outDir, p)) }));
  const js = files(/\.m?js$/);
  const wasm = files(/\.wasm$/);
  const model = files(/\.onnx$/);
  if (js.length === 0 || wasm.length === 0 || model.length === 0) {
    throw new Error(
      `the page fetched ${js.length} JS chunks, ${wasm.length} .wasm and ${model.length} .onnx files; expected at least one of each`,
    );
  }
  const assets = join(outDir, 'assets');
  const allJs = readdirSync(assets).filter((f) => /\.m?js$/.test(f));
  const sum = (xs: number[]) =>
    round(
      xs.reduce((a, b) => a + b, 0),
      1,
    );
  return {
    jsKBGzip: sum(js.map((f) => gzipKB(f.bytes))),
    jsKBGzipAllChunks: sum(allJs.map((f) => gzipKB(readFileSync(join(assets, f))))),
    jsChunksFetched: Object.fromEntries(js.map((f) => [f.name, round(gzipKB(f.bytes), 1)])),
    jsFetchedByPackageKB: byPackage(outDir, js),
    cssKBGzip: sum(files(/\.css$/).map((f) => gzipKB(f.bytes))),
    wasmKB: sum(wasm.map((f) => f.bytes.length / KB)),
    wasmKBGzip: sum(wasm.map((f) => gzipKB(f.bytes))),
    modelKB: sum(model.map((f) => f.bytes.length / KB)),
  };
}
