import { describe, expect, it } from 'vitest';
import { rivalPriceFlip, winnerPriceFlip, type PriceFlip } from './priceFlip';
import { route } from './search';
import { base, strong, weak } from './testing/curves';
import { randomQuery, seeded, tradeOffLambda } from './testing/randomPools';
import type { Candidate, ModelCurve, RouteQuery } from './types';

const id = (c: Pick<Candidate, 'model' | 'budget'> | null | undefined) =>
  c === null || c === undefined ? 'none' : `${c.model}@${String(c.budget)}`;

function withPrice(q: RouteQuery, model: string, outputPerMillion: number): RouteQuery {
  return {
    ...q,
    curves: q.curves.map((c) => (c.model === model ? { ...c, prices: { ...c.prices, outputPerMillion } } : c)),
  };
}

/**
 * A step in price that moves the scores well past floating-point noise, yet stays far inside
 * one 8-decimal step of the release's rounding: the scores part at λ × the tokens whose price
 * moves in one option and not the other.
 */
function nudge(q: RouteQuery, flip: PriceFlip, winner: Candidate): number {
  const moving = (o: Pick<Candidate, 'model' | 'outputTokens'> | null) =>
    o !== null && o.model === flip.model ? o.outputTokens : 0;
  const tokens = Math.max(1e-3, Math.abs(moving(winner) - moving(flip.by)));
  const noise = 1e-13 * Math.max(1, winner.costUsd);
  return Math.max(1e-12 * flip.flipPrice, (noise * 1e6) / (Math.max(q.lambda, 1e-12) * tokens));
}

/** Re-routes just before and just past a flip: the winner holds before, and loses past it. */
function checkFlip(q: RouteQuery, flip: PriceFlip, winner: Candidate, sign: 1 | -1) {
  const step = nudge(q, flip, winner);
  const before = flip.flipPrice - sign * step;
  const beforeBest = route(
    withPrice(q, flip.model, sign > 0 ? Math.max(before, flip.price) : Math.min(before, flip.price)),
  );
  expect(id(beforeBest.best), 'just before the flip').toBe(id(winner));
  const past = flip.flipPrice + sign * step;
  if (past < 0) return;
  const after = route(withPrice(q, flip.model, past));
  expect(id(after.best), 'just past the flip').not.toBe(id(winner));
  if (flip.cause === 'cap') expect(after.ranked.some((c) => id(c) === id(winner))).toBe(false);
  else {
    // The option that overtook ranks above the winner (it is the new choice unless two overtake at once).
    const ids = after.ranked.map(id);
    expect(ids.indexOf(id(flip.by))).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(id(flip.by))).toBeLessThan(ids.indexOf(id(winner)));
  }
}

