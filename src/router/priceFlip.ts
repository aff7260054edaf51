/**
 * Price flips: how far one LLM's output price can move before the R2 choice changes. Only
 * that LLM's options change cost, each by its output tokens × the price, so every score is
 * linear in the price and the price at which an option overtakes the winner is found in
 * closed form, with no search over prices. What makes it more than one division:
 *
 * - ties follow `rank`: under the playground's rules an exact tie in score (at λ = 0 every
 *   score ignores cost) goes to the cheaper call, so a price can flip a tie;
 * - under the release's rules scores are rounded to 8 decimals and equal rounded scores go
 *   to the first in order, so the flip is where the rounded scores cross, found among the
 *   prices at which the winner's score steps from one 8-decimal value to the next;
 * - with a USD cap a rising price pushes the winner out (the flip is then the cap), a falling
 *   price lets dearer options in, and in continuous mode the cap point slides up the curve,
 *   one token at a time, each position on offer over its own range of prices.
 *
 * The option that overtakes is named with its price-independent numbers; when two overtake
 * at the same price, the first in pool order is named.
 */
import { callCost, releaseCallCost, tokensWithin } from './cost';
import { qualityAt } from './interpolate';
import { pyRound8 } from './releaseRules';
import { curveCandidates, route, score } from './search';
import type { Candidate, ModelCurve, RouteQuery } from './types';

/** An option whose price-independent numbers (tokens, quality) identify it. */
export type Option = Pick<Candidate, 'model' | 'budget' | 'outputTokens' | 'quality'>;

export interface PriceFlip {
  /** The LLM whose output price moves. */
  model: string;
  /** Its output price now and where the choice changes, in USD per 1M output tokens. */
  price: number;
  flipPrice: number;
  /** What happens there: another option overtakes the winner, or the winner's call outgrows the USD cap. */
  cause: 'overtaken' | 'cap';
  /** The option that overtakes (null for the cap). */
  by: Option | null;
}

/** An option as the moving price changes: on offer while the price has moved by `from` to `to`. */
interface Contender extends Option {
  curve: ModelCurve;
  moves: boolean;
  /** Its place in route's order: the LLM's place in the pool, then anchors, cap point, natural answer. */
  order: readonly [number, number];
  from: number;
  to: number;
}

/** Which way the price moves (+1 up, −1 down) from where (USD per 1M). */
interface Move {
  q: RouteQuery;
  price: number;
  sign: 1 | -1;
}

const ROUNDING = 1e-8;
/** curveCandidates' allowance when it turns a USD cap into tokens. */
const CAP_SLACK = 1e-9;

function slot(curve: ModelCurve, budget: Candidate['budget']): number {
  if (budget === 'unlimited') return curve.anchors.length + 1;
  const k = curve.anchors.indexOf(budget);
  return k >= 0 ? k : curve.anchors.length;
}

/** An option's score and cost at a moved price, with route's own arithmetic. */
function standing(m: Move, o: Contender, distance: number): { raw: number; score: number; cost: number } {
  const prices = o.moves ? { ...o.curve.prices, outputPerMillion: m.price + m.sign * distance } : o.curve.prices;
  const release = m.q.rules === 'release';
  const cost = (release ? releaseCallCost : callCost)(prices, m.q.inputTokens, o.outputTokens);
  const raw = score(m.q.lambda, o.quality, cost);
  return { raw, score: release ? pyRound8(raw) : raw, cost };
}

function before(a: Contender, b: Contender): boolean {
  return a.order[0] < b.order[0] || (a.order[0] === b.order[0] && a.order[1] < b.order[1]);
}

/** Whether `rank` puts c above w once the price has moved by `distance`. */
function ranksAbove(m: Move, c: Contender, w: Contender, distance: number): boolean {
  const a = standing(m, c, distance);
  const b = standing(m, w, distance);
  if (a.score !== b.score) return a.score > b.score;
  if (m.q.rules !== 'release' && a.cost !== b.cost) return a.cost < b.cost;
  return before(c, w);
}

/** How far the price must move for c to overtake w, within c's range; null if it never does. */
function overtake(m: Move, c: Contender, w: Contender): number | null {
  if (c.from > c.to) return null;
  if (ranksAbove(m, c, w, c.from)) return c.from;
  const d = m.q.rules === 'release' ? overtakeRounded(m, c, w) : overtakeExact(m, c, w);
  if (d !== null && d <= c.to) return Math.max(d, c.from);
  // A crossing a rounding error past the end (a tie won only at a free price, say) is at the end.
  return d !== null && Number.isFinite(c.to) && ranksAbove(m, c, w, c.to) ? c.to : null;
}

