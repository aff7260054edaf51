import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IndexHtmlTransformContext, IndexHtmlTransformResult } from 'vite';
import { contentSecurityPolicyPlugin, hostHeaders, inlineScriptHashes } from './csp';

const sha = (code: string) => `sha256-${createHash('sha256').update(code).digest('base64')}`;

async function transform(
  html: string,
  ctx: Partial<IndexHtmlTransformContext>,
  plugin = contentSecurityPolicyPlugin(),
): Promise<IndexHtmlTransformResult> {
  const hook = plugin.transformIndexHtml;
  if (!hook || typeof hook === 'function') throw new Error('expected an ordered transformIndexHtml hook');
  const handler = hook.handler as (
    html: string,
    ctx: IndexHtmlTransformContext,
  ) => Promise<IndexHtmlTransformResult> | IndexHtmlTransformResult;
  return handler(html, { path: '/index.html', filename: 'index.html', ...ctx });
}

describe('CSP plugin', () => {
  it('hashes inline scripts only', () => {
    const html =
      '<script type="module" src="/src/main.tsx"></script><script type="module">import "/@react-refresh";</script><script> </script>';
    expect(inlineScriptHashes(html)).toEqual([sha('import "/@react-refresh";')]);
  });

  it('prepends the policy as a meta tag in <head>, after other plugins ran', async () => {
    const hook = contentSecurityPolicyPlugin().transformIndexHtml;
    expect(hook && typeof hook === 'object' && hook.order).toBe('post');
    const result = await transform('<html><head></head><body></body></html>', {});
    if (typeof result !== 'object' || Array.isArray(result)) throw new Error('expected html and tags');
    const [tag] = result.tags;
    expect(tag).toMatchObject({
      tag: 'meta',
      injectTo: 'head-prepend',
      attrs: { 'http-equiv': 'Content-Security-Policy' },
    });
    const content = String(tag!.attrs!.content);
    expect(content).toContain("connect-src 'self' https://openrouter.ai");
    expect(content).not.toContain('ws://');
  });

  it('in dev, allows the inline preamble by hash and the hot-reload socket', async () => {
    const preamble = 'import { injectIntoGlobalHook } from "/@react-refresh";';
    const result = await transform(`<head><script type="module">${preamble}</script></head>`, {
      server: {} as IndexHtmlTransformContext['server'],
    });
    if (typeof result !== 'object' || Array.isArray(result)) throw new Error('expected html and tags');
    const content = String(result.tags[0]!.attrs!.content);
    expect(content).toContain(`'${sha(preamble)}'`);
    expect(content).toContain('ws://localhost:*');
  });

  it('adds the origins of VITE_EXTRA_CONNECT_ORIGINS, and a bad entry stops the build naming it', async () => {
    const resolved = (env: Record<string, string>) => {
      const plugin = contentSecurityPolicyPlugin();
      const hook = plugin.configResolved;
      if (typeof hook !== 'function') throw new Error('expected a configResolved hook');
      (hook as (config: { env: Record<string, string> }) => void).call(null, { env });
      return plugin;
    };
    const plugin = resolved({ VITE_EXTRA_CONNECT_ORIGINS: 'https://llm.example.org http://10.0.0.5:8000' });
    const result = await transform('<html><head></head></html>', {}, plugin);
    if (typeof result !== 'object' || Array.isArray(result)) throw new Error('expected html and tags');
    const connect = String(result.tags[0]!.attrs!.content)
      .split('; ')
      .find((d) => d.startsWith('connect-src'));
    expect(connect).toContain('http://localhost:* https://llm.example.org http://10.0.0.5:8000 https://huggingface.co');
    expect(() => resolved({ VITE_EXTRA_CONNECT_ORIGINS: 'https://llm.example.org/v1' })).toThrow(
      /VITE_EXTRA_CONNECT_ORIGINS: "https:\/\/llm\.example\.org\/v1" is not an origin/,
    );
  });
});

describe('the hosts’ headers file', () => {
  it('sends the policy and the isolation headers for every path under the base', () => {
    expect(hostHeaders('/r2/', "default-src 'self'")).toBe(
      [
        '/r2/*',
        '  Cross-Origin-Opener-Policy: same-origin',
        '  Cross-Origin-Embedder-Policy: require-corp',
        "  Content-Security-Policy: default-src 'self'",
        '',
      ].join('\n'),
    );
  });
});
