import type { Prices } from './types';

/** USD for one call: the input cost is paid whatever the budget. */
export function callCost(prices: Prices, inputTokens: number, outputTokens: number): number {
  return (inputTokens * prices.inputPerMillion + outputTokens * prices.outputPerMillion) / 1e6;
}

/** callCost as the released router sums it (input and output each divided first), so even the last bit agrees. */
export function releaseCallCost(prices: Prices, inputTokens: number, outputTokens: number): number {
  return (inputTokens * prices.inputPerMillion) / 1e6 + (outputTokens * prices.outputPerMillion) / 1e6;
}

/** The largest output length whose call stays within `maxUsd`; negative when even the input is too dear. */
export function tokensWithin(prices: Prices, inputTokens: number, maxUsd: number): number {
  if (prices.outputPerMillion === 0) return maxUsd >= callCost(prices, inputTokens, 0) ? Infinity : -1;
  return (maxUsd * 1e6 - inputTokens * prices.inputPerMillion) / prices.outputPerMillion;
}

/**
 * Input tokens of a query, estimated without the LLMs' tokenizers: about four characters
 * per token for prose, and every non-ASCII code point counted on its own.
 */
export function estimateInputTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) ascii++;
    else other++;
  }
  return Math.max(1, Math.ceil(ascii / 4) + other);
}