/** Tokens whose price moves, per 1M. */
const exposure = (o: Contender) => (o.moves ? o.outputTokens / 1e6 : 0);

function overtakeExact(m: Move, c: Contender, w: Contender): number | null {
  const a = standing(m, c, c.from);
  const b = standing(m, w, c.from);
  // How fast c's score closes on w's, and c's cost falls below w's, per unit of price moved.
  const cheapens = m.sign * (exposure(w) - exposure(c));
  const closes = m.q.lambda * cheapens;
  if (closes > 0) return c.from + (b.score - a.score) / closes;
  // Scores tied for good (λ = 0 ignores cost): a falling relative cost takes the tie.
  if (a.score === b.score && cheapens > 0) return c.from + (a.cost - b.cost) / cheapens;
  return null;
}

function overtakeRounded(m: Move, c: Contender, w: Contender): number | null {
  const bin = (raw: number) => Math.round(pyRound8(raw) * 1e8);
  const need = before(c, w) ? 0 : 1;
  const rawC = (d: number) => standing(m, c, d).raw;
  const fallC = m.q.lambda * m.sign * exposure(c);
  const fallW = m.q.lambda * m.sign * exposure(w);
  const w0 = standing(m, w, c.from).raw;
  if (fallW === 0 && fallC < 0) {
    // w stands still, c climbs: it must reach the lower edge of the bin `need` above w's.
    const edge = (bin(w0) + need - 0.5) * ROUNDING;
    return c.from + (edge - rawC(c.from)) / -fallC;
  }
  if (!(fallW > 0 && fallC < fallW)) return null;
  // w sinks faster than c: c can only take over as w's rounded score steps down a bin.
  const stepAt = (level: number) => c.from + (w0 - (level + 0.5) * ROUNDING) / fallW;
  const wins = (level: number) => bin(rawC(stepAt(level))) >= level + need;
  let fails = bin(w0);
  // Where c's raw score leads by a whole bin more than it needs, it surely wins.
  const sure = c.from + ((need + 1) * ROUNDING - (rawC(c.from) - w0)) / (fallW - fallC);
  let winning = Math.min(fails - 1, Math.floor((w0 - fallW * (sure - c.from)) / ROUNDING - 0.5) - 1);
  // The bins where c wins are all those below some bin: find the highest.
  while (fails - winning > 1) {
    const mid = Math.floor((fails + winning) / 2);
    if (wins(mid)) winning = mid;
    else fails = mid;
  }
  return stepAt(winning);
}

/** The options of one LLM as route lists them, for the contenders it brings. */
function contenders(q: RouteQuery, index: number, moves: boolean, options: readonly Candidate[]): Contender[] {
  const curve = q.curves[index]!;
  return options.map((o) => ({
    model: o.model,
    budget: o.budget,
    outputTokens: o.outputTokens,
    quality: o.quality,
    curve,
    moves,
    order: [index, slot(curve, o.budget)],
    from: 0,
    to: Infinity,
  }));
}

/** The output price up to which `tokens` of this LLM fit the USD cap (its input included). */
function capPrice(q: RouteQuery, curve: ModelCurve, tokens: number): number {
  if (q.cap?.kind !== 'usd') return Infinity;
  const room = q.cap.max * 1e6 - q.inputTokens * curve.prices.inputPerMillion;
  if (tokens === 0) return room >= 0 ? Infinity : -Infinity;
  return room / tokens;
}

/** The continuous cap point at `budget` tokens as the price falls: on offer while the cap allows that many and no more. */
function capPoint(q: RouteQuery, index: number, budget: number, m: Move): Contender | null {
  const curve = q.curves[index]!;
  const first = curve.anchors[0];
  const last = curve.anchors.at(-1);
  if (first === undefined || last === undefined || budget <= first || budget >= last) return null;
  if (curve.anchors.includes(budget)) return null;
  // It is the cap point while floor(tokens the cap allows + slack) = budget and its call fits:
  // for prices above `low` and up to `high`.
  const high = capPrice(q, curve, budget);
  const low = capPrice(q, curve, budget + 1 - CAP_SLACK);
  return {
    model: curve.model,
    budget,
    outputTokens: budget,
    quality: qualityAt(curve, budget),
    curve,
    moves: true,
    order: [index, curve.anchors.length],
    from: Math.max(0, m.price - high),
    to: Math.min(m.price - low, m.price),
  };
}

const slides = (q: RouteQuery) => q.continuous && q.cap?.kind === 'usd' && q.rules !== 'release';