describe('how far the winner’s output price can rise', () => {
  // λ/(1 − λ) = 999. In units of (1 − λ): strong@10 scores 0.5 − 999·(100 + 10x)/1e6 = 0.4001 − 0.00999x
  // at output price x; weak@100 scores 0.3 − 999·1.1e-4 = 0.19011. They cross at x = 0.20999/0.00999.
  const q: RouteQuery = { ...base, lambda: 0.999 };

  it('finds where the runner-up overtakes, by hand', () => {
    const flip = winnerPriceFlip(q)!;
    expect(flip).toMatchObject({ model: 'strong', price: 10, cause: 'overtaken', by: { model: 'weak', budget: 100 } });
    expect(flip.flipPrice).toBeCloseTo(0.20999 / 0.00999, 9);
    checkFlip(q, flip, route(q).best!, 1);
  });

  it('stops at a USD cap the call outgrows first', () => {
    // strong@10 costs (100 + 10x)/1e6, within 2.5e-4 up to x = 15.
    const capped = { ...q, cap: { kind: 'usd' as const, max: 2.5e-4 } };
    const flip = winnerPriceFlip(capped)!;
    expect(flip).toMatchObject({ cause: 'cap', by: null });
    expect(flip.flipPrice).toBeCloseTo(15, 9);
    checkFlip(capped, flip, route(capped).best!, 1);
  });

  it('flips a tie on cost at λ = 0', () => {
    // Twins at λ = 0: every score is the quality, and equal scores go to the cheaper call.
    const dear: ModelCurve = { ...weak, model: 'dear', prices: { inputPerMillion: 0.1, outputPerMillion: 2 } };
    const tie: RouteQuery = { ...base, curves: [weak, dear], lambda: 0 };
    expect(id(route(tie).best)).toBe('weak@unlimited');
    const flip = winnerPriceFlip(tie)!;
    expect(flip).toMatchObject({ flipPrice: 2, by: { model: 'dear', budget: 'unlimited' } });
    checkFlip(tie, flip, route(tie).best!, 1);
    const rival = rivalPriceFlip(tie, 'dear')!;
    expect(rival).toMatchObject({ flipPrice: 1, by: { model: 'dear', budget: 'unlimited' } });
    checkFlip(tie, rival, route(tie).best!, -1);
  });

  it('is null when no rise changes anything', () => {
    expect(winnerPriceFlip({ ...base, curves: [] })).toBeNull();
    expect(winnerPriceFlip({ ...base, cap: { kind: 'usd', max: 1e-9 } })).toBeNull();
    // λ = 0 without ties: only quality counts.
    expect(winnerPriceFlip(base)).toBeNull();
    // One option: nothing to overtake it.
    const one: ModelCurve = { ...strong, anchors: [10], quality: [0.5] };
    expect(winnerPriceFlip({ ...q, curves: [one], cap: { kind: 'tokens', max: 10 } })).toBeNull();
  });

  it('rises from a free price', () => {
    const free: ModelCurve = { ...strong, prices: { inputPerMillion: 1, outputPerMillion: 0 } };
    const fq = { ...q, curves: [free, weak] };
    const flip = winnerPriceFlip(fq)!;
    expect(flip.price).toBe(0);
    expect(flip.flipPrice).toBeGreaterThan(0);
    checkFlip(fq, flip, route(fq).best!, 1);
  });
});

describe('how far a rival’s output price must fall', () => {
  it('finds the rival’s option that overtakes first, by hand', () => {
    // At weak's output price y (units of 1 − λ, strong@10 at 0.3002): weak's natural answer
    // scores 0.55 − 999·(10 + 900y)/1e6 = 0.54001 − 0.8991y, weak@1000 0.49001 − 0.999y.
    // The natural answer gets there first, at y = 0.23981/0.8991.
    const q: RouteQuery = { ...base, lambda: 0.999 };
    const flip = rivalPriceFlip(q, 'weak')!;
    expect(flip).toMatchObject({ model: 'weak', price: 1, by: { model: 'weak', budget: 'unlimited' } });
    expect(flip.flipPrice).toBeCloseTo(0.23981 / 0.8991, 9);
    checkFlip(q, flip, route(q).best!, -1);
  });

  it('is null for the winner’s own LLM, an unknown one, or one that would lose even for free', () => {
    const q: RouteQuery = { ...base, lambda: 0.999 };
    expect(rivalPriceFlip(q, 'strong')).toBeNull();
    expect(rivalPriceFlip(q, 'nobody')).toBeNull();
    // At λ = 0 price never matters and strong's natural answer is simply better.
    expect(rivalPriceFlip(base, 'weak')).toBeNull();
    const freeWeak = withPrice(q, 'weak', 0);
    expect(rivalPriceFlip({ ...freeWeak, lambda: 0.5 }, 'weak')).toBeNull();
  });
});

describe('price flips under a USD cap', () => {
  // A wins with A@10: 0.5 − 1000·1e-5 = 0.49 in units of (1 − λ). B's output costs p per 1M
  // tokens against a cap of 1e-4 USD, so the cap allows 100/p of its tokens.
  const a: ModelCurve = {
    model: 'A',
    prices: { inputPerMillion: 0, outputPerMillion: 1 },
    anchors: [10, 1000],
    quality: [0.5, 0.5],
    unlimitedQuality: 0,
    naturalTokens: 5000,
  };
  const b: ModelCurve = { ...a, model: 'B', quality: [0.1, 0.9] };
  const q: RouteQuery = {
    curves: [a, b],
    lambda: 1000 / 1001,
    inputTokens: 0,
    cap: { kind: 'usd', max: 1e-4 },
    continuous: true,
  };

  it('follows the cap point up the rival’s curve as its price falls', () => {
    // At p = 100/b the cap point b costs the whole cap (0.1 in score) and scores
    // 0.1 + 0.8·(b − 10)/990 − 0.1: above 0.49 first for b = 617.
    expect(id(route(q).best)).toBe('A@10');
    const flip = rivalPriceFlip(q, 'B')!;
    expect(flip.by).toMatchObject({ model: 'B', budget: 617 });
    expect(flip.flipPrice).toBeCloseTo(100 / 617, 12);
    checkFlip(q, flip, route(q).best!, -1);
  });

  it('lets a dearer anchor in once it fits', () => {
    // Anchors only: B@1000 fits from p = 0.1, where it scores 0.9 − 0.1 = 0.8.
    const anchors = { ...q, continuous: false };
    const flip = rivalPriceFlip(anchors, 'B')!;
    expect(flip.by).toMatchObject({ model: 'B', budget: 1000 });
    expect(flip.flipPrice).toBeCloseTo(0.1, 12);
    checkFlip(anchors, flip, route(anchors).best!, -1);
  });
});

