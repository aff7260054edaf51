import { describe, expect, it } from 'vitest';
import { serverMessage } from './failures';
import { embeddingsUrl } from './serverUrl';
import { SERVER_DEFAULTS, serverSettingsProblems, type ServerSettings } from './settings';

const OK: ServerSettings = {
  baseUrl: 'http://localhost:8000/v1',
  model: 'Qwen/Qwen3-0.6B',
  apiKey: '',
  batch: SERVER_DEFAULTS.batch,
  concurrency: SERVER_DEFAULTS.concurrency,
  timeoutSeconds: SERVER_DEFAULTS.timeoutSeconds,
};
const PAGE = 'http://127.0.0.1:4173';

describe('embeddingsUrl', () => {
  it('appends /embeddings to the base, with or without its slash', () => {
    expect(embeddingsUrl('http://localhost:8000/v1')).toBe('http://localhost:8000/v1/embeddings');
    expect(embeddingsUrl(' http://localhost:8000/v1/ ')).toBe('http://localhost:8000/v1/embeddings');
  });
});

describe('serverSettingsProblems', () => {
  it('accepts a loopback server on any port, with or without a key', () => {
    expect(serverSettingsProblems(OK, PAGE)).toEqual([]);
    expect(serverSettingsProblems({ ...OK, baseUrl: 'http://127.0.0.1:9999/v1', apiKey: 'sk-1' }, PAGE)).toEqual([]);
  });

  it('lists every problem at once', () => {
    const problems = serverSettingsProblems(
      { baseUrl: 'localhost:8000', model: ' ', apiKey: 'two words', batch: 0, concurrency: 1.5, timeoutSeconds: 0 },
      PAGE,
    );
    expect(problems).toEqual([
      expect.stringMatching(/^The server URL must start with http/),
      expect.stringMatching(/^Enter the model id/),
      expect.stringMatching(/^The API key has spaces/),
      'Texts per request must be a whole number from 1 to 2048.',
      'Requests in flight must be a whole number from 1 to 64.',
      'The timeout in seconds must be a whole number from 1 to 600.',
    ]);
  });

  it.each([
    ['not a URL', 'embeddings', /not a valid URL/],
    ['credentials', 'http://user:pw@localhost:8000/v1', /user name or password/],
    ['a query string', 'http://localhost:8000/v1?x=1', /query string/],
  ])('refuses a base URL with %s', (_, baseUrl, message) => {
    expect(serverSettingsProblems({ ...OK, baseUrl }, null)[0]).toMatch(message);
  });

  it('refuses an origin the page’s policy blocks, saying how a build allows it; the command line has no policy', () => {
    const remote = { ...OK, baseUrl: 'https://gpu.example.org/v1' };
    const [problem] = serverSettingsProblems(remote, PAGE);
    expect(problem).toContain('Content-Security-Policy blocks https://gpu.example.org');
    expect(problem).toContain('VITE_EXTRA_CONNECT_ORIGINS="https://gpu.example.org" npm run build');
    expect(serverSettingsProblems(remote, null)).toEqual([]);
  });
});

describe('serverMessage', () => {
  it.each([
    ['OpenAI’s and vLLM’s shape', '{"error":{"message":"model not found"}}', 'model not found'],
    ['vLLM’s older shape', '{"object":"error","message":"bad input","code":400}', 'bad input'],
    ['TEI’s shape', '{"error":"Input validation error","error_type":"Validation"}', 'Input validation error'],
    ['FastAPI’s shape', '{"detail":"Not Found"}', 'Not Found'],
    ['an HTML page', '<html><body><h1>502 Bad Gateway</h1></body></html>', '502 Bad Gateway'],
  ])('reads %s', (_, body, said) => {
    expect(serverMessage(body, '')).toBe(said);
  });

  it('hides the key, and any bearer token, a server echoes', () => {
    const key = 'sk-embed-secret-0123456789abcdef';
    const text = serverMessage(`{"error":{"message":"bad key ${key}; header was Bearer ${key}"}}`, key);
    expect(text).not.toContain(key);
    expect(text).toContain('[API key hidden]');
  });
});
