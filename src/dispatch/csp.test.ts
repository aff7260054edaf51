import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, endpointProblem, parseExtraOrigins } from './csp';

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

  it('limits connections to self, the provider presets, loopback, the model hub and the release on GitHub', () => {
    expect(built.get('connect-src')).toEqual([
      "'self'",
      'https://openrouter.ai',
      'https://api.openai.com',
      'https://api.together.xyz',
      'https://api.fireworks.ai',
      'https://api.deepinfra.com',
      'https://api.groq.com',
      'http://localhost:8000',
      'http://localhost:11434',
      'http://localhost:1234',
      'http://127.0.0.1:*',
      'http://localhost:*',
      'https://huggingface.co',
      'https://*.huggingface.co',
      'https://*.hf.co',
      'https://raw.githubusercontent.com',
    ]);
  });

  it('adds the origins of the build-time variable', () => {
    const extra = parseExtraOrigins(' https://llm.example.org, http://10.0.0.5:8000 ');
    expect(extra).toEqual(['https://llm.example.org', 'http://10.0.0.5:8000']);
    const policy = directives(contentSecurityPolicy({ dev: false, inlineScriptHashes: [], extraOrigins: extra }));
    expect(policy.get('connect-src')).toEqual(expect.arrayContaining(extra));
    expect(endpointProblem('https://llm.example.org/v1', null, extra)).toBeNull();
    expect(endpointProblem('https://llm.example.org/v1', null, [])).toMatch(/would be blocked/);
  });

  it.each(['https://llm.example.org/v1', 'llm.example.org', "https://x.org 'unsafe-inline'", 'https://x.org;'])(
    'refuses %s in the build-time variable, naming it',
    (entry) => {
      expect(() => parseExtraOrigins(entry)).toThrow(/VITE_EXTRA_CONNECT_ORIGINS: ".+" is not an origin/);
    },
  );

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
    'https://api.openai.com/v1',
    'https://api.together.xyz/v1',
    'https://api.fireworks.ai/inference/v1',
    'https://api.deepinfra.com/v1/openai',
    'https://api.groq.com/openai/v1',
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
      'https://api.mistral.ai/v1',
      /Content-Security-Policy only lets it connect to .*https:\/\/api\.mistral\.ai would be blocked/,
    ],
    ['https://openai.com/v1', /would be blocked/],
    ['https://api.groq.com.evil.example/v1', /would be blocked/],
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
