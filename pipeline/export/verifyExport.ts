import type { NodeBundle } from '../bundle/nodeBundle';
import { predictRows } from '../bundle/nodeBundle';
import { denseRows, type SparseRows } from '../train/features';
import type { Network } from '../train/network';
import { predictNetwork } from '../train/trainer';

/**
 * Largest difference between the ONNX graph (onnxruntime-node) and the trainer's own
 * forward pass: on quality, and on natural length as log1p(tokens) (the head's scale:
 * a float32 token count near 4000 cannot be exact to 1e-5 in absolute terms).
 */
export async function exportError(
  bundle: NodeBundle,
  net: Network,
  x: SparseRows,
  rows: readonly number[],
): Promise<{ quality: number; logTokens: number }> {
  const own = predictNetwork(net, x, rows);
  const L = net.shape.models;
  const K = net.shape.budgets;
  let quality = 0;
  let logTokens = 0;
  for (let s = 0; s < rows.length; s += 256) {
    const batch = rows.slice(s, s + 256);
    const onnx = await predictRows(bundle, denseRows(x, batch), batch.length);
    onnx.forEach((p, i) => {
      const n = s + i;
      for (let m = 0; m < L; m++) {
        for (let k = 0; k < K; k++)
          quality = Math.max(quality, Math.abs(p.quality[m]![k]! - own.quality[(n * L + m) * K + k]!));
        logTokens = Math.max(
          logTokens,
          Math.abs(Math.log1p(p.naturalTokens[m]!) - Math.log1p(own.naturalTokens[n * L + m]!)),
        );
      }
    });
  }
  return { quality, logTokens };
}
