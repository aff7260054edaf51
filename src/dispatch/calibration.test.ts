import { describe, expect, it } from 'vitest';
import { calibrate, paperCompliance, parameterBillions } from './calibration';
import type { HistoryEntry, Outcome } from './history';

function row(
  model: string,
  budget: number | 'unlimited',
  predictedQuality: number,
  judgedQuality: number | null,
  predictedTokens: number,
  actualCompletionTokens: number,
  outcome: Outcome = 'complete',
): HistoryEntry {
  return {
    timestamp: '2026-03-01T12:00:00.000Z',
    measureRun: null,
    router: 'r2',
    query: 'q',
    model,
    providerModelId: model,
    budget,
    predictedQuality,
    predictedTokens,
    predictedCostUsd: 0,
    actualCompletionTokens,
    tokensEstimated: false,
    actualPromptTokens: null,
    actualCostUsd: 0,
    budgetRespected: null,
    finishReason: 'stop',
    outcome,
    response: '',
    judgedQuality,
    judgeReason: null,
    judgeModel: null,
    judgeCostUsd: null,
  };
}

const entries = [
  row('Alpha-7B', 10, 0.5, 0.75, 10, 11), // within 1.1 × 10
  row('Alpha-7B', 10, 0.5, 0.25, 10, 12), // over
  row('Alpha-7B', 100, 0.8, 1, 100, 60),
  row('Alpha-7B', 'unlimited', 0.9, null, 300, 420), // invalid verdict; no budget
  row('Beta-1B', 50, 0.4, 0.5, 50, 55), // exactly 1.1 × 50
  row('Beta-1B', 50, 0.4, 0.9, 50, 300, 'stopped'), // a stopped answer counts for nothing
];

describe('calibrate, against hand-computed figures', () => {
  const c = calibrate(entries);

  it('quality: judged − predicted per LLM and overall, valid verdicts of whole answers only', () => {
    // Alpha: errors +0.25, −0.25, +0.2 → mean 0.2/3, |mean| 0.7/3. Beta: +0.1.
    expect(c.quality).toHaveLength(2);
    expect(c.quality[0]!.model).toBe('Alpha-7B');
    expect(c.quality[0]!.n).toBe(3);
    expect(c.quality[0]!.meanError).toBeCloseTo(0.2 / 3, 12);
    expect(c.quality[0]!.meanAbsError).toBeCloseTo(0.7 / 3, 12);
    expect(c.quality[1]).toMatchObject({ model: 'Beta-1B', n: 1 });
    expect(c.quality[1]!.meanError).toBeCloseTo(0.1, 12);
    expect(c.qualityOverall!.n).toBe(4);
    expect(c.qualityOverall!.meanError).toBeCloseTo(0.3 / 4, 12);
    expect(c.qualityOverall!.meanAbsError).toBeCloseTo(0.8 / 4, 12);
    expect(c.qualityPoints).toHaveLength(4);
  });

  it('tokens: actual against predicted per LLM', () => {
    // Alpha: predicted 10, 10, 100, 300 → 105; actual 11, 12, 60, 420 → 125.75; error +20.75.
    expect(c.tokens[0]).toEqual({ model: 'Alpha-7B', n: 4, meanPredicted: 105, meanActual: 125.75, meanError: 20.75 });
    expect(c.tokens[1]).toEqual({ model: 'Beta-1B', n: 1, meanPredicted: 50, meanActual: 55, meanError: 5 });
  });

  it('compliance: share within 1.1 × budget per LLM and at the Figure 8 budgets, beside the paper', () => {
    const [alpha, beta] = c.compliance;
    expect(alpha).toMatchObject({ model: 'Alpha-7B', n: 3, within: 2 });
    expect(alpha!.share).toBeCloseTo(2 / 3, 12);
    expect(alpha!.at).toEqual({ 10: { n: 2, within: 1, share: 0.5 }, 100: { n: 1, within: 1, share: 1 } });
    expect(alpha!.paper!.source).toBe('mid-size (7–70B) models in the paper');
    expect(beta).toMatchObject({
      model: 'Beta-1B',
      n: 1,
      within: 1,
      share: 1,
      at: { 50: { n: 1, within: 1, share: 1 } },
    });
    expect(beta!.paper!.at[50]).toEqual({ low: 0.12, high: 0.15 });
  });

  it('an empty history gives empty tables', () => {
    expect(calibrate([])).toEqual({
      qualityPoints: [],
      quality: [],
      qualityOverall: null,
      tokenPoints: [],
      tokens: [],
      compliance: [],
    });
  });
});

describe("the paper's Figure 8 figures for the pool", () => {
  it.each([
    ['Qwen3-235B-A22B-Instruct-2507', 235],
    ['Llama-3.1-70B-Instruct', 70],
    ['Qwen2.5-Math-1.5B-Instruct', 1.5],
    ['gemma-3-4b-it', 4],
    ['gemma-3-270m-it', 0.27],
    ['Qwen3-0.6B', 0.6],
    ['GLM-4.5-Air', null],
  ])('%s has %s billion parameters by its name', (name, size) => {
    expect(parameterBillions(name)).toBe(size);
  });

  it('quotes Qwen3-235B itself, size classes for the others, and nothing for an LLM outside them', () => {
    expect(paperCompliance('Qwen3-235B-A22B-Instruct-2507')!.at[10]).toEqual({ value: 0.86 });
    expect(paperCompliance('Qwen3-235B-A22B-Instruct-2507')!.at[500]).toEqual({ value: 0.99 });
    expect(paperCompliance('Mistral-7B-Instruct-v0.2')!.at).toEqual({
      10: { low: 0.1, high: 0.6 },
      100: { low: 0.6, high: 0.96 },
    });
    expect(paperCompliance('gemma-3-1b-it')!.source).toBe('models under ~4B in the paper');
    expect(paperCompliance('GLM-4.5-Air')).toBeNull();
  });
});
