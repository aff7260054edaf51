import { describe, expect, it } from 'vitest';
import { listPicked, pickedFiles, pickedReader } from './pickedFolder';

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

  it('reads its files by those paths, and says which one it lacks', async () => {
    const reader = pickedReader(files);
    expect(await new Response(await reader.open('onnx/model.onnx')).text()).toBe('onnx-bytes');
    await expect(reader.open('onnx/model_fp16.onnx')).rejects.toMatchObject({
      problem: 'not-an-export',
      message: 'The picked folder has no onnx/model_fp16.onnx.',
    });
  });
});
