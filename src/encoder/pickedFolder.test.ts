import { describe, expect, it, vi } from 'vitest';
import { listPicked, PICKED_ROOT, pickedFiles, servePicked } from './pickedFolder';

/** A File as <input webkitdirectory> gives it: its path starts with the picked folder's name. */
function picked(path: string, content: string): File {
  const file = new File([content], path.split('/').pop()!);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

describe('a picked export folder', () => {
  const { name, files } = pickedFiles([
    picked('qwen3-fe/config.json', '{"model_type":"qwen3"}'),
    picked('qwen3-fe/onnx/model.onnx', 'onnx-bytes'),
  ]);

  it('keeps paths relative to the folder', () => {
    expect(name).toBe('qwen3-fe');
    expect(listPicked(files)).toEqual([
      { path: 'config.json', size: 22 },
      { path: 'onnx/model.onnx', size: 10 },
    ]);
  });

  it('serves its files at the local paths transformers.js asks for, with their length, and nothing else', async () => {
    const fallback = vi.fn(async () => new Response('from the network'));
    const { model, fetch } = servePicked(files, fallback as unknown as typeof globalThis.fetch);
    expect(model).toMatch(/^picked\/folder-\d+$/);
    expect(servePicked(files, fallback as unknown as typeof globalThis.fetch).model).not.toBe(model);
    const res = await fetch(`${PICKED_ROOT}${model}/onnx/model.onnx`);
    expect(res.headers.get('content-length')).toBe('10');
    expect(await res.text()).toBe('onnx-bytes');
    expect((await fetch(`${PICKED_ROOT}${model}/generation_config.json`)).status).toBe(404);
    expect(fallback).not.toHaveBeenCalled();
    await fetch('/models/index.json');
    expect(fallback).toHaveBeenCalledTimes(1);
  });
});
