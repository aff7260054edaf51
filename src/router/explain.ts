/**
 * Why R2 chose what it chose, in numbers and then in a few sentences: what the choice
 * gives and costs, what the next-longer budget would add and at which λ it would be worth
 * it, how close the runner-up came, what a reactive router would have sent, and how far
 * prices would have to move to change the choice. Qualities, costs and scores are the
 * candidates' own numbers, so a view showing them matches the table beside it.
 */
import { breakpoint, r2Options } from './frontier';
import { rivalPriceFlip, winnerPriceFlip, type PriceFlip } from './priceFlip';
import { route, routeReactive } from './search';
import type { Budget, Candidate, RouteQuery } from './types';

export interface LongerBudget {
  /** The winner's LLM with the fewest output tokens above the winner's, of the options on offer. */
  option: Candidate;
  addsQuality: number;
  addsCostUsd: number;
  /** Below this λ it would score higher than the winner (the two tie there); null when it never would. */
  winsBelowLambda: number | null;
}

export interface Explanation {
  winner: Candidate;
  longer: LongerBudget | null;
  runnerUp: Candidate | null;
  /** The winner's score minus the runner-up's: 0 when the runner-up lost a tie. */
  margin: number | null;
  /** The reactive router's choice for the same query. */
  reactive: Candidate | null;
  qualityPerUsd: number;
  reactiveQualityPerUsd: number | null;
  /** How far the winner's output price could rise before the choice changes. */
  winnerPrice: PriceFlip | null;
  /** The best-ranked option of another LLM, and how far that LLM's output price would have to fall for it to win. */
  rival: Candidate | null;
  rivalPrice: PriceFlip | null;
}

/** Quality per USD of one call; free calls give Infinity (or 0 when they give no quality either). */
export function qualityPerUsd(c: Candidate): number {
  if (c.costUsd > 0) return c.quality / c.costUsd;
  return c.quality > 0 ? Infinity : 0;
}

/** The numbers behind the R2 choice for a query; null when nothing is on offer. */
export function explain(q: RouteQuery): Explanation | null {
  const { best: winner, ranked } = route(q);
  if (winner === null) return null;
  const longerOption = r2Options(q)
    .filter((c) => c.model === winner.model && c.outputTokens > winner.outputTokens)
    .reduce<Candidate | null>((a, c) => (a === null || c.outputTokens < a.outputTokens ? c : a), null);
  const runnerUp = ranked[1] ?? null;
  const reactive = routeReactive(q).best;
  const rival = ranked.find((c) => c.model !== winner.model) ?? null;
  return {
    winner,
    longer:
      longerOption === null
        ? null
        : {
            option: longerOption,
            addsQuality: longerOption.quality - winner.quality,
            addsCostUsd: longerOption.costUsd - winner.costUsd,
            winsBelowLambda: longerOption.quality > winner.quality ? breakpoint(longerOption, winner) : null,
          },
    runnerUp,
    margin: runnerUp === null ? null : winner.score - runnerUp.score,
    reactive,
    qualityPerUsd: qualityPerUsd(winner),
    reactiveQualityPerUsd: reactive === null ? null : qualityPerUsd(reactive),
    winnerPrice: winnerPriceFlip(q),
    rival,
    rivalPrice: rival === null ? null : rivalPriceFlip(q, rival.model),
  };
}

/** How the sentences write numbers: the page passes its own formatters so text and table agree. */
export interface ExplainFormat {
  quality: (quality: number) => string;
  usd: (usd: number) => string;
  /** USD per 1M output tokens. */
  price: (usdPerMillion: number) => string;
  budget: (budget: Budget) => string;
  lambda: (lambda: number) => string;
  /** Plain numbers: score margins, quality per USD. */
  number: (n: number) => string;
}

/** The explanation as sentences, one per point, in the order above. */
export function explanationSentences(e: Explanation, f: ExplainFormat): string[] {
  const { winner, longer, runnerUp, reactive, winnerPrice, rival, rivalPrice } = e;
  const name = (c: { model: string; budget: Budget }) => `${c.model} (${f.budget(c.budget)})`;
  // A free difference is "nothing more", never "$0 more".
  const more = (usd: number) => (usd === 0 ? 'nothing more' : `${f.usd(usd)} more`);
  // Prices that read the same would make "from $0.02 to $0.02" of a move too small to print.
  const apart = (flip: PriceFlip) => f.price(flip.price) !== f.price(flip.flipPrice);
  const out = [
    `R2 sends ${name(winner)}: predicted quality ${f.quality(winner.quality)} for ${f.usd(winner.costUsd)}.`,
  ];

  if (longer === null) out.push(`No longer budget of ${winner.model} is on offer.`);
  else if (longer.winsBelowLambda === null) {
    out.push(`${name(longer.option)} would cost ${more(longer.addsCostUsd)} and add no quality.`);
  } else {
    out.push(
      `${name(longer.option)} would add ${f.quality(longer.addsQuality)} quality for ${more(longer.addsCostUsd)}; ` +
        `it would win over this choice below λ = ${f.lambda(longer.winsBelowLambda)}.`,
    );
  }

  if (runnerUp === null) out.push('It is the only option on offer.');
  else if (e.margin === 0) out.push(`The runner-up, ${name(runnerUp)}, scores the same and loses the tie.`);
  else out.push(`The runner-up, ${name(runnerUp)}, scores ${f.number(e.margin ?? 0)} less.`);

  if (reactive === null) out.push('A reactive router would find nothing within the cap.');
  else if (reactive.model === winner.model && reactive.budget === winner.budget) {
    out.push('A reactive router would send the same.');
  } else {
    const sent = `A reactive router would send ${name(reactive)}: quality ${f.quality(reactive.quality)} for ${f.usd(reactive.costUsd)}`;
    // Per dollar means nothing where a call is free.
    out.push(
      reactive.costUsd === 0 || winner.costUsd === 0
        ? `${sent}.`
        : `${sent}, ${f.number(e.reactiveQualityPerUsd ?? 0)} quality per dollar against ${f.number(e.qualityPerUsd)}.`,
    );
  }

  if (winnerPrice === null) out.push(`No rise in ${winner.model}’s output price would change the choice.`);
  else {
    const by = winnerPrice.by;
    out.push(
      apart(winnerPrice)
        ? `${winner.model}’s output price could rise from ${f.price(winnerPrice.price)} to ${f.price(winnerPrice.flipPrice)} ` +
            `per 1M tokens before ${by === null ? 'the call no longer fits the cap' : `${name(by)} would win`}.`
        : `The smallest rise in ${winner.model}’s output price (${f.price(winnerPrice.price)} per 1M tokens) would change ` +
            `the choice: ${by === null ? 'the call would no longer fit the cap' : `${name(by)} would win`}.`,
    );
  }

  if (rival !== null) {
    const by = rivalPrice?.by ?? null;
    if (rivalPrice === null || by === null) {
      out.push(
        rival.costUsd === 0
          ? `Even free, ${rival.model} does not win.`
          : `Even with free output, ${rival.model} would not win.`,
      );
    } else {
      out.push(
        apart(rivalPrice)
          ? `${rival.model}’s output price would have to fall from ${f.price(rivalPrice.price)} to ` +
              `${f.price(rivalPrice.flipPrice)} per 1M tokens for ${name(by)} to win.`
          : `The smallest fall in ${rival.model}’s output price (${f.price(rivalPrice.price)} per 1M tokens) would let ${name(by)} win.`,
      );
    }
  }
  return out;
}
