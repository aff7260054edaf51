import { describe, expect, it } from 'vitest';
import { explain, explanationSentences, qualityPerUsd, type ExplainFormat } from './explain';
import { r2Options } from './frontier';
import { route, routeReactive, score } from './search';
import { base, strong, weak } from './testing/curves';
import { randomQuery, seeded, tradeOffLambda } from './testing/randomPools';
import type { ModelCurve, RouteQuery } from './types';

const plain: ExplainFormat = {
  quality: (q) => q.toFixed(2),
  usd: (usd) => `$${usd.toExponential(2)}`,
  price: (p) => `$${p.toFixed(4)}`,
  budget: (b) => (b === 'unlimited' ? 'no limit' : `≤ ${b} tok`),
  lambda: (l) => l.toFixed(6),
  number: (n) => n.toPrecision(3),
};

describe('the explanation of a choice', () => {
  // λ/(1 − λ) = 999: strong@10 (0.5, 2e-4) wins; see priceFlip.test.ts for the flips.
  const q: RouteQuery = { ...base, lambda: 0.999 };
  const e = explain(q)!;

  it('uses the candidates’ own numbers', () => {
    const d = route(q);
    expect(e.winner).toEqual(d.best);
    expect(e.runnerUp).toEqual(d.ranked[1]);
    expect(e.reactive).toEqual(routeReactive(q).best);
    expect(e.longer!.option).toEqual(r2Options(q).find((c) => c.model === 'strong' && c.budget === 100));
  });

  it('says what the next-longer budget adds and below which λ it would be worth it', () => {
    // strong@100 (0.8, 1.1e-3): +0.3 quality for 9e-4 USD; they tie at 0.3/(0.3 + 9e-4).
    const { longer } = e;
    expect(longer!.addsQuality).toBeCloseTo(0.3, 12);
    expect(longer!.addsCostUsd).toBeCloseTo(9e-4, 15);
    const at = longer!.winsBelowLambda!;
    expect(at).toBeCloseTo(0.3 / 0.3009, 12);
    const gap = (lambda: number) =>
      score(lambda, longer!.option.quality, longer!.option.costUsd) - score(lambda, e.winner.quality, e.winner.costUsd);
    expect(gap(at - 1e-9)).toBeGreaterThan(0);
    expect(gap(at + 1e-9)).toBeLessThan(0);
  });

  it('measures the runner-up’s margin and the reactive choice’s quality per dollar', () => {
    // weak@100 scores 0.001·0.3 − 0.999·1.1e-4; strong@10 0.001·0.5 − 0.999·2e-4.
    expect(e.runnerUp).toMatchObject({ model: 'weak', budget: 100 });
    expect(e.margin).toBeCloseTo(0.001 * 0.2 - 0.999 * 0.9e-4, 15);
    // The reactive router sends weak's natural answer: 0.55 for 9.1e-4 USD, against 0.5 for 2e-4.
    expect(e.reactive).toMatchObject({ model: 'weak', budget: 'unlimited' });
    expect(e.reactiveQualityPerUsd).toBeCloseTo(0.55 / 9.1e-4, 6);
    expect(e.qualityPerUsd).toBeCloseTo(2500, 6);
  });

  it('names the price flips both ways', () => {
    expect(e.winnerPrice).toMatchObject({ model: 'strong', by: { model: 'weak', budget: 100 } });
    expect(e.rival).toMatchObject({ model: 'weak', budget: 100 });
    expect(e.rivalPrice).toMatchObject({ model: 'weak', by: { model: 'weak', budget: 'unlimited' } });
  });

  it('reads as sentences', () => {
    expect(explanationSentences(e, plain)).toEqual([
      'R2 sends strong (≤ 10 tok): predicted quality 0.50 for $2.00e-4.',
      'strong (≤ 100 tok) would add 0.30 quality for $9.00e-4 more; it would win over this choice below λ = 0.997009.',
      'The runner-up, weak (≤ 100 tok), scores 0.000110 less.',
      'A reactive router would send weak (no limit): quality 0.55 for $9.10e-4, 604 quality per dollar against 2.50e+3.',
      'strong’s output price could rise from $10.0000 to $21.0200 per 1M tokens before weak (≤ 100 tok) would win.',
      'weak’s output price would have to fall from $1.0000 to $0.2667 per 1M tokens for weak (no limit) to win.',
    ]);
  });
});

