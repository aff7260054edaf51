import { afterEach, describe, expect, it, vi } from 'vitest';
import { EncoderError } from './encoderError';
import { exportIdFor, hubFileUrl, hubReader, listHubExport } from './hub';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A Cache Storage stand-in: what was put is matched. */
function memoryCache(): Cache {
  const store = new Map<string, Response>();
  return {
    match: (url: string) => Promise.resolve(store.get(url)?.clone()),
    // As Cache Storage does, the body is read whole before the entry exists.
    put: async (url: string, res: Response) => void store.set(url, new Response(await res.arrayBuffer())),
  } as unknown as Cache;
}

afterEach(() => vi.unstubAllGlobals());

describe('listHubExport', () => {
  it('lists the top of the repo and onnx/, with LFS sizes, and caches the lists', async () => {
    const fetch = vi.fn((url: string) =>
      Promise.resolve(
        url.endsWith('/tree/main')
          ? json([
              { type: 'file', path: 'config.json', size: 700 },
              { type: 'directory', path: 'onnx', size: 0 },
            ])
          : json([{ type: 'file', path: 'onnx/model_fp16.onnx', size: 134, lfs: { size: 1_192_000_000 } }]),
      ),
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
    vi.stubGlobal('fetch', (url: string) =>
      Promise.resolve(
        url.endsWith('/onnx')
          ? json({ error: 'not found' }, 404)
          : json([{ type: 'file', path: 'model.safetensors', size: 1 }]),
      ),
    );
    expect(await listHubExport('Qwen/Qwen3-0.6B', null)).toEqual([{ path: 'model.safetensors', size: 1 }]);
    vi.stubGlobal('fetch', () => Promise.resolve(json({ error: 'Repository not found' }, 401)));
    await expect(listHubExport('nobody/nothing', null)).rejects.toThrow(/has no model "nobody\/nothing"/);
    await expect(listHubExport('nobody/nothing', null)).rejects.toMatchObject({ problem: 'not-found' });
  });

  it('says the Hub is unreachable, and that the page seems offline when the browser says so', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(listHubExport('org/model', null)).rejects.toThrow(
      /^Could not reach the Hugging Face Hub \(Failed to fetch\)/,
    );
    await expect(listHubExport('org/model', null)).rejects.toMatchObject({ problem: 'offline' });
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

describe('hubReader', () => {
  const read = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

  it('downloads a file once, keeping it in the cache as served, and reads it from there after', async () => {
    const fetch = vi.fn((url: string) => Promise.resolve(new Response(`bytes of ${url.split('/').pop()}`)));
    const cache = memoryCache();
    const files = hubReader('org/model', cache, fetch as unknown as typeof globalThis.fetch);
    expect(await read(await files.open('onnx/model.onnx'))).toBe('bytes of model.onnx');
    await files.written();
    expect(await (await cache.match(hubFileUrl('org/model', 'onnx/model.onnx')))?.text()).toBe('bytes of model.onnx');
    expect(
      await read(
        await hubReader('org/model', cache, fetch as unknown as typeof globalThis.fetch).open('onnx/model.onnx'),
      ),
    ).toBe('bytes of model.onnx');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('says which file the Hub would not give, and that it is offline when the fetch fails', async () => {
    const missing = hubReader('org/model', null, () => Promise.resolve(new Response(null, { status: 404 })));
    await expect(missing.open('onnx/model_q4.onnx')).rejects.toMatchObject({
      problem: 'not-found',
      message: 'The Hugging Face Hub answered HTTP 404 for onnx/model_q4.onnx of "org/model".',
    });
    const offline = hubReader('org/model', null, () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.open('config.json')).rejects.toMatchObject({ problem: 'offline' });
  });

  it('passes the signal to the download and leaves no cache entry when it is cancelled', async () => {
    const controller = new AbortController();
    const cache = memoryCache();
    const fetch = vi.fn((_url: string, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new Uint8Array(4));
          init?.signal?.addEventListener('abort', () => stream.error(init.signal!.reason));
        },
      });
      return Promise.resolve(new Response(body));
    });
    const files = hubReader('org/model', cache, fetch as unknown as typeof globalThis.fetch);
    const stream = await files.open('onnx/model.onnx', controller.signal);
    expect(fetch.mock.calls[0]![1]?.signal).toBe(controller.signal);
    controller.abort();
    await expect(read(stream)).rejects.toBeDefined();
    await files.written();
    expect(await cache.match(hubFileUrl('org/model', 'onnx/model.onnx'))).toBeUndefined();
  });
});

describe('exportIdFor', () => {
  it('offers the Hub’s ONNX export for Qwen/Qwen3-0.6B and a bundle’s own id otherwise', () => {
    expect(exportIdFor('Qwen/Qwen3-0.6B')).toBe('onnx-community/Qwen3-0.6B-ONNX');
    expect(exportIdFor('r2-fixtures/tiny-qwen3')).toBe('r2-fixtures/tiny-qwen3');
  });
});
