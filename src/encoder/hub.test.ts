import { afterEach, describe, expect, it, vi } from 'vitest';
import { EncoderError } from './encoderError';
import { hubFileUrl, listedFetch, listHubExport } from './hub';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A Cache Storage stand-in: what was put is matched. */
function memoryCache(): Cache {
  const store = new Map<string, Response>();
  return {
    match: async (url: string) => store.get(url)?.clone(),
    put: async (url: string, res: Response) => void store.set(url, res),
  } as unknown as Cache;
}

afterEach(() => vi.unstubAllGlobals());

describe('listHubExport', () => {
  it('lists the top of the repo and onnx/, with LFS sizes, and caches the lists', async () => {
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/tree/main')
        ? json([
            { type: 'file', path: 'config.json', size: 700 },
            { type: 'directory', path: 'onnx', size: 0 },
          ])
        : json([{ type: 'file', path: 'onnx/model_fp16.onnx', size: 134, lfs: { size: 1_192_000_000 } }]),
    );
    vi.stubGlobal('fetch', fetch);
    const cache = memoryCache();
    const expected = [
      { path: 'config.json', size: 700 },
      { path: 'onnx/model_fp16.onnx', size: 1_192_000_000 },
    ];
    expect(await listHubExport('org/model', cache)).toEqual(expected);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'https://huggingface.co/api/models/org/model/tree/main',
      'https://huggingface.co/api/models/org/model/tree/main/onnx',
    ]);
    expect(await listHubExport('org/model', cache)).toEqual(expected);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('treats a missing onnx/ folder as no files there, and a missing repo as an error', async () => {
    vi.stubGlobal('fetch', async (url: string) =>
      url.endsWith('/onnx')
        ? json({ error: 'not found' }, 404)
        : json([{ type: 'file', path: 'model.safetensors', size: 1 }]),
    );
    expect(await listHubExport('Qwen/Qwen3-0.6B', null)).toEqual([{ path: 'model.safetensors', size: 1 }]);
    vi.stubGlobal('fetch', async () => json({ error: 'Repository not found' }, 401));
    await expect(listHubExport('nobody/nothing', null)).rejects.toMatchObject({
      problem: 'not-found',
      message: expect.stringMatching(/has no model "nobody\/nothing"/),
    });
  });

  it('says the Hub is unreachable, and that the page seems offline when the browser says so', async () => {
    vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(listHubExport('org/model', null)).rejects.toMatchObject({
      problem: 'offline',
      message: expect.stringMatching(/^Could not reach the Hugging Face Hub \(Failed to fetch\)/),
    });
    vi.stubGlobal('navigator', { onLine: false });
    const e = await listHubExport('org/model', null).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(EncoderError);
    expect((e as EncoderError).message).toBe(
      'Could not reach the Hugging Face Hub: you seem to be offline. Pick a local folder instead.',
    );
  });

  it('refuses something that is not a model id before asking the Hub', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    await expect(listHubExport('../etc/passwd', null)).rejects.toMatchObject({ problem: 'not-found' });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('listedFetch', () => {
  it('answers 404 itself for the repo’s unlisted files and passes everything else on', async () => {
    const fallback = vi.fn(async (_url: string) => new Response('weights'));
    const fetch = listedFetch(
      'org/model',
      [{ path: 'onnx/model.onnx', size: 7 }],
      fallback as unknown as typeof globalThis.fetch,
    );
    expect((await fetch(hubFileUrl('org/model', 'generation_config.json'))).status).toBe(404);
    expect(await (await fetch(hubFileUrl('org/model', 'onnx/model.onnx'))).text()).toBe('weights');
    await fetch('https://example.org/other');
    expect(fallback.mock.calls.map(([url]) => url)).toEqual([
      hubFileUrl('org/model', 'onnx/model.onnx'),
      'https://example.org/other',
    ]);
  });
});
