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
    expect(options.map((o) => [o.precision, o.bytes, o.subfolder])).toEqual([
      ['fp16', 17_200, 'onnx'],
      ['q8', 16_600, 'onnx'],
      ['q4', 16_400, 'onnx'],
    ]);
    expect(options[0]!.files).toEqual([
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model_fp16.onnx',
    ]);
  });

  it('counts external-data chunks and their bytes', () => {
    const [fp32] = exportOptions(
      files({ ...base, 'onnx/model.onnx': 2, 'onnx/model.onnx_data': 2e9, 'onnx/model.onnx_data_1': 4e8 }),
      'x',
    );
    expect(fp32).toMatchObject({ precision: 'fp32', dataChunks: 2, bytes: 2.4e9 + 16_002 });
  });

  it('reads optimum-cli’s layout, with model.onnx beside config.json', () => {
    const [fp32] = exportOptions(files({ ...base, 'model.onnx': 500, 'model.onnx_data': 2.4e9 }), 'x');
    expect(fp32).toMatchObject({ precision: 'fp32', subfolder: '', dataChunks: 1 });
    expect(fp32!.files).toContain('model.onnx_data');
  });

  it('says what is missing', () => {
    expect(() => exportOptions(files({ 'config.json': 1, 'onnx/model.onnx': 1 }), 'my-folder')).toThrow(
      /my-folder lacks tokenizer.json/,
    );
    expect(() =>
      exportOptions(files({ 'config.json': 1, 'tokenizer.json': 1, 'model.safetensors': 1 }), 'Qwen/Qwen3-0.6B'),
    ).toThrow(
      /Qwen\/Qwen3-0.6B holds no ONNX export.*optimum-cli export onnx --model Qwen\/Qwen3-0.6B --task feature-extraction/,
    );
    expect(() => exportOptions([], 'x')).toThrow(EncoderError);
  });
});

describe('defaultPrecision', () => {
  it('picks the most faithful precision under 1.5 GB, else the lightest', () => {
    const qwen = exportOptions(
      files({
        ...base,
        'onnx/model.onnx': 1e6,
        'onnx/model.onnx_data': 2.4e9,
        'onnx/model_fp16.onnx': 1.2e9,
        'onnx/model_q4.onnx': 4e8,
      }),
      'x',
    );
    expect(defaultPrecision(qwen)).toBe('fp16');
    expect(defaultPrecision(exportOptions(files({ ...base, 'onnx/model.onnx': 9_000 }), 'x'))).toBe('fp32');
    expect(
      defaultPrecision(exportOptions(files({ ...base, 'onnx/model.onnx': 1e6, 'onnx/model.onnx_data': 2.4e9 }), 'x')),
    ).toBe('fp32');
  });
});
