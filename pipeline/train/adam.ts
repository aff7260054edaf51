import { layers, type Gradients, type Network } from './network';

/**
 * Adam (Kingma & Ba) with bias correction and optional decoupled weight decay on the
 * weight matrices (AdamW). Moments are float64; weights are rounded to float32 after
 * every step, so the network always holds exactly what the ONNX export will write.
 */
export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

export class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;

  constructor(
    net: Network,
    private readonly opts: AdamOptions,
  ) {
    const params = layers(net).flatMap((l) => [l.w, l.b]);
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
  }

  step(net: Network, grads: Gradients): void {
    const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 } = this.opts;
    this.t++;
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    layers(net).forEach((layer, l) => {
      const pairs: [Float32Array, Float64Array, number][] = [
        [layer.w, grads.w[l]!, weightDecay],
        [layer.b, grads.b[l]!, 0],
      ];
      pairs.forEach(([p, g, decay], k) => {
        const m = this.m[2 * l + k]!;
        const v = this.v[2 * l + k]!;
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]!;
          const mi = (m[i] = beta1 * m[i]! + (1 - beta1) * gi);
          const vi = (v[i] = beta2 * v[i]! + (1 - beta2) * gi * gi);
          p[i] = p[i]! - lr * (mi / c1 / (Math.sqrt(vi / c2) + eps) + decay * p[i]!);
        }
      });
    });
  }
}
