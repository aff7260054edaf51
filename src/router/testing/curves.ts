import type { ModelCurve, RouteQuery } from '../types';

// A strong-but-dear LLM and a weak-but-cheap one, numbers chosen to be checked by hand.
export const strong: ModelCurve = {
  model: 'strong',
  prices: { inputPerMillion: 1, outputPerMillion: 10 },
  anchors: [10, 100, 1000],
  quality: [0.5, 0.8, 0.9],
  unlimitedQuality: 0.92,
  naturalTokens: 600,
};
export const weak: ModelCurve = {
  model: 'weak',
  prices: { inputPerMillion: 0.1, outputPerMillion: 1 },
  anchors: [10, 100, 1000],
  quality: [0.1, 0.3, 0.5],
  unlimitedQuality: 0.55,
  naturalTokens: 900,
};
export const base: RouteQuery = { curves: [strong, weak], lambda: 0, inputTokens: 100, cap: null, continuous: false };
