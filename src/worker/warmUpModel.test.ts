import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../onnx/graphBuilder';
import { warmUpModel } from './warmUpModel';

describe('the runtime warm-up model', () => {
  it('is the Identity graph GraphBuilder writes', () => {
    const g = new GraphBuilder('warm-up');
    g.op('Identity', [g.input('x', [1])], {}, 'y');
    g.output('y', [1]);
    expect(Array.from(warmUpModel())).toEqual(Array.from(g.toBytes('r2')));
  });

  it('opens and runs in onnxruntime', async () => {
    const session = await ort.InferenceSession.create(warmUpModel());
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(0.25), [1]) });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([0.25]);
    await session.release();
  });
});
