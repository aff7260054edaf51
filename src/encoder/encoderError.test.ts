import { describe, expect, it } from 'vitest';
import { cancelled, EncoderError, errorFromReply, explainLoadError, problemOf, throwIfCancelled } from './encoderError';

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
  it('says the load stopped, as the cancelled kind', () => {
    const e = cancelled('onnx-community/Qwen3-0.6B-ONNX (q8)');
    expect(e).toMatchObject({ problem: 'cancelled', message: 'Stopped loading onnx-community/Qwen3-0.6B-ONNX (q8).' });
  });

  it('stops an embedding once its signal has aborted, and not before', () => {
    const controller = new AbortController();
    expect(() => throwIfCancelled(controller.signal)).not.toThrow();
    expect(() => throwIfCancelled(undefined)).not.toThrow();
    controller.abort();
    expect(() => throwIfCancelled(controller.signal)).toThrow(expect.objectContaining({ problem: 'cancelled' }));
  });
});

describe('across the worker', () => {
  it('keeps an EncoderError’s kind and message, and leaves other errors plain', () => {
    const original = cancelled('x (q8)');
    const back = errorFromReply(original.message, problemOf(original));
    expect(back).toBeInstanceOf(EncoderError);
    expect(back).toMatchObject({ problem: 'cancelled', message: 'Stopped loading x (q8).' });
    const plain = errorFromReply('boom', problemOf(new Error('boom')));
    expect(plain).not.toBeInstanceOf(EncoderError);
    expect(plain.message).toBe('boom');
  });
});
