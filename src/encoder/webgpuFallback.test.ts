import { afterEach, describe, expect, it, vi } from 'vitest';
import { EncoderError } from './encoderError';
import type { Device } from './qwen3';
import { onDevice } from './webgpuFallback';

const ORT_RUN_ERROR =
  "failed to call OrtRun(). ERROR_CODE: 1, ERROR_MESSAGE: Non-zero status code returned while running Gather node. Name:'/model/embed_tokens/Gather' Status Message: shader_helper.cc:416 GenerateSourceCode Program Gather requires f16 but the device does not support it.";

function adapter(features: string[]) {
  vi.stubGlobal('navigator', { gpu: { requestAdapter: () => Promise.resolve({ features: new Set(features) }) } });
}

/** An `open` that records the devices it was asked for and fails on those in `failOn`. */
function opener(failOn: Partial<Record<Device, Error>> = {}) {
  const asked: Device[] = [];
  const open = (device: Device) => {
    asked.push(device);
    const error = failOn[device];
    return error ? Promise.reject(error) : Promise.resolve(`session on ${device}`);
  };
  return { asked, open };
}

describe('where the encoder runs when WebGPU is asked for', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs where asked when WebGPU runs it', async () => {
    adapter(['shader-f16']);
    const { asked, open } = opener();
    expect(await onDevice('webgpu', 'fp16', 'x (fp16)', open)).toEqual({
      value: 'session on webgpu',
      device: 'webgpu',
      webgpuFallback: null,
    });
    expect(asked).toEqual(['webgpu']);
  });

  it('runs WASM and CPU as asked, without looking at the GPU', async () => {
    vi.stubGlobal('navigator', undefined);
    for (const device of ['wasm', 'cpu'] as const) {
      const { asked, open } = opener();
      expect((await onDevice(device, 'q8', 'x (q8)', open)).device).toBe(device);
      expect(asked).toEqual([device]);
    }
  });

  it.each(['fp16', 'q4f16'] as const)(
    'runs %s on WASM when the adapter lacks shader-f16, without trying WebGPU',
    async (p) => {
      adapter(['timestamp-query']);
      const { asked, open } = opener();
      expect(await onDevice('webgpu', p, `x (${p})`, open)).toEqual({
        value: 'session on wasm',
        device: 'wasm',
        webgpuFallback: `WebGPU could not run x (${p}): ${p} needs the GPU’s shader-f16 feature, which this adapter lacks. It runs on WASM instead.`,
      });
      expect(asked).toEqual(['wasm']);
    },
  );

  it('runs on WASM when WebGPU fails, and says which node failed and why', async () => {
    adapter([]);
    const { asked, open } = opener({ webgpu: new Error(ORT_RUN_ERROR) });
    const opened = await onDevice('webgpu', 'fp32', 'x (fp32)', open);
    expect(opened).toMatchObject({ value: 'session on wasm', device: 'wasm' });
    expect(opened.webgpuFallback).toBe(
      'WebGPU could not run x (fp32): its Gather node /model/embed_tokens/Gather failed: Program Gather requires f16 but the device does not support it. It runs on WASM instead.',
    );
    expect(asked).toEqual(['webgpu', 'wasm']);
  });

  it('does not fall back for a problem of the export itself, or a cancelled load', async () => {
    adapter([]);
    const width = new EncoderError('width', 'too wide');
    const first = opener({ webgpu: width });
    await expect(onDevice('webgpu', 'fp32', 'x', first.open)).rejects.toBe(width);
    expect(first.asked).toEqual(['webgpu']);

    const controller = new AbortController();
    controller.abort();
    const second = opener({ webgpu: new Error('aborted') });
    await expect(onDevice('webgpu', 'fp32', 'x', second.open, controller.signal)).rejects.toThrow('aborted');
    expect(second.asked).toEqual(['webgpu']);
  });

  it('passes on what WASM throws after WebGPU failed', async () => {
    adapter([]);
    const { open } = opener({ webgpu: new Error('no kernel'), wasm: new Error('out of memory') });
    await expect(onDevice('webgpu', 'fp32', 'x', open)).rejects.toThrow('out of memory');
  });
});
