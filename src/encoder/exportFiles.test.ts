import { describe, expect, it } from 'vitest';
import { EncoderError } from './encoderError';
import { defaultPrecision, exportOptions, type ExportFile } from './exportFiles';

const files = (entries: Record<string, number>): ExportFile[] =>
  Object.entries(entries).map(([path, size]) => ({ path, size }));
const base = { 'config.json': 1_000, 'tokenizer.json': 10_000, 'tokenizer_config.json': 5_000, 'README.md': 3 };

describe('exportOptions', () => {
  it('offers the precisions whose files exist, most faithful first, with their bytes', () => {
    const options = exportOptions(
      files({ ...base, 'onnx/model_q4.onnx': 400, 'onnx/model_fp16.onnx': 1_200, 'onnx/model_quantized.onnx': 600 }),
      'x',
    );
    expect(options.map((o) => [o.precision, o.bytes, o.model])).toEqual([
      ['fp16', 17_200, 'onnx/model_fp16.onnx'],
      ['q8', 16_600, 'onnx/model_quantized.onnx'],
      ['q4', 16_400, 'onnx/model_q4.onnx'],
    ]);
    expect(options[0]!.files).toEqual([
      { path: 'config.json', size: 1_000 },
      { path: 'tokenizer.json', size: 10_000 },
      { path: 'tokenizer_config.json', size: 5_000 },
      { path: 'onnx/model_fp16.onnx', size: 1_200 },
    ]);
  });

  it('counts external-data chunks and their bytes', () => {
    const [fp32] = exportOptions(
      files({ ...base, 'onnx/model.onnx': 2, 'onnx/model.onnx_data': 2e9, 'onnx/model.onnx_data_1': 4e8 }),
      'x',
    );
    expect(fp32).toMatchObject({
      precision: 'fp32',
      data: ['onnx/model.onnx_data', 'onnx/model.onnx_data_1'],
      bytes: 2.4e9 + 16_002,
    });
  });

  it('reads optimum-cli’s layout, with model.onnx beside config.json', () => {
    const [fp32] = exportOptions(files({ ...base, 'model.onnx': 500, 'model.onnx_data': 2.4e9 }), 'x');
    expect(fp32).toMatchObject({ precision: 'fp32', model: 'model.onnx', data: ['model.onnx_data'] });
  });

  it('says what is missing', () => {
    expect(() => exportOptions(files({ 'config.json': 1, 'onnx/model.onnx': 1 }), 'my-folder')).toThrow(
      /my-folder lacks tokenizer.json/,
    );
    expect(() =>
      exportOptions(files({ 'config.json': 1, 'tokenizer.json': 1, 'model.safetensors': 1 }), 'Qwen/Qwen3-0.6B'),
    ).toThrow(/Qwen\/Qwen3-0.6B holds no ONNX export.*onnx-community\/Qwen3-0.6B-ONNX/);
    expect(() => exportOptions([], 'x')).toThrow(EncoderError);
  });
});

describe('defaultPrecision', () => {
  // The precisions of onnx-community/Qwen3-0.6B-ONNX, at sizes of its kind (fp32 in external data).
  const qwen = exportOptions(
    files({
      ...base,
      'onnx/model.onnx': 1e6,
      'onnx/model.onnx_data': 2.4e9,
      'onnx/model_fp16.onnx': 1.2e9,
      'onnx/model_quantized.onnx': 7.6e8,
      'onnx/model_q4.onnx': 9.2e8,
      'onnx/model_q4f16.onnx': 5.7e8,
    }),
    'x',
  );

  it('on WASM takes 8-bit, then 4-bit weights with float32 arithmetic, never float16 while another fits', () => {
    expect(defaultPrecision(qwen, 'wasm')).toBe('q8');
    expect(
      defaultPrecision(
        qwen.filter((o) => o.precision !== 'q8'),
        'wasm',
      ),
    ).toBe('q4');
    expect(
      defaultPrecision(
        qwen.filter((o) => !['q8', 'q4'].includes(o.precision)),
        'wasm',
      ),
    ).toBe('q4f16');
  });

  it('on WebGPU takes float16, and without shader-f16 the best it can run', () => {
    expect(defaultPrecision(qwen, 'webgpu')).toBe('fp16');
    expect(
      defaultPrecision(
        qwen.filter((o) => o.precision !== 'fp16'),
        'webgpu',
      ),
    ).toBe('q4f16');
    expect(defaultPrecision(qwen, 'webgpu', false)).toBe('q4');
  });

  it('keeps the most faithful precision when every file is small, and the smallest when none fits', () => {
    const tiny = exportOptions(files({ ...base, 'onnx/model.onnx': 9_000, 'onnx/model_fp16.onnx': 5_000 }), 'x');
    expect(defaultPrecision(tiny, 'wasm')).toBe('fp32');
    expect(defaultPrecision(tiny, 'webgpu')).toBe('fp16');
    const huge = exportOptions(files({ ...base, 'onnx/model.onnx': 1e6, 'onnx/model.onnx_data': 3e9 }), 'x');
    expect(defaultPrecision(huge, 'wasm')).toBe('fp32');
  });
});
