import { UNLIMITED, type Budget } from '../bundle/manifest';

/**
 * R2-Router enforces a budget with an instruction in the prompt. The first sentence is the
 * reference wording; the second asks the model not to trade completeness for brevity, since a
 * truncated answer would be judged worse than a short complete one.
 */
export function lengthInstruction(budget: Budget): string | null {
  if (budget === UNLIMITED) return null;
  return `You MUST respond in ${budget} tokens or fewer. Be concise, but make the answer complete.`;
}

/**
 * `max_tokens` for a budget: a guard against runaway (paid) output, not the budget itself. The
 * paper counts an answer as obeying the instruction up to 1.1 × budget, so the guard sits past
 * that tolerance, plus 16 tokens because provider tokenizers differ from the one the budgets
 * were measured with and tiny budgets (10, 20) need the slack most. No guard when unlimited.
 */
export function maxTokensGuard(budget: Budget): number | null {
  if (budget === UNLIMITED) return null;
  // × 11 / 10 rather than × 1.1: 100 × 1.1 is 110.00000000000001 in floating point.
  return Math.ceil((budget * 11) / 10) + 16;
}

export type ChatMessage = { role: 'system' | 'user'; content: string };

export function chatMessages(query: string, budget: Budget): ChatMessage[] {
  const instruction = lengthInstruction(budget);
  const user: ChatMessage = { role: 'user', content: query };
  return instruction === null ? [user] : [{ role: 'system', content: instruction }, user];
}

/** The request that asks an LLM to answer the query within the budget, with its max_tokens guard. */
export function budgetedRequest(providerModelId: string, query: string, budget: Budget) {
  return { providerModelId, messages: chatMessages(query, budget), maxTokens: maxTokensGuard(budget) };
}
