import { winnerAt, type LambdaSegment } from './lambdaMap';
import type { Candidate } from './types';

/**
 * The paper's story on one query: a λ at which R2 sends a length-limited call to another LLM
 * than the reactive router picks. Found on the two λ maps, so it is exact and needs no sweep.
 */
export interface Contrast {
  lambda: number;
  r2: Candidate;
  reactive: Candidate;
}

/** Midway between two λ on the slider's scale, log10(λ/(1 − λ)); plain midway at the ends. */
function middle(a: number, b: number): number {
  if (a <= 0 || b >= 1) return (a + b) / 2;
  const logRatio = (Math.log10(a / (1 - a)) + Math.log10(b / (1 - b))) / 2;
  const ratio = 10 ** logRatio;
  return ratio / (1 + ratio);
}

/** How well a pair tells the story: R2 as good for no more money, then better, then just different. */
function strength(r2: Candidate, reactive: Candidate): number {
  if (r2.quality >= reactive.quality && r2.costUsd <= reactive.costUsd) return 3;
  if (r2.quality >= reactive.quality) return 2;
  return 1;
}

/**
 * The stretch of λ where the contrast is strongest, and on ties the widest on the slider's
 * scale; its middle is returned. Null when R2 never differs that way from the reactive router.
 */
export function contrast(r2Map: readonly LambdaSegment[], reactiveMap: readonly LambdaSegment[]): Contrast | null {
  const edges = [...new Set([...r2Map, ...reactiveMap].flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b);
  let best: (Contrast & { strength: number; width: number }) | null = null;
  for (let i = 1; i < edges.length; i++) {
    const [a, b] = [edges[i - 1]!, edges[i]!];
    const lambda = middle(a, b);
    const r2 = winnerAt(r2Map, lambda);
    const reactive = winnerAt(reactiveMap, lambda);
    if (r2 === null || reactive === null || r2.budget === 'unlimited' || r2.model === reactive.model) continue;
    const s = strength(r2, reactive);
    const width = a > 0 && b < 1 ? Math.log10(b / (1 - b)) - Math.log10(a / (1 - a)) : Infinity;
    if (best === null || s > best.strength || (s === best.strength && width > best.width)) {
      best = { lambda, r2, reactive, strength: s, width };
    }
  }
  return best && { lambda: best.lambda, r2: best.r2, reactive: best.reactive };
}
