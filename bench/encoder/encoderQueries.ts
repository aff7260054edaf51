import { benchQueries } from '../queries';

/**
 * Queries of an exact token count for the random export's byte-level tokenizer (one token
 * per UTF-8 byte, nothing added): the bench's own long queries, made ASCII and cut or
 * repeated to `tokens` characters. A different seed gives a different text of the same length.
 */
export function queryOfTokens(tokens: number, seed: number): string {
  const source = benchQueries(8, 1000 + seed)
    .join(' ')
    .replace(/[^\x20-\x7e]/g, ' ');
  return source.repeat(Math.ceil(tokens / source.length)).slice(0, tokens);
}

/**
 * Queries that share no leading token, each starting with a character of its own, so none
 * continues another's KV cache and every one is a whole text's embedding.
 */
export function distinctQueries(): (tokens: number, seed: number) => string {
  let lead = 0;
  return (tokens, seed) => String.fromCharCode(0x41 + lead++) + queryOfTokens(tokens, seed).slice(1);
}

/** The token ids that tokenizer gives: the bytes themselves. */
export function byteTokenIds(text: string): number[] {
  return [...new TextEncoder().encode(text)];
}
