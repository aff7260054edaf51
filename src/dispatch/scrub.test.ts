import { describe, expect, it } from 'vitest';
import { scrubProviderText, scrubSecret } from './scrub';

const KEY = 'sk-test-not-a-real-key-123';

describe('key scrubbing', () => {
  it('removes every occurrence of the key, surrounding whitespace in the key ignored', () => {
    const out = scrubSecret(`a ${KEY} b ${KEY}`, `  ${KEY}\n`);
    expect(out).toBe('a [API key hidden] b [API key hidden]');
  });

  it('leaves text alone when there is no key', () => {
    expect(scrubSecret('plain text', '')).toBe('plain text');
  });

  it('also hides bearer tokens and key-shaped strings in provider text', () => {
    const out = scrubProviderText('got Bearer abc.def and sk-or-v1-0123456789abcdef0123 here', KEY);
    expect(out).toBe('got [API key hidden] and [API key hidden] here');
  });

  it('keeps ordinary words that merely start like a key', () => {
    expect(scrubProviderText('use sk-learn for this', KEY)).toBe('use sk-learn for this');
  });
});
