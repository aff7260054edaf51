import { describe, expect, it } from 'vitest';
import { gradeGuess } from './guess';
import { curveCandidates, score } from './search';
import { base } from './testing/curves';
import { randomQuery, seeded } from './testing/randomPools';

describe('grading a guess', () => {
  it('grades the hand-checked pool', () => {
    // At λ = 0.99 (100 quality points per dollar): strong@100 scores 0.01·0.8 − 0.99·0.0011 = 0.006911,
    // weak@natural 0.01·0.55 − 0.99·(1e-5 + 9e-4) = 0.0045991.
    const q = { ...base, lambda: 0.99 };
    const right = gradeGuess(q, { model: 'strong', budget: 100 })!;
    expect(right).toMatchObject({ right: true, rank: 1, gap: 0 });
    const wrong = gradeGuess(q, { model: 'weak', budget: 'unlimited' })!;
    expect(wrong.right).toBe(false);
    expect(wrong.gap).toBeCloseTo(0.006911 - 0.0045991, 12);
    expect(gradeGuess(q, { model: 'weak', budget: 333 })).toMatchObject({ pick: null, rank: null, gap: null });
    expect(gradeGuess({ ...q, curves: [] }, { model: 'weak', budget: 10 })).toBeNull();
  });

  it('matches brute force on random pools: the answer scores highest, the gap is the score difference', () => {
    const rand = seeded(7);
    for (let k = 0; k < 500; k++) {
      const q = { ...randomQuery(rand), rules: 'playground' as const };
      const options = q.curves.flatMap((c) => curveCandidates(c, { ...q, continuous: false }));
      const grade = gradeGuess(q, { model: 'm0', budget: q.curves[0]!.anchors[0]! });
      if (options.length === 0) {
        expect(grade).toBeNull();
        continue;
      }
      const top = Math.max(...options.map((c) => score(q.lambda, c.quality, c.costUsd)));
      expect(grade!.answer.score).toBe(top);
      expect(grade!.options).toBe(options.length);
      if (grade!.pick !== null) {
        expect(grade!.gap).toBe(top - grade!.pick.score);
        expect(grade!.right).toBe(grade!.rank === 1);
        const better = options.filter((c) => c.score > grade!.pick!.score).length;
        expect(grade!.rank).toBeGreaterThan(better);
      }
    }
  });
});