describe('ties at a free price', () => {
  // λ = 0.5: A@10 scores 0.5·0.5 − 0.5·0.25 = 0.125; free, B@10 scores 0.5·0.375 − 0.5·0.125 = 0.125 too.
  const a: ModelCurve = {
    model: 'A',
    prices: { inputPerMillion: 250, outputPerMillion: 0 },
    anchors: [10],
    quality: [0.5],
    unlimitedQuality: 0,
    naturalTokens: 900,
  };
  const b: ModelCurve = { ...a, model: 'B', prices: { inputPerMillion: 125, outputPerMillion: 1 }, quality: [0.375] };
  const q: RouteQuery = {
    curves: [a, b],
    lambda: 0.5,
    inputTokens: 1000,
    cap: { kind: 'tokens', max: 10 },
    continuous: false,
  };

  it('go to the cheaper call under the playground’s rules, to the first under the release’s', () => {
    expect(id(route(withPrice(q, 'B', 0)).best)).toBe('B@10');
    expect(rivalPriceFlip(q, 'B')).toMatchObject({ flipPrice: 0, by: { model: 'B', budget: 10 } });
    const release = { ...q, rules: 'release' as const };
    expect(id(route(withPrice(release, 'B', 0)).best)).toBe('A@10');
    expect(rivalPriceFlip(release, 'B')).toBeNull();
  });
});

describe('price flips against re-routing on random pools', () => {
  function checkBoth(q: RouteQuery): number {
    const d = route(q);
    if (d.best === null) return 0;
    let checked = 0;
    const up = winnerPriceFlip(q);
    if (up === null) {
      const p = q.curves.find((c) => c.model === d.best!.model)!.prices.outputPerMillion;
      for (const price of [2 * p + 1, 1e3 * p + 1e3]) {
        expect(id(route(withPrice(q, d.best.model, price)).best)).toBe(id(d.best));
      }
    } else {
      checkFlip(q, up, d.best, 1);
      checked++;
    }
    const rival = d.ranked.find((c) => c.model !== d.best!.model);
    if (rival === undefined) return checked;
    const down = rivalPriceFlip(q, rival.model);
    if (down === null) expect(route(withPrice(q, rival.model, 0)).best?.model).not.toBe(rival.model);
    else {
      expect(down.flipPrice).toBeGreaterThanOrEqual(0);
      checkFlip(q, down, d.best, -1);
      checked++;
    }
    return checked;
  }

  it('holds just before each flip and changes just past it, both rules, caps, continuous search', () => {
    const rand = seeded(21);
    let checked = 0;
    for (let i = 0; i < 600; i++) {
      const q = randomQuery(rand);
      checked += checkBoth({ ...q, lambda: i % 2 === 0 ? q.lambda : (tradeOffLambda(q, rand) ?? q.lambda) });
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('follows the cap point as it slides (continuous search under a USD cap)', () => {
    const rand = seeded(5);
    let checked = 0;
    for (let i = 0; i < 600; i++) {
      const q = randomQuery(rand);
      const lambda = tradeOffLambda(q, rand);
      if (q.cap?.kind !== 'usd' || lambda === null) continue;
      checked += checkBoth({ ...q, rules: 'playground', continuous: true, lambda });
    }
    expect(checked).toBeGreaterThan(150);
  });
});