/** The winner as a contender, with the other options route weighs against it. */
function field(q: RouteQuery, best: Candidate, moving: number): { winner: Contender; others: Contender[] } {
  const all = q.curves.flatMap((curve, i) => contenders(q, i, i === moving, curveCandidates(curve, q)));
  const winner = all.find((c) => c.model === best.model && c.budget === best.budget)!;
  return { winner, others: all.filter((c) => c !== winner) };
}

function nearest(m: Move, winner: Contender, rivals: readonly Contender[]): { at: number; by: Contender } | null {
  let found: { at: number; by: Contender } | null = null;
  for (const c of rivals) {
    const at = overtake(m, c, winner);
    if (at !== null && (found === null || at < found.at)) found = { at, by: c };
  }
  return found;
}

const asOption = (c: Contender): Option => ({
  model: c.model,
  budget: c.budget,
  outputTokens: c.outputTokens,
  quality: c.quality,
});

/**
 * How far the winning LLM's output price could rise before the choice changes: the price
 * just past which another option wins or the winner's call exceeds the USD cap. Null when
 * nothing is chosen or no rise changes the choice (λ = 0 with no ties, say).
 */
export function winnerPriceFlip(q: RouteQuery): PriceFlip | null {
  const best = route(q).best;
  if (best === null) return null;
  const index = q.curves.findIndex((c) => c.model === best.model);
  const curve = q.curves[index]!;
  const m: Move = { q, price: curve.prices.outputPerMillion, sign: 1 };
  // Today's options are all the contenders. The LLM's longer options only lose ground and its
  // shorter ones outlast the winner under a USD cap. A cap point sliding down never overtakes
  // first: on its segment it scores no more than the anchor below it (a contender already)
  // or a point longer than the winner's (which only loses ground).
  const { winner, others } = field(q, best, index);
  const overtaken = nearest(m, winner, others);
  const exit = capPrice(q, curve, winner.outputTokens);
  const flip = (flipPrice: number, by: Contender | null): PriceFlip => ({
    model: curve.model,
    price: m.price,
    flipPrice,
    cause: by === null ? 'cap' : 'overtaken',
    by: by === null ? null : asOption(by),
  });
  // Past the exit the winner is gone, whoever else would have overtaken it there.
  if (overtaken !== null && m.price + overtaken.at < exit) return flip(m.price + overtaken.at, overtaken.by);
  return Number.isFinite(exit) ? flip(Math.max(exit, m.price), null) : null;
}

/**
 * How far another LLM's output price would have to fall for one of its options to take the
 * choice: the price just below which it wins. Null when nothing is chosen, the LLM is the
 * winner's or not in the pool, or it would not win even with free output.
 */
export function rivalPriceFlip(q: RouteQuery, model: string): PriceFlip | null {
  const best = route(q).best;
  const index = q.curves.findIndex((c) => c.model === model);
  if (best === null || index < 0 || best.model === model) return null;
  const curve = q.curves[index]!;
  const m: Move = { q, price: curve.prices.outputPerMillion, sign: -1 };
  const { winner } = field(q, best, index);
  // The LLM's options today, and under a USD cap the dearer ones that fit once the price is
  // low enough, each on offer from then on. A sliding cap point is left to the loop below.
  const sliding = (c: Candidate) => slides(q) && slot(curve, c.budget) === curve.anchors.length;
  const now = curveCandidates(curve, q).filter((c) => !sliding(c));
  const later =
    q.cap?.kind === 'usd'
      ? curveCandidates(curve, { ...q, cap: null }).filter(
          (c) => !now.some((o) => o.budget === c.budget) && capPrice(q, curve, c.outputTokens) >= 0,
        )
      : [];
  const rivals = contenders(q, index, true, [...now, ...later]).map((c) => ({
    ...c,
    from: Math.max(0, m.price - capPrice(q, curve, c.outputTokens)),
    to: m.price,
  }));
  let found = nearest(m, winner, rivals);
  // The sliding cap point: each budget is on offer over a lower range of prices than the one
  // before, so the first that overtakes the winner does so at the highest price.
  const room = tokensWithin(curve.prices, q.inputTokens, q.cap?.max ?? 0);
  if (slides(q) && room >= 0 && Number.isFinite(room)) {
    for (let b = Math.floor(room + CAP_SLACK); b < (curve.anchors.at(-1) ?? 0); b++) {
      const point = capPoint(q, index, b, m);
      if (point === null) continue;
      if (found !== null && point.from >= found.at) break;
      const at = overtake(m, point, winner);
      if (at === null) continue;
      if (found === null || at < found.at) found = { at, by: point };
      break;
    }
  }
  if (found === null) return null;
  return {
    model: curve.model,
    price: m.price,
    flipPrice: m.price - found.at,
    cause: 'overtaken',
    by: asOption(found.by),
  };
}
