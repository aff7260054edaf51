/**
 * The released R2-Router's arithmetic (R2Router.route in r2_router/router.py), reproduced so
 * the page, `npm run route` and the authors' own code agree on every decision for the same
 * embedding: the score rounded to 8 decimals, the first of equal scores kept (LLMs in pool
 * order, budgets ascending, then the unlimited answer), the cost summed in its order of
 * operations, and input tokens estimated from the words.
 */

/**
 * Python's round(x, 8): the exact binary value rounded to 8 decimals, exact halves to even.
 * toFixed also rounds the exact value but sends halves away from zero. A double lies exactly
 * halfway only if x·10^8 = k + ½, i.e. x = j/512 with j odd (5^8 must cancel), so those are
 * the only values to correct.
 */
export function pyRound8(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 53) return x;
  const fixed = x.toFixed(8);
  const scaled = x * 512;
  if (!Number.isInteger(scaled) || scaled % 2 === 0 || Number(fixed.at(-1)) % 2 === 0) return Number(fixed);
  const sign = x < 0 ? '-' : '';
  const digits = (BigInt(fixed.replace(/[-.]/g, '')) - 1n).toString().padStart(9, '0');
  return Number(`${sign}${digits.slice(0, -8)}.${digits.slice(-8)}`);
}

/** What Python's str.split() splits on (str.isspace): unlike JavaScript's \s, \x1c–\x1f and \x85 but not \ufeff. */
// eslint-disable-next-line no-control-regex -- the ASCII separators are whitespace to Python
const PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** The release's input estimate: max(1, int(len(text.split()) * 1.3)). */
export function releaseInputTokens(text: string): number {
  const words = text.split(PY_WHITESPACE).filter((w) => w !== '').length;
  return Math.max(1, Math.trunc(words * 1.3));
}
