import { estimateInputTokens } from './cost';
import { releaseInputTokens } from './releaseRules';
import type { DecisionRules } from './types';

/** The input-token estimate each set of rules uses. */
export function inputTokensFor(rules: DecisionRules, text: string): number {
  return rules === 'release' ? releaseInputTokens(text) : estimateInputTokens(text);
}
