import { describe, expect, it } from 'vitest';
import { chatMessages, lengthInstruction, maxTokensGuard } from './instruction';

describe('length instruction', () => {
  it('starts with R2-Router reference wording for the budget', () => {
    expect(lengthInstruction(150)).toMatch(/^You MUST respond in 150 tokens or fewer\. /);
  });

  it('is absent for an unlimited choice', () => {
    expect(lengthInstruction('unlimited')).toBeNull();
    expect(chatMessages('What is 2+2?', 'unlimited')).toEqual([{ role: 'user', content: 'What is 2+2?' }]);
  });

  it('goes first, as the system message, with the query untouched after it', () => {
    const messages = chatMessages('  Explain  RAID 5\n', 50);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toEqual({ role: 'system', content: lengthInstruction(50) });
    expect(messages[1]).toEqual({ role: 'user', content: '  Explain  RAID 5\n' });
  });
});

describe('max_tokens guard', () => {
  it('is ceil(1.1 × budget) + 16', () => {
    expect(maxTokensGuard(10)).toBe(27);
    expect(maxTokensGuard(100)).toBe(126);
    expect(maxTokensGuard(4000)).toBe(4416);
    expect(maxTokensGuard(15)).toBe(33);
  });

  it('always leaves room past the paper tolerance of 1.1 × budget', () => {
    for (const b of [10, 20, 30, 40, 50, 80, 100, 150, 200, 300, 500, 800, 1200, 2000, 4000]) {
      expect(maxTokensGuard(b)!).toBeGreaterThan(1.1 * b);
    }
  });

  it('is absent for an unlimited choice', () => {
    expect(maxTokensGuard('unlimited')).toBeNull();
  });
});
