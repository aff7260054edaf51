import { describe, expect, it } from 'vitest';
import { answeredInFloats, decodeBase64Floats, embeddingsRequest, encodeBase64Floats, readEmbeddings } from './wire';

const item = (index: number, embedding: unknown) => ({ object: 'embedding', index, embedding });

describe('the embeddings request', () => {
  it('names the model, the texts in order and the encoding', () => {
    expect(embeddingsRequest('Qwen/Qwen3-0.6B', ['a', 'b'], 'base64')).toEqual({
      model: 'Qwen/Qwen3-0.6B',
      input: ['a', 'b'],
      encoding_format: 'base64',
    });
  });
});

describe('base64 float32', () => {
  it('reads the little-endian bytes OpenAI and vLLM send', () => {
    // 1.0 = 00 00 80 3f, -2.5 = 00 00 20 c0 (little-endian float32).
    const text = Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]).toString('base64');
    expect([...decodeBase64Floats(text)!]).toEqual([1, -2.5]);
  });

  it('round-trips float32 values exactly, NaN included', () => {
    const values = Float32Array.from([0.1, -3.25e-8, 1e30, NaN, 0]);
    expect(decodeBase64Floats(encodeBase64Floats(values))).toEqual(values);
  });

  it('refuses text that is not base64 of whole float32 values', () => {
    expect(decodeBase64Floats('not base64!')).toBeNull();
    expect(decodeBase64Floats(Buffer.from([1, 2, 3]).toString('base64'))).toBeNull();
  });
});

describe('readEmbeddings', () => {
  const v = (x: number) => [x, x + 1, x + 2];

  it('puts each vector at its index, whatever the order of arrival', () => {
    const body = { data: [item(2, v(20)), item(0, v(0)), item(1, encodeBase64Floats(v(10)))] };
    expect(readEmbeddings(body, 3, 3, 'batch 1').map((x) => [...x])).toEqual([v(0), v(10), v(20)]);
  });

  it.each([
    ['no data list', { object: 'list' }, /has no "data" list/],
    ['fewer vectors than texts', { data: [item(0, v(0))] }, /returned 1 vector for the 2 texts of batch 7/],
    [
      'more vectors than texts',
      { data: [item(0, v(0)), item(1, v(1)), item(2, v(2))] },
      /returned 3 vectors for the 2/,
    ],
    ['an index out of range', { data: [item(0, v(0)), item(2, v(2))] }, /without a valid index \(2\)/],
    ['a missing index', { data: [item(0, v(0)), { embedding: v(1) }] }, /without a valid index/],
    ['a repeated index', { data: [item(1, v(0)), item(1, v(1))] }, /two vectors for index 1/],
    [
      'a vector of strings',
      { data: [item(0, v(0)), item(1, ['a', 'b', 'c'])] },
      /neither a list of numbers nor base64/,
    ],
    ['a NaN', { data: [item(0, v(0)), item(1, encodeBase64Floats([1, NaN, 2]))] }, /vector 1 in batch 7 holds NaN/],
  ])('refuses %s, naming it and the batch', (_, body, message) => {
    const run = () => readEmbeddings(body, 2, 3, 'batch 7');
    expect(run).toThrow(message);
    expect(run).toThrow(expect.objectContaining({ problem: 'bad-response' }));
  });

  it('refuses another width than the heads read, as a width problem', () => {
    const run = () => readEmbeddings({ data: [item(0, [1, 2])] }, 1, 3, 'the probe request');
    expect(run).toThrow(expect.objectContaining({ problem: 'width' }));
    expect(run).toThrow(/have 2 numbers; this bundle's heads read 3/);
  });

  it('tells an answer in numbers from one in base64', () => {
    expect(answeredInFloats({ data: [item(0, [1, 2])] })).toBe(true);
    expect(answeredInFloats({ data: [item(0, encodeBase64Floats([1, 2]))] })).toBe(false);
    expect(answeredInFloats(null)).toBe(false);
  });
});
