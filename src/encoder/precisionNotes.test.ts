import { describe, expect, it } from 'vitest';
import { PRECISIONS } from './exportFiles';
import { precisionNote } from './precisionNotes';

describe('precisionNote', () => {
  it('says, for every precision and device, what the file holds, how it runs and what rounding it adds', () => {
    for (const device of ['wasm', 'webgpu'] as const)
      for (const p of PRECISIONS)
        expect(precisionNote(p, device)).toMatch(/^[^;]+; [^;]+; against the release’s embedding: .+\.$/);
  });

  it('tells WASM and WebGPU apart where they differ', () => {
    expect(precisionNote('fp16', 'wasm')).toMatch(/slow on WASM/);
    expect(precisionNote('fp16', 'webgpu')).toMatch(/native on the GPU/);
    expect(precisionNote('q8', 'wasm')).toMatch(/transformers.js’s default on WASM/);
  });
});
