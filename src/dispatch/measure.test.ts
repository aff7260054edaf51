import { describe, expect, it } from 'vitest';
import type { ModelCurve } from '../router/types';
import { measure } from './compare';
import { historyEntry, withJudgement, type HistoryEntry } from './history';
import { measuredCurves, planMeasure } from './measure';

const curve: ModelCurve = {
  model: 'Alpha-7B',
  prices: { inputPerMillion: 1, outputPerMillion: 2 },
  anchors: [10, 100],
  quality: [0.3, 0.6],
  unlimitedQuality: 0.7,
  naturalTokens: 250.4,
};
const QUERY = 'What is 2+2?'; // 12 characters: 3 tokens by the app's estimate

describe('planMeasure', () => {
  const plan = planMeasure({
    curve,
    query: QUERY,
    inputTokens: 3,
    judgePrices: { inputPerMillion: 3, outputPerMillion: 5 },
    judgeTemplate: 'Q:{{question}} A:{{answer}}', // filled without the answer: 17 characters, 5 tokens
    reference: '',
  });

  it('one answer and one judge call per anchor budget and unlimited', () => {
    expect(plan.budgets).toEqual([10, 100, 'unlimited']);
    expect(plan.calls.map((c) => `${c.kind}@${c.budget}`)).toEqual([
      'answer@10',
      'judge@10',
      'answer@100',
      'judge@100',
      'answer@unlimited',
      'judge@unlimited',
    ]);
  });

  it('prices each call by hand: the instruction counts as input, the answer at its budget or natural length', () => {
    // Instruction + "\n" + query: 94 and 95 characters, 24 tokens; unlimited sends the query alone.
    // Answers: 10, 100 and round(250.4) = 250 tokens out. Judge: 5 + answer tokens in, 40 out.
    const expected = [
      (24 * 1 + 10 * 2) / 1e6,
      (15 * 3 + 40 * 5) / 1e6,
      (24 * 1 + 100 * 2) / 1e6,
      (105 * 3 + 40 * 5) / 1e6,
      (3 * 1 + 250 * 2) / 1e6,
      (255 * 3 + 40 * 5) / 1e6,
    ];
    plan.calls.forEach((c, i) => expect(c.costUsd).toBeCloseTo(expected[i]!, 15));
    // The estimate is the sum of the calls' costs: 2496 µUSD.
    expect(plan.costUsd).toBeCloseTo(2496e-6, 15);
    expect(plan.complete).toBe(true);
  });

  it('says what it predicts at each budget', () => {
    expect(plan.predicted).toEqual([
      { quality: 0.3, outputTokens: 10, costUsd: (3 + 20) / 1e6 },
      { quality: 0.6, outputTokens: 100, costUsd: (3 + 200) / 1e6 },
      { quality: 0.7, outputTokens: 250.4, costUsd: (3 + 500.8) / 1e6 },
    ]);
  });

  it('a judge without a price leaves its calls out of the sum, and says the estimate is incomplete', () => {
    const noJudgePrice = planMeasure({ ...planInput(), judgePrices: null });
    expect(noJudgePrice.complete).toBe(false);
    expect(noJudgePrice.costUsd).toBeCloseTo((44 + 224 + 503) / 1e6, 15);
  });
});

function planInput() {
  return {
    curve,
    query: QUERY,
    inputTokens: 3,
    judgePrices: null,
    judgeTemplate: 'Q:{{question}} A:{{answer}}',
    reference: '',
  };
}

function point(
  run: string,
  budget: number | 'unlimited',
  tokens: number,
  /** The judge's score, null for an invalid verdict, or no verdict yet. */
  score: number | null | 'waiting',
  query = QUERY,
): HistoryEntry {
  const row = historyEntry({
    router: 'measure',
    query,
    choice: { model: 'Alpha-7B', budget, quality: 0.5, outputTokens: 10, costUsd: 0 },
    providerModelId: 'alpha',
    actual: measure({ completionTokens: tokens, usageReported: true, promptTokens: 10 }, budget, curve.prices, 3),
    finishReason: 'stop',
    outcome: 'complete',
    response: 'r',
    apiKey: '',
    at: new Date('2026-03-01T12:00:00Z'),
    measureRun: run,
  });
  return score === 'waiting' ? row : withJudgement(row, { score, reason: '', judgeModel: 'j', judgeCostUsd: 0 }, '');
}

describe('measuredCurves', () => {
  it('the latest run per LLM for this query, in budget order, each point judged or waiting for its verdict', () => {
    const older = '2026-03-01T11:00:00.000Z';
    const newer = '2026-03-01T12:00:00.000Z';
    const entries = [
      point(older, 10, 9, 0.2),
      point(newer, 'unlimited', 300, 0.9),
      point(newer, 10, 11, null),
      point(newer, 100, 80, 0.6),
      point(newer, 50, 40, 'waiting'),
      point(newer, 100, 80, 0.6, 'another query'),
    ];
    expect(measuredCurves(entries, QUERY)).toEqual([
      {
        model: 'Alpha-7B',
        run: newer,
        points: [
          { budget: 10, tokens: 11, costUsd: (10 + 22) / 1e6, quality: null, judged: true },
          { budget: 50, tokens: 40, costUsd: (10 + 80) / 1e6, quality: null, judged: false },
          { budget: 100, tokens: 80, costUsd: (10 + 160) / 1e6, quality: 0.6, judged: true },
          { budget: 'unlimited', tokens: 300, costUsd: (10 + 600) / 1e6, quality: 0.9, judged: true },
        ],
      },
    ]);
    expect(measuredCurves(entries, 'nothing measured')).toEqual([]);
  });
});
