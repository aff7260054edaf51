import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerTokens, isJudgeCall, fakeProvidersFor } from '../../e2e/fakeProvider';
import type { Budget } from '../bundle/manifest';
import { estimateCompletionTokens } from './client';
import type { HistoryEntry } from './history';
import { runJob, type CallSpec, type JobEvents, type JobStage, type JudgeSpec } from './job';
import { DEFAULT_JUDGE_PROMPT } from './judge';
import { DEFAULT_SETTINGS } from './settings';

const KEY = 'sk-test-not-a-real-key-531';
const QUERY = 'What is 2+2?';
const providers = fakeProvidersFor({ beforeAll, afterAll, beforeEach });
const provider = () => providers()[0]!;

/** A call to `model` (a `fake/<mode>` id picks the fake's mode) at `budget`. */
function call(model = 'acme/alpha', budget: Budget = 100): CallSpec {
  return {
    router: 'r2',
    query: QUERY,
    choice: { model: 'Alpha-7B', budget, quality: 0.6, outputTokens: 80, costUsd: 0.0002 },
    providerModelId: model,
    prices: { inputPerMillion: 1, outputPerMillion: 2 },
    inputTokens: 3,
    settings: { ...DEFAULT_SETTINGS, endpoint: provider().baseUrl, apiKey: KEY },
  };
}

const judge = (model = 'acme/judge'): JudgeSpec => ({
  judge: { model, poolName: null, prices: { inputPerMillion: 3, outputPerMillion: 5 } },
  template: DEFAULT_JUDGE_PROMPT,
  reference: '4',
});

/** Records what the job reports: its stages, the history rows it keeps, and the rows judged. */
function recorder() {
  const stages: JobStage[] = [];
  const rows: HistoryEntry[] = [];
  const judged: [HistoryEntry, HistoryEntry][] = [];
  const events: JobEvents = {
    onStage: (stage) => stages.push(stage),
    onAnswer: (row) => {
      rows.push(row);
      return row;
    },
    onJudged: (old, next) => judged.push([old, next]),
  };
  return { stages, rows, judged, events };
}

const judgeCalls = () =>
  provider()
    .chats()
    .filter((c) => isJudgeCall(c.body!));

