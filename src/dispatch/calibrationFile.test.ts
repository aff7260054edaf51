import { describe, expect, it } from 'vitest';
import { calibrate } from './calibration';
import { calibrationToCsv, calibrationToJson, mergeEntries, parseCalibrationFile } from './calibrationFile';
import { historyToJson, type HistoryEntry } from './history';

const KEY = 'sk-test-not-a-real-key-123';

const base: HistoryEntry = {
  timestamp: '2026-03-01T12:00:00.000Z',
  measureRun: null,
  router: 'r2',
  query: `my key is ${KEY}`,
  model: 'Alpha-7B',
  providerModelId: 'acme/alpha',
  budget: 10,
  predictedQuality: 0.5,
  predictedTokens: 10,
  predictedCostUsd: 0.00001,
  actualCompletionTokens: 11,
  tokensEstimated: false,
  actualPromptTokens: 40,
  actualCostUsd: 0.00002,
  budgetRespected: false,
  finishReason: 'stop',
  outcome: 'complete',
  response: 'Four.',
  judgedQuality: 0.75,
  judgeReason: 'Right.',
  judgeModel: 'acme/judge',
  judgeCostUsd: 0.000001,
};
const other: HistoryEntry = {
  ...base,
  timestamp: '2026-03-01T12:01:00.000Z',
  budget: 'unlimited',
  judgedQuality: null,
};

describe('calibration files', () => {
  it('JSON keeps every answer and the summary, without the key, and imports back to the same answers', () => {
    const text = calibrationToJson([base, other], KEY);
    expect(text).not.toContain(KEY);
    const parsed = parseCalibrationFile(text, 'calibration.json');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.entries).toHaveLength(2);
    expect(parsed.entries[0]).toEqual({ ...base, query: 'my key is [API key hidden]' });
    expect((JSON.parse(text) as { summary: unknown }).summary).toEqual(calibrate(parsed.entries));
  });

  it('a dispatch-history export imports too', () => {
    const parsed = parseCalibrationFile(historyToJson([base], KEY), 'history.json');
    expect(parsed.ok && parsed.entries.length).toBe(1);
  });

  it('a bad file says what is wrong, by row and field, and imports nothing', () => {
    expect(parseCalibrationFile('not json', 'a.json')).toEqual({
      ok: false,
      problems: ['a.json is not JSON: import a calibration or history JSON export.'],
    });
    expect(parseCalibrationFile('{"format": "other"}', 'b.json')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/neither a calibration export/)],
    });
    const bad = parseCalibrationFile(JSON.stringify([base, { ...base, judgedQuality: 2, router: 'x' }]), 'c.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems.some((p) => p.startsWith('c.json, row 2, judgedQuality:'))).toBe(true);
      expect(bad.problems.some((p) => p.startsWith('c.json, row 2, router:'))).toBe(true);
    }
  });

  it('CSV: one summary row per LLM, numbers as computed', () => {
    const csv = calibrationToCsv(calibrate([base, other]));
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(
      'model,judgedAnswers,meanQualityError,meanAbsQualityError,answers,meanPredictedTokens,meanActualTokens,budgetedAnswers,within1.1xBudget,complianceShare,paperFigures',
    );
    // One judged answer: 0.75 − 0.5. Two answers: 10 and 10 predicted, 11 and 11 actual. 11 ≤ 1.1 × 10.
    expect(row).toBe('Alpha-7B,1,0.25,0.25,2,10,11,1,1,1,mid-size (7–70B) models in the paper');
    expect(end).toBe('');
  });

  it('merging keeps each answer once, the session’s copy first', () => {
    const judgedLater = { ...other, judgedQuality: 0.5 };
    expect(mergeEntries([judgedLater], [base, other])).toEqual([judgedLater, base]);
  });
});
