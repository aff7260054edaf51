import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildManifest, type BuiltFile } from './buildManifest';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const file = (path: string, content = path, optional = false): BuiltFile => ({
  path,
  bytes: content.length,
  sha256: sha(content),
  optional,
});

const BUILD = [
  file('index.html', '<html>'),
  file('favicon.svg'),
  file('assets/index-abc123.js'),
  file('assets/index-abc123.js.map'),
  file('assets/ort-wasm-simd-threaded-x1y2.wasm'),
  file('assets/ort-wasm-simd-threaded.asyncify-D5D0fo7z.wasm', 'asyncify', true),
  file('assets/ort-wasm-simd-threaded-e5n6.wasm', 'encoder', true),
  file('models/index.json'),
  file('models/default/manifest.json'),
  file('models/default/predictor.onnx'),
  file('models/dev-random/manifest.json'),
  file('sw.js'),
  file('_headers'),
];

describe('buildManifest', () => {
  it('keeps the shell and the default bundle at install, the optional runtimes once used, and nothing else', () => {
    const m = buildManifest(BUILD, 'default', sha);
    expect(m.required.map((f) => f.path)).toEqual([
      'assets/index-abc123.js',
      'assets/ort-wasm-simd-threaded-x1y2.wasm',
      'favicon.svg',
      'index.html',
      'models/default/manifest.json',
      'models/default/predictor.onnx',
      'models/index.json',
    ]);
    expect(m.optional.map((f) => f.path)).toEqual([
      'assets/ort-wasm-simd-threaded-e5n6.wasm',
      'assets/ort-wasm-simd-threaded.asyncify-D5D0fo7z.wasm',
    ]);
  });

  it('checks a digest only where the name carries no hash', () => {
    const m = buildManifest(BUILD, 'default', sha);
    const byPath = new Map(m.required.map((f) => [f.path, f]));
    expect(byPath.get('assets/index-abc123.js')!.sha256).toBeUndefined();
    expect(byPath.get('index.html')!.sha256).toBe(sha('<html>'));
    expect(byPath.get('index.html')!.bytes).toBe(6);
  });

  it('names a build by its files: the same files give the same id, one changed file another', () => {
    const id = buildManifest(BUILD, 'default', sha).build;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(buildManifest([...BUILD].reverse(), 'default', sha).build).toBe(id);
    const changed = BUILD.map((f) => (f.path === 'models/default/predictor.onnx' ? file(f.path, 'retrained') : f));
    expect(buildManifest(changed, 'default', sha).build).not.toBe(id);
    const renamed = BUILD.map((f) => (f.path === 'assets/index-abc123.js' ? file('assets/index-def456.js') : f));
    expect(buildManifest(renamed, 'default', sha).build).not.toBe(id);
    // Files it does not keep do not name it.
    expect(buildManifest([...BUILD, file('models/other/predictor.onnx')], 'default', sha).build).toBe(id);
  });
});
