import { cpus } from 'node:os';
import type { Precision } from '../../src/encoder/exportFiles';
import { loadNodeEncoder } from '../../src/encoder/nodeEncoder';
import { round, spread, type Spread } from '../stats';
import { distinctQueries } from './encoderQueries';
import type { BenchExport } from './exportFolder';
import { QWEN3_0_6B } from './qwen3Graph';

/**
 * The same whole texts through the same encoder code on onnxruntime-node (native kernels) on
 * this machine, after the page has closed: what these cores do without WASM, beside what the
 * page does. No KV cache is kept, so each text runs whole.
 */
export interface NativeWholeTexts {
  runtime: 'onnxruntime-node';
  cores: number;
  embedMs: Record<string, Spread>;
  samplesMs: Record<string, number[]>;
}

export async function nativeWholeTexts(
  exp: BenchExport,
  precision: Precision,
  samples: Record<string, number>,
  log: (line: string) => void,
): Promise<NativeWholeTexts> {
  const encoder = await loadNodeEncoder(exp.dir, precision, QWEN3_0_6B.hidden);
  try {
    const distinct = distinctQueries();
    await encoder.embed(distinct(50, 0), true);
    const samplesMs: Record<string, number[]> = {};
    for (const [tokens, count] of Object.entries(samples)) {
      samplesMs[tokens] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await encoder.embed(distinct(Number(tokens), i + 1), true);
        samplesMs[tokens].push(round(performance.now() - started, 1));
      }
      log(`onnxruntime-node, ${tokens} tokens: ${samplesMs[tokens].join(', ')} ms`);
    }
    const embedMs = Object.fromEntries(Object.entries(samplesMs).map(([k, xs]) => [k, spread(xs)]));
    return { runtime: 'onnxruntime-node', cores: cpus().length, embedMs, samplesMs };
  } finally {
    await encoder.dispose();
  }
}
