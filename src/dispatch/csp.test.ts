import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, endpointProblem } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split('; ').map((d) => {
      const [name, ...sources] = d.split(' ');
      return [name!, sources];
    }),
  );
}

describe('content security policy', () => {
  const built = directives(contentSecurityPolicy({ dev: false, inlineScriptHashes: [] }));

  it('limits connections to self, the default endpoint, the model hub, the release on GitHub and loopback', () => {
    expect(built.get('connect-src')).toEqual([
      "'self'",
      'https://openrouter.ai',
      'http://127.0.0.1:*',
      'http://localhost:*',
      'https://huggingface.co',
      'https://*.huggingface.co',
      'https://*.hf.co',
      'https://raw.githubusercontent.com',
    ]);
  });

  it('allows WebAssembly, blob workers and inline styles, and nothing inline for scripts', () => {
    expect(built.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(built.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(built.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(built.get('object-src')).toEqual(["'none'"]);
  });

  it('in dev, adds the hot-reload WebSocket and the hashes of inline scripts', () => {
    const dev = directives(contentSecurityPolicy({ dev: true, inlineScriptHashes: ['sha256-abc='] }));
    expect(dev.get('connect-src')).toEqual(expect.arrayContaining(['ws://localhost:*', 'ws://127.0.0.1:*']));
    expect(dev.get('script-src')).toContain("'sha256-abc='");
    expect(built.get('connect-src')!.some((s) => s.startsWith('ws:'))).toBe(false);
  });
});

describe('endpointProblem', () => {
  it.each([
    'https://openrouter.ai/api/v1',
    'https://openrouter.ai:443/api/v1',
    'http://127.0.0.1:8080/v1',
    'http://localhost:11434/v1',
    ' http://localhost/v1 ',
  ])('accepts %s', (url) => {
    expect(endpointProblem(url, null)).toBeNull();
  });

  it('accepts the page own origin', () => {
    expect(endpointProblem('https://playground.example/api/v1', 'https://playground.example')).toBeNull();
  });

  it.each([
    [
      'https://api.openai.com/v1',
      /Content-Security-Policy only lets it connect to .*https:\/\/api\.openai\.com would be blocked/,
    ],
    ['http://openrouter.ai/api/v1', /would be blocked/],
    ['https://openrouter.ai.evil.example/v1', /would be blocked/],
    ['https://huggingface.co/v1', /would be blocked/],
    ['https://raw.githubusercontent.com/v1', /would be blocked/],
    ['https://localhost:8443/v1', /would be blocked/],
    ['not a url', /not a valid URL/],
    ['ftp://localhost/v1', /must start with https:\/\//],
    ['http://user:pass@localhost:8080/v1', /user name or password/],
    ['http://localhost:8080/v1?key=abc', /query string/],
  ])('refuses %s', (url, why) => {
    expect(endpointProblem(url, null)).toMatch(why);
  });
});
