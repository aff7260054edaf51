import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HASHED_SPEC } from '../../src/encoder/hashedNgrams';
import { loadDataset } from '../data/loader';
import { splitIndices } from '../../src/evaluate/split';
import { tempDir, writeTinyDataset } from '../testing/tinyData';
import { denseRows, encodeRows, type SparseRows } from '../train/features';
import type { Network } from '../train/network';
import { targetsOf } from '../train/targets';
import { predictNetwork, trainNetwork } from '../train/trainer';
import { exportOnnx, IO_NAMES } from './onnxExport';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let net: Network;
let x: SparseRows;
let test: number[];

beforeAll(async () => {
  tmp = await tempDir('r2-onnx');
  const data = await loadDataset(await writeTinyDataset(tmp.path));
  x = encodeRows(data.prompts, DEFAULT_HASHED_SPEC);
  const split = splitIndices(data.keys);
  test = split.test;
  net = trainNetwork(x, targetsOf(data), split, { seed: 2, maxEpochs: 3 }).net;
});
afterAll(() => tmp.remove());

describe('ONNX export', () => {
  it('reproduces the trainer on the test split (onnxruntime-node, < 1e-5)', async () => {
    expect(test.length).toBeGreaterThan(5);
    const session = await ort.InferenceSession.create(exportOnnx(net));
    expect(session.inputNames).toEqual([IO_NAMES.input]);
    expect([...session.outputNames].sort()).toEqual([IO_NAMES.naturalTokens, IO_NAMES.quality].sort());
    const out = await session.run({
      [IO_NAMES.input]: new ort.Tensor('float32', denseRows(x, test), [test.length, x.dim]),
    });
    const own = predictNetwork(net, x, test);
    const quality = out[IO_NAMES.quality]!;
    const natural = out[IO_NAMES.naturalTokens]!;
    expect(quality.dims).toEqual([test.length, 3, 4]);
    expect(natural.dims).toEqual([test.length, 3]);
    let qDiff = 0;
    (quality.data as Float32Array).forEach((v, i) => (qDiff = Math.max(qDiff, Math.abs(v - own.quality[i]!))));
    // Lengths are compared as log1p(tokens), the head's own scale (float32 counts near 4000 have ulp 2.4e-4).
    let lDiff = 0;
    (natural.data as Float32Array).forEach(
      (v, i) => (lDiff = Math.max(lDiff, Math.abs(Math.log1p(v) - Math.log1p(own.naturalTokens[i]!)))),
    );
    expect(qDiff).toBeLessThan(1e-5);
    expect(lDiff).toBeLessThan(1e-5);
    // The comparison is not vacuous: predictions vary across queries and LLMs.
    expect(new Set(Array.from(own.quality, (v) => v.toFixed(3))).size).toBeGreaterThan(10);
  });

  it('serialises deterministically', () => {
    expect(Buffer.from(exportOnnx(net)).equals(Buffer.from(exportOnnx(net)))).toBe(true);
  });
});
