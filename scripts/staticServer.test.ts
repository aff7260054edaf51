import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtBase, serveStatic, type StaticServer } from './staticServer';

describe('builtBase', () => {
  it('reads the base from the entry script, and refuses a page that is not a build', () => {
    expect(builtBase('<script type="module" crossorigin src="/r2/assets/index-abc.js"></script>')).toBe('/r2/');
    expect(builtBase('<script type="module" crossorigin src="/assets/index-abc.js"></script>')).toBe('/');
    expect(() => builtBase('<script type="module" src="/src/main.tsx"></script>')).toThrow(/is it a build/);
  });
});

describe('serveStatic', () => {
  let server: StaticServer;
  const dir = mkdtempSync(join(tmpdir(), 'r2-static-'));
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export {};');
    server = await serveStatic({ dir, base: '/r2/' });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the build under its base, as a plain host: no isolation or policy headers', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/r2\/$/);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>app</title>');
    for (const header of ['Cross-Origin-Opener-Policy', 'Cross-Origin-Embedder-Policy', 'Content-Security-Policy'])
      expect(page.headers.has(header)).toBe(false);
    const script = await fetch(`${server.url}assets/index-abc.js`);
    expect(script.headers.get('Content-Type')).toMatch(/javascript/);
    expect(script.headers.get('ETag')).toBeTruthy();
  });

  it('redirects the base without its slash, and answers 404 outside the base or for a missing file', async () => {
    const origin = new URL(server.url).origin;
    const bare = await fetch(`${origin}/r2?bundle=default`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('Location')).toBe('/r2/?bundle=default');
    expect((await fetch(`${origin}/index.html`)).status).toBe(404);
    expect((await fetch(`${server.url}assets/missing.js`)).status).toBe(404);
    expect(server.requests).toContain('/r2?bundle=default');
  });
});
