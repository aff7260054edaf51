import { describe, expect, it } from 'vitest';
import type { BuildManifest } from './buildManifest';
import { appCacheName, requestPlan, staleCaches, withIsolation } from './swRules';

const SCOPE = 'https://example.org/r2/';
const MANIFEST: BuildManifest = {
  build: 'b1',
  required: [
    { path: 'index.html', bytes: 1, sha256: 'x' },
    { path: 'assets/index-abc.js', bytes: 1 },
    { path: 'models/index.json', bytes: 1, sha256: 'y' },
    { path: 'models/default/predictor.onnx', bytes: 1, sha256: 'z' },
  ],
  optional: [{ path: 'assets/ort.asyncify-abc.wasm', bytes: 1 }],
};
const get = (url: string, mode = 'cors') => ({ url, method: 'GET', mode });

describe('requestPlan', () => {
  it('takes the page from the network first, with or without a query', () => {
    expect(requestPlan(get(SCOPE, 'navigate'), SCOPE, MANIFEST)).toBe('page');
    expect(requestPlan(get(`${SCOPE}?bundle=r2-router&view=workload`, 'navigate'), SCOPE, MANIFEST)).toBe('page');
    expect(requestPlan(get(`${SCOPE}index.html`, 'navigate'), SCOPE, MANIFEST)).toBe('page');
    // Another document under the base (the model card's plot opened in a tab) is the server's.
    expect(requestPlan(get(`${SCOPE}models/default/deferral.svg`, 'navigate'), SCOPE, MANIFEST)).toBe('pass');
  });

  it('answers hashed files from a kept copy, even of another build, and kept unhashed files network first', () => {
    expect(requestPlan(get(`${SCOPE}assets/index-abc.js`), SCOPE, MANIFEST)).toBe('hashed');
    expect(requestPlan(get(`${SCOPE}assets/index-older.js`), SCOPE, MANIFEST)).toBe('hashed');
    expect(requestPlan(get(`${SCOPE}models/default/predictor.onnx`), SCOPE, MANIFEST)).toBe('unhashed');
    expect(requestPlan(get(`${SCOPE}models/index.json`), SCOPE, MANIFEST)).toBe('unhashed');
  });

  it('leaves alone other origins, other paths, other bundles and anything but GET', () => {
    expect(requestPlan(get('https://huggingface.co/x/resolve/main/onnx/model.onnx'), SCOPE, MANIFEST)).toBe('pass');
    expect(requestPlan(get('https://example.org/other/assets/index-abc.js'), SCOPE, MANIFEST)).toBe('pass');
    expect(requestPlan(get(`${SCOPE}models/dev-random/predictor.onnx`), SCOPE, MANIFEST)).toBe('pass');
    expect(requestPlan({ url: `${SCOPE}models/index.json`, method: 'POST', mode: 'cors' }, SCOPE, MANIFEST)).toBe(
      'pass',
    );
  });
});

describe('caches', () => {
  it('deletes this scope’s older builds but the newest of them, and never another scope’s', () => {
    const names = [
      'r2-encoder-weights',
      appCacheName(SCOPE, 'a'),
      appCacheName('https://example.org/other/', 'a'),
      appCacheName(SCOPE, 'b'),
      appCacheName(SCOPE, 'c'),
    ];
    expect(staleCaches(names, SCOPE, 'c')).toEqual([appCacheName(SCOPE, 'a')]);
    expect(staleCaches(names.slice(0, 2), SCOPE, 'c')).toEqual([]);
  });
});

describe('withIsolation', () => {
  it('adds COOP and COEP, keeping the status, the other headers and the body', async () => {
    const out = withIsolation(new Response('body', { status: 203, headers: { 'Content-Type': 'text/html' } }));
    expect(out.status).toBe(203);
    expect(out.headers.get('Content-Type')).toBe('text/html');
    expect(out.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(out.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(await out.text()).toBe('body');
  });

  it('leaves a server’s own embedder policy, and bodiless statuses, as they are', () => {
    const own = new Response('x', { headers: { 'Cross-Origin-Embedder-Policy': 'credentialless' } });
    expect(withIsolation(own)).toBe(own);
    expect(withIsolation(new Response(null, { status: 304 })).headers.get('Cross-Origin-Embedder-Policy')).toBe(
      'require-corp',
    );
  });
});
