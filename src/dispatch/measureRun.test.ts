import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeProvidersFor } from '../../e2e/fakeProvider';
import { createHistoryStore } from './historyStore';
import { DEFAULT_JUDGE_PROMPT } from './judge';
import { measuredCurves, planMeasure } from './measure';
import { runMeasure, type MeasureContext, type MeasureEvents } from './measureRun';
import { DEFAULT_SETTINGS } from './settings';

const KEY = 'sk-test-not-a-real-key-123';
const QUERY = 'What is 2+2?';
const entry = { name: 'Alpha-7B', providerId: 'acme/alpha', inputPerMillion: 1, outputPerMillion: 2 };
const curve = {
  model: 'Alpha-7B',
  prices: entry,
  anchors: [10, 100],
  quality: [0.3, 0.6],
  unlimitedQuality: 0.7,
  naturalTokens: 250,
};
const providers = fakeProvidersFor({ beforeAll, afterAll, beforeEach });
const provider = () => providers()[0]!;

describe('runMeasure', () => {
  it('stops at a 500 and at a 429 saying where, keeps the points, and resumes without repeating a call', async () => {
    const history = createHistoryStore();
    const events: MeasureEvents = {
      onProgress: () => {},
      onAnswer: (row) => history.getState().add(row),
      onJudged: (old, judged) => history.getState().replace(old, judged),
    };
    const judge = { model: 'acme/judge', poolName: null, prices: { inputPerMillion: 3, outputPerMillion: 5 } };
    const ctx: MeasureContext = {
      plan: planMeasure({
        curve,
        query: QUERY,
        inputTokens: 3,
        judgePrices: judge.prices,
        judgeTemplate: DEFAULT_JUDGE_PROMPT,
        reference: '',
      }),
      entry,
      providerModelId: 'acme/alpha',
      query: QUERY,
      inputTokens: 3,
      judge,
      judgeTemplate: DEFAULT_JUDGE_PROMPT,
      reference: '',
      settings: { ...DEFAULT_SETTINGS, endpoint: provider().baseUrl, apiKey: KEY },
      runId: '2026-03-01T12:00:00.000Z',
    };
    const signal = new AbortController().signal;
    provider().scripted.set(3, 'server-error'); // the answer at budget 100
    provider().scripted.set(5, 'rate-limited'); // its judge, once resumed

    const first = await runMeasure(ctx, { index: 0, pending: null }, signal, events);
    expect(first).toMatchObject({ index: 1, budget: 100, stage: 'answer', pending: null, failure: { kind: 'server' } });
    expect(measuredCurves(history.getState().entries, QUERY)[0]!.points).toHaveLength(1);

    const second = await runMeasure(ctx, { index: first!.index, pending: first!.pending }, signal, events);
    expect(second).toMatchObject({ index: 1, budget: 100, stage: 'judge', failure: { kind: 'rate-limit' } });
    expect(second!.pending).not.toBeNull();
    expect(second!.failure.message).toMatch(/Nothing is retried automatically/);

    const third = await runMeasure(ctx, { index: second!.index, pending: second!.pending }, signal, events);
    expect(third).toBeNull();

    // 6 planned calls, plus the one 500 and the one 429: the answer at 100 was not asked for twice after its judge failed.
    const chats = provider().chats();
    expect(chats).toHaveLength(8);
    expect(
      chats.map((c) => (c.body!.model === 'acme/judge' ? 'judge' : `answer:${c.body!.max_tokens ?? 'none'}`)),
    ).toEqual(['answer:27', 'judge', 'answer:126', 'answer:126', 'judge', 'judge', 'answer:none', 'judge']);
    const [measured] = measuredCurves(history.getState().entries, QUERY);
    expect(measured!.points.map((p) => [p.budget, p.quality])).toEqual([
      [10, 0.75],
      [100, 0.75],
      ['unlimited', 0.75],
    ]);
    expect(chats.every((c) => c.body!.stream === false)).toBe(true);
    expect(JSON.stringify(history.getState().entries)).not.toContain(KEY);
  });
});
