import { describe, expect, it } from 'vitest';
import { cancelled, EncoderError, explainLoadError, isCancellation } from './encoderError';

describe('explainLoadError', () => {
  it.each([
    'RangeError: Array buffer allocation failed',
    'WebAssembly.Memory(): could not allocate memory',
    "Can't create a session. ERROR_CODE: 6, ERROR_MESSAGE: std::bad_alloc",
    'Aborted(OOM)',
  ])('reads %j as running out of memory', (message) => {
    const e = explainLoadError(new Error(message), 'Qwen/Qwen3-0.6B (fp32)');
    expect(e.problem).toBe('out-of-memory');
    expect(e.message).toMatch(/^Ran out of memory loading Qwen\/Qwen3-0.6B \(fp32\)\. Pick a smaller precision/);
  });

  it('keeps an EncoderError as it is and wraps anything else', () => {
    const own = new EncoderError('width', 'too wide');
    expect(explainLoadError(own, 'x')).toBe(own);
    expect(explainLoadError('boom', 'the export')).toMatchObject({
      problem: 'failed',
      message: 'Could not load the export: boom',
    });
  });
});

describe('cancelled', () => {
  it('says the load stopped, in words the panel recognises as a cancellation', () => {
    const e = cancelled('onnx-community/Qwen3-0.6B-ONNX (q8)');
    expect(e).toMatchObject({ problem: 'cancelled', message: 'Stopped loading onnx-community/Qwen3-0.6B-ONNX (q8).' });
    expect(isCancellation(e.message)).toBe(true);
    expect(isCancellation('Could not load x: boom')).toBe(false);
  });
});
