import { describe, expect, it } from 'vitest';
import type { Candidate } from '../router/types';
import { measure } from './compare';
import { historyEntry, historyToCsv, historyToJson, withJudgement, type HistoryEntry } from './history';

const KEY = 'sk-test-not-a-real-key-123';
const prices = { inputPerMillion: 1, outputPerMillion: 2 };
const choice: Candidate = {
  model: 'Qwen3-235B',
  budget: 100,
  outputTokens: 100,
  quality: 0.81,
  costUsd: 0.00025,
  score: 0.5,
};

function entry(query: string, response: string): HistoryEntry {
  return historyEntry({
    router: 'r2',
    query,
    choice,
    providerModelId: 'qwen/qwen3-235b',
    actual: measure({ completionTokens: 87, usageReported: true, promptTokens: 60 }, 100, prices, 50),
    finishReason: 'stop',
    outcome: 'complete',
    response,
    apiKey: KEY,
    at: new Date('2026-03-01T12:00:00Z'),
  });
}

describe('measure', () => {
  it('uses reported prompt tokens for the cost and checks the budget', () => {
    const a = measure({ completionTokens: 87, usageReported: true, promptTokens: 60 }, 100, prices, 50);
    expect(a).toEqual({
      completionTokens: 87,
      estimated: false,
      promptTokens: 60,
      costUsd: (60 * 1 + 87 * 2) / 1e6,
      budgetRespected: true,
    });
  });

  it('falls back to the input estimate, flags estimated tokens, and spots an overrun', () => {
    const a = measure({ completionTokens: 130, usageReported: false, promptTokens: null }, 100, prices, 50);
    expect(a.estimated).toBe(true);
    expect(a.costUsd).toBeCloseTo((50 + 260) / 1e6, 12);
    expect(a.budgetRespected).toBe(false);
  });

  it('has no budget verdict for an unlimited choice', () => {
    expect(
      measure({ completionTokens: 900, usageReported: true, promptTokens: 1 }, 'unlimited', prices, 1).budgetRespected,
    ).toBeNull();
  });
});

describe('history export', () => {
  it('JSON round-trips every field, with the key scrubbed from free text', () => {
    const e = entry(`my key is ${KEY}`, 'Answer "quoted", with commas');
    const parsed = JSON.parse(historyToJson([e], KEY)) as HistoryEntry[];
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({
      timestamp: '2026-03-01T12:00:00.000Z',
      router: 'r2',
      model: 'Qwen3-235B',
      providerModelId: 'qwen/qwen3-235b',
      budget: 100,
      predictedQuality: 0.81,
      predictedTokens: 100,
      actualCompletionTokens: 87,
      tokensEstimated: false,
      budgetRespected: true,
      outcome: 'complete',
      response: 'Answer "quoted", with commas',
      query: 'my key is [API key hidden]',
    });
  });

  it('scrubs a key that reached an entry some other way at export time too', () => {
    const e = { ...entry('q', 'r'), response: `leak ${KEY}` };
    expect(historyToJson([e], KEY)).not.toContain(KEY);
    expect(historyToCsv([e], KEY)).not.toContain(KEY);
  });

  it('CSV has a header row, CRLF line ends, and escapes quotes, commas and line breaks', () => {
    const csv = historyToCsv([entry('Line one\nline "two", end', 'plain')], KEY);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'timestamp,measureRun,router,query,model,providerModelId,budget,predictedQuality,predictedTokens,predictedCostUsd,actualCompletionTokens,tokensEstimated,actualPromptTokens,actualCostUsd,budgetRespected,finishReason,outcome,response,judgedQuality,judgeReason,judgeModel,judgeCostUsd',
    );
    expect(csv).toContain(
      ',"Line one\nline ""two"", end",Qwen3-235B,qwen/qwen3-235b,100,0.81,100,0.00025,87,false,60,',
    );
    expect(csv.endsWith(',true,stop,complete,plain,,,,\r\n')).toBe(true);
  });

  it('a verdict attached later is exported, its reason scrubbed of the key', () => {
    const judged = withJudgement(
      entry('q', 'r'),
      { score: 0.7, reason: `fine ${KEY}`, judgeModel: 'acme/judge', judgeCostUsd: 0.00001 },
      KEY,
    );
    expect(judged).toMatchObject({ judgedQuality: 0.7, judgeModel: 'acme/judge', judgeCostUsd: 0.00001 });
    expect(historyToCsv([judged], KEY)).toContain(',0.7,fine [API key hidden],acme/judge,0.00001\r\n');
    expect(historyToJson([judged], KEY)).not.toContain(KEY);
  });

  it('an empty history exports as an empty list and a header row', () => {
    expect(JSON.parse(historyToJson([], KEY))).toEqual([]);
    expect(historyToCsv([], KEY).split('\r\n')).toHaveLength(2);
  });
});