describe('explaining edge cases', () => {
  it('has nothing to explain when nothing is on offer', () => {
    expect(explain({ ...base, curves: [] })).toBeNull();
    expect(explain({ ...base, cap: { kind: 'usd', max: 1e-9 } })).toBeNull();
  });

  it('explains a lone option', () => {
    const one: ModelCurve = { ...weak, anchors: [10], quality: [0.3] };
    const e = explain({ ...base, curves: [one], cap: { kind: 'tokens', max: 10 } })!;
    expect(e).toMatchObject({ longer: null, runnerUp: null, margin: null, reactive: null, rival: null });
    expect(explanationSentences(e, plain)).toEqual([
      'R2 sends weak (≤ 10 tok): predicted quality 0.30 for $2.00e-5.',
      'No longer budget of weak is on offer.',
      'It is the only option on offer.',
      'A reactive router would find nothing within the cap.',
      'No rise in weak’s output price would change the choice.',
    ]);
  });

  it('explains a tie between twins at λ = 0', () => {
    const twin = { ...strong, model: 'twin' };
    const e = explain({ ...base, curves: [strong, twin] })!;
    expect(e.winner).toMatchObject({ model: 'strong', budget: 'unlimited' });
    expect(e.runnerUp).toMatchObject({ model: 'twin', budget: 'unlimited' });
    expect(e.margin).toBe(0);
    expect(explanationSentences(e, plain)[2]).toBe(
      'The runner-up, twin (no limit), scores the same and loses the tie.',
    );
    // The reactive router sends the same natural answer; raising strong's price at all hands it to the twin.
    expect(explanationSentences(e, plain)[3]).toBe('A reactive router would send the same.');
    expect(e.winnerPrice).toMatchObject({ flipPrice: 10, by: { model: 'twin' } });
  });

  it('explains the cheapest call at λ = 1, where a longer budget never wins', () => {
    const e = explain({ ...base, lambda: 1 })!;
    expect(e.winner).toMatchObject({ model: 'weak', budget: 10 });
    // weak@100 is dearer and better: it only wins where quality counts at all, below λ = 1.
    expect(e.longer).toMatchObject({ option: { budget: 100 } });
    expect(e.longer!.winsBelowLambda).toBeLessThan(1);
  });

  it('counts free calls as infinitely good value', () => {
    const free: ModelCurve = { ...weak, prices: { inputPerMillion: 0, outputPerMillion: 0 } };
    const e = explain({ ...base, curves: [free], lambda: 0.5 })!;
    expect(e.winner.costUsd).toBe(0);
    expect(e.qualityPerUsd).toBe(Infinity);
    expect(qualityPerUsd({ ...e.winner, quality: 0 })).toBe(0);
    // The natural answer (900 tokens, 0.55) wins; the 1000-token budget costs no more but adds no quality.
    expect(e.winner.budget).toBe('unlimited');
    expect(e.longer).toMatchObject({ option: { budget: 1000 }, addsCostUsd: 0, winsBelowLambda: null });
    // 0.5·0.55 − 0.5·900x/1e6 falls to weak@100's 0.5·0.3 − 0.5·100x/1e6 at x = 0.25·1e6/800.
    expect(e.winnerPrice).toMatchObject({ price: 0, by: { budget: 100 } });
    expect(e.winnerPrice!.flipPrice).toBeCloseTo(312.5, 9);
  });

  it('says a free difference costs nothing more, and weighs no free call per dollar', () => {
    const free: ModelCurve = { ...weak, prices: { inputPerMillion: 0, outputPerMillion: 0 } };
    const e = explain({ ...base, curves: [free, strong], lambda: 0.999 })!;
    expect(e.winner).toMatchObject({ model: 'weak', budget: 'unlimited', costUsd: 0 });
    const sentences = explanationSentences(e, plain);
    expect(sentences[1]).toBe('weak (≤ 1000 tok) would cost nothing more and add no quality.');
    const bothFree = explain({ ...base, curves: [free, { ...strong, prices: free.prices }], lambda: 0.999 })!;
    expect(explanationSentences(bothFree, plain).at(-1)).toBe('Even free, weak does not win.');
    // Had the reactive router sent a paid call, the free winner would still not be weighed per dollar.
    const paid = { ...e.winner, model: 'strong', costUsd: 0.0061, quality: 0.92 };
    expect(explanationSentences({ ...e, reactive: paid, reactiveQualityPerUsd: 0.92 / 0.0061 }, plain)[3]).toBe(
      'A reactive router would send strong (no limit): quality 0.92 for $6.10e-3.',
    );
  });

  it('never writes a price move too small to print as a move from a price to the same price', () => {
    const e = explain({ ...base, lambda: 0.999 })!;
    const tiny = {
      ...e,
      winnerPrice: { ...e.winnerPrice!, flipPrice: e.winnerPrice!.price + 1e-9 },
      rivalPrice: { ...e.rivalPrice!, flipPrice: e.rivalPrice!.price - 1e-9 },
    };
    const sentences = explanationSentences(tiny, plain);
    expect(sentences[4]).toBe(
      'The smallest rise in strong’s output price ($10.0000 per 1M tokens) would change the choice: weak (≤ 100 tok) would win.',
    );
    expect(sentences[5]).toBe(
      'The smallest fall in weak’s output price ($1.0000 per 1M tokens) would let weak (no limit) win.',
    );
    const capped = { ...tiny, winnerPrice: { ...tiny.winnerPrice, by: null, cause: 'cap' as const } };
    expect(explanationSentences(capped, plain)[4]).toMatch(
      /would change the choice: the call would no longer fit the cap\.$/,
    );
  });

  it('gives consistent numbers on random pools', () => {
    const rand = seeded(9);
    for (let i = 0; i < 300; i++) {
      const raw = randomQuery(rand);
      const q = { ...raw, lambda: tradeOffLambda(raw, rand) ?? raw.lambda };
      const e = explain(q);
      const d = route(q);
      if (e === null) {
        expect(d.best).toBeNull();
        continue;
      }
      expect(e.winner).toEqual(d.best);
      expect(e.margin).toBe(d.ranked[1] === undefined ? null : d.best!.score - d.ranked[1].score);
      if (e.longer !== null) {
        expect(e.longer.option.model).toBe(e.winner.model);
        expect(e.longer.option.outputTokens).toBeGreaterThan(e.winner.outputTokens);
        // Nothing of the same LLM on offer lies strictly between the two.
        const between = r2Options(q).filter(
          (c) =>
            c.model === e.winner.model &&
            c.outputTokens > e.winner.outputTokens &&
            c.outputTokens < e.longer!.option.outputTokens,
        );
        expect(between).toEqual([]);
        // It only wins over the winner where quality is worth more than at the query's λ.
        if (e.longer.winsBelowLambda !== null && q.rules !== 'release') {
          expect(e.longer.winsBelowLambda).toBeLessThanOrEqual(q.lambda + 1e-12);
        }
      }
      expect(explanationSentences(e, plain).length).toBeGreaterThanOrEqual(5);
    }
  });
});
