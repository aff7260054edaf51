import { describe, expect, it } from 'vitest';
import { browserNotes } from './browserNotes';

const full = { webgpuNote: null, isolated: true, cacheStorage: true, quotaBytes: 50e9 };

describe('what this browser lacks for the Qwen3 encoder', () => {
  it('says nothing where the browser has everything, or before the worker has looked for WebGPU', () => {
    expect(browserNotes(full)).toEqual([]);
    expect(browserNotes({ ...full, webgpuNote: undefined, quotaBytes: null })).toEqual([]);
  });

  it('names each gap: WebGPU, threads, Cache Storage, room to keep the weights', () => {
    expect(browserNotes({ ...full, webgpuNote: 'this browser has no WebGPU' })).toEqual([
      'No WebGPU (this browser has no WebGPU): the encoder runs on the CPU through WASM, the slower path.',
    ]);
    expect(browserNotes({ ...full, isolated: false })[0]).toMatch(/not cross-origin isolated .* one CPU thread/);
    expect(browserNotes({ ...full, cacheStorage: false })[0]).toMatch(/no Cache Storage .* every visit/);
    expect(browserNotes({ ...full, quotaBytes: 300e6 })[0]).toMatch(/keep about 300 MB/);
  });
});