describe('runJob', () => {
  it('sends the call, keeps the answer, then judges it and replaces its row with the judged one', async () => {
    const r = recorder();
    const outcome = await runJob(call(), null, judge(), new AbortController().signal, r.events);

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.judgement).toMatchObject({ score: 0.75, judgeModel: 'acme/judge' });
    expect(r.stages).toEqual(['answer', 'judge']);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ outcome: 'complete', judgedQuality: null, response: outcome.answer.text });
    expect(r.judged).toEqual([[r.rows[0], outcome.answer.row]]);
    expect(outcome.answer.row).toMatchObject({ outcome: 'complete', judgedQuality: 0.75, judgeModel: 'acme/judge' });
    expect(
      provider()
        .chats()
        .map((c) => c.body!.model),
    ).toEqual(['acme/alpha', 'acme/judge']);
    expect(JSON.stringify([r.rows, outcome.answer.row])).not.toContain(KEY);
  });

  it('without a judge, sends only the call; an answer the max_tokens guard cut is kept as cut off', async () => {
    const r = recorder();
    const seen: string[] = [];
    const outcome = await runJob(call(), null, null, new AbortController().signal, {
      ...r.events,
      onText: (t) => seen.push(t),
    });
    expect(outcome).toMatchObject({ ok: true, judgement: null, answer: { result: { finishReason: 'stop' } } });
    expect(seen.at(-1)).toBe(outcome.ok ? outcome.answer.text : null);
    expect(r.stages).toEqual(['answer']);
    expect(provider().chats()).toHaveLength(1);

    // Budget 10: a max_tokens guard of 27, under the 60 tokens the fake is told to write.
    const cut = await runJob(
      { ...call('acme/alpha', 10), settings: { ...call().settings, extraHeaders: 'X-Fake-Tokens: 60' } },
      null,
      null,
      new AbortController().signal,
      r.events,
    );
    expect(cut).toMatchObject({
      ok: true,
      answer: { result: { finishReason: 'length' }, row: { outcome: 'cut-off' } },
    });
  });

  it('Stop during the call aborts it: the part received is kept as stopped, and nothing is judged', async () => {
    const r = recorder();
    const ctl = new AbortController();
    const outcome = await runJob(call('fake/slow'), null, judge(), ctl.signal, {
      ...r.events,
      onText: (t) => {
        if (t.split(' ').length >= 3) ctl.abort();
      },
    });

    expect(outcome).toMatchObject({ ok: false, stage: 'answer', failure: { kind: 'stopped' } });
    if (outcome.ok) return;
    expect(outcome.answer!.text).toBe(answerTokens(3).join(''));
    expect(outcome.answer!.actual).toMatchObject({
      estimated: true,
      completionTokens: estimateCompletionTokens(answerTokens(3).join('')),
    });
    expect(r.rows).toEqual([outcome.answer!.row]);
    expect(r.rows[0]).toMatchObject({ outcome: 'stopped', response: answerTokens(3).join('') });
    expect(r.stages).toEqual(['answer']);
    await vi.waitFor(() => expect(provider().chats()[0]!.closedEarly).toBe(true));
    expect(judgeCalls()).toHaveLength(0);
  });

  it('Stop during the judge call aborts it: the answer stays, unjudged, to be judged later', async () => {
    const r = recorder();
    const ctl = new AbortController();
    const running = runJob(call(), null, judge('fake/hang'), ctl.signal, r.events);
    await vi.waitFor(() => expect(judgeCalls()).toHaveLength(1));
    ctl.abort();
    const outcome = await running;

    expect(outcome).toMatchObject({ ok: false, stage: 'judge', failure: { kind: 'stopped', message: 'Stopped.' } });
    if (outcome.ok) return;
    expect(outcome.answer).toMatchObject({ row: r.rows[0], result: { finishReason: 'stop' } });
    expect(r.rows[0]).toMatchObject({ outcome: 'complete', judgedQuality: null });
    expect(r.judged).toEqual([]);
    await vi.waitFor(() => expect(judgeCalls()[0]!.closedEarly).toBe(true));
  });

  it('stopped before the judge call goes out: nothing is sent', async () => {
    const r = recorder();
    const first = await runJob(call(), null, null, new AbortController().signal, r.events);
    if (!first.ok) throw new Error('the answer failed');
    const ctl = new AbortController();
    ctl.abort();
    const outcome = await runJob(call(), first.answer, judge(), ctl.signal, r.events);
    expect(outcome).toMatchObject({ ok: false, stage: 'judge', failure: { kind: 'stopped' }, answer: first.answer });
    expect(provider().chats()).toHaveLength(1);
  });

  it('a failed call ends the job at the answer: no row, nothing judged; a broken stream keeps its part as partial', async () => {
    const r = recorder();
    const failed = await runJob(call('fake/server-error'), null, judge(), new AbortController().signal, r.events);
    expect(failed).toMatchObject({ ok: false, stage: 'answer', failure: { kind: 'server' }, answer: null });
    expect(r.rows).toEqual([]);
    expect(judgeCalls()).toHaveLength(0);

    const broken = await runJob(call('fake/dies-halfway'), null, judge(), new AbortController().signal, r.events);
    expect(broken).toMatchObject({ ok: false, stage: 'answer', failure: { kind: 'stream-broken' } });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ outcome: 'partial', response: answerTokens(3).join('') });
    expect(judgeCalls()).toHaveLength(0);
  });

  it('a failed judge call ends the job at the judge with the answer kept; judged again, the answer is not asked for again', async () => {
    const r = recorder();
    provider().scripted.set(2, 'rate-limited');
    const failed = await runJob(call(), null, judge(), new AbortController().signal, r.events);
    expect(failed).toMatchObject({ ok: false, stage: 'judge', failure: { kind: 'rate-limit' } });
    if (failed.ok) return;
    expect(failed.failure.message).not.toContain(KEY);
    expect(failed.answer!.row).toBe(r.rows[0]);

    const again = await runJob(call(), failed.answer, judge(), new AbortController().signal, r.events);
    expect(again).toMatchObject({ ok: true, judgement: { score: 0.75 } });
    expect(r.stages).toEqual(['answer', 'judge', 'judge']);
    expect(r.rows).toHaveLength(1);
    expect(r.judged).toHaveLength(1);
    expect(
      provider()
        .chats()
        .map((c) => (isJudgeCall(c.body!) ? 'judge' : 'answer')),
    ).toEqual(['answer', 'judge', 'judge']);
  });
});
