import { UNLIMITED, type Budget } from '../bundle/manifest';
import { callCost } from '../router/cost';
import type { Prices } from '../router/types';

/** What a dispatch used, measured the way the prediction was made. */
export interface Actual {
  completionTokens: number;
  /** The provider gave no usage: tokens were estimated from the text. */
  estimated: boolean;
  /** Prompt tokens the provider reported (instruction included), else null. */
  promptTokens: number | null;
  /** From the pool's prices: reported prompt tokens, or the app's input estimate, plus completion tokens. */
  costUsd: number;
  /** Completion tokens within the budget; null for an unlimited choice. */
  budgetRespected: boolean | null;
}

export interface Usage {
  completionTokens: number;
  usageReported: boolean;
  promptTokens: number | null;
}

export function measure(usage: Usage, budget: Budget, prices: Prices, estimatedInputTokens: number): Actual {
  return {
    completionTokens: usage.completionTokens,
    estimated: !usage.usageReported,
    promptTokens: usage.promptTokens,
    costUsd: callCost(prices, usage.promptTokens ?? estimatedInputTokens, usage.completionTokens),
    budgetRespected: budget === UNLIMITED ? null : usage.completionTokens <= budget,
  };
}
