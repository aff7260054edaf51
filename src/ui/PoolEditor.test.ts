import { describe, expect, it } from 'vitest';
import { MAX_PRICE_PER_MILLION } from '../config';
import { poolOverrideSchema } from '../state/viewState';
import { parsePrice } from './PoolEditor';

describe('prices in the pool editor', () => {
  it('takes prices from free up to the bound, and says why it refuses the rest', () => {
    expect(parsePrice('0')).toEqual({ value: 0 });
    expect(parsePrice('0.000001')).toEqual({ value: 0.000001 });
    expect(parsePrice(String(MAX_PRICE_PER_MILLION))).toEqual({ value: MAX_PRICE_PER_MILLION });
    expect(parsePrice('1e12')).toEqual({ error: 'at most $10,000 per 1M tokens' });
    expect(parsePrice('1e21')).toEqual({ error: 'at most $10,000 per 1M tokens' });
    expect(parsePrice('Infinity')).toEqual({ error: 'at most $10,000 per 1M tokens' });
    expect(parsePrice('-1')).toEqual({ error: 'cannot be negative' });
    expect(parsePrice('abc')).toEqual({ error: 'not a number' });
    expect(parsePrice(' ')).toEqual({ error: 'enter a price' });
  });

  it('holds links and saved pools to the same bound', () => {
    expect(poolOverrideSchema.safeParse({ outputPerMillion: MAX_PRICE_PER_MILLION }).success).toBe(true);
    expect(poolOverrideSchema.safeParse({ outputPerMillion: 1e12 }).success).toBe(false);
  });
});
