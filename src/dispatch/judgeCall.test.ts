import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT, PROMPT_TOKENS, fakeProvidersFor } from '../../e2e/fakeProvider';
import { DispatchError } from './errors';
import { DEFAULT_JUDGE_PROMPT, JUDGE_MAX_TOKENS } from './judge';
import { judgeAnswer } from './judgeCall';
import { DEFAULT_SETTINGS, type DispatchSettings } from './settings';

const KEY = 'sk-test-not-a-real-key-123';
const input = { question: 'What is 2+2?', answer: '4', reference: '4' };
const judge = { model: 'acme/judge', poolName: null, prices: { inputPerMillion: 2, outputPerMillion: 10 } };
const providers = fakeProvidersFor({ beforeAll, afterAll, beforeEach });
const provider = () => providers()[0]!;
let settings: DispatchSettings;

beforeEach(() => {
  settings = { ...DEFAULT_SETTINGS, endpoint: provider().baseUrl, apiKey: KEY };
});

const run = (verdict?: string, s: Partial<DispatchSettings> = {}) =>
  judgeAnswer(
    input,
    DEFAULT_JUDGE_PROMPT,
    judge,
    { ...settings, extraHeaders: verdict === undefined ? '' : `X-Fake-Verdict: ${verdict}`, ...s },
    new AbortController().signal,
  );

describe('judgeAnswer', () => {
  it('sends the filled prompt unstreamed with a guard, and prices the judge’s own call', async () => {
    const j = await run();
    expect(j).toMatchObject({ score: 0.75, reason: 'Fake verdict.', judgeModel: 'acme/judge', raw: DEFAULT_VERDICT });
    // One "token" in the fake's reply: the verdict, sent as one piece.
    expect(j.judgeCostUsd).toBeCloseTo((PROMPT_TOKENS * 2 + 1 * 10) / 1e6, 15);
    const [chat] = provider().chats();
    expect(chat!.body!.stream).toBe(false);
    expect(chat!.body!.max_tokens).toBe(JUDGE_MAX_TOKENS);
    expect(chat!.body!.messages).toHaveLength(1);
    expect(chat!.body!.messages[0]!.role).toBe('user');
    expect(chat!.body!.messages[0]!.content).toContain('Question:\nWhat is 2+2?');
  });

  it('a fenced verdict is read; a malformed or out-of-range one is invalid, with no score', async () => {
    expect((await run('```json {"score": 0.5, "reason": "Half."} ```')).score).toBe(0.5);
    const malformed = await run('Score: 0.9');
    expect(malformed.score).toBeNull();
    expect(malformed.reason).toMatch(/not one JSON object/);
    const outside = await run('{"score": 7, "reason": "Great."}');
    expect(outside).toMatchObject({ score: null, reason: 'The score 7 is outside 0..1.' });
  });

  it('no price known: no judge cost', async () => {
    const j = await judgeAnswer(
      input,
      DEFAULT_JUDGE_PROMPT,
      { ...judge, prices: null },
      settings,
      new AbortController().signal,
    );
    expect(j.judgeCostUsd).toBeNull();
  });

  it('a rate limit fails as a dispatch does, once, with no retry', async () => {
    const err = await run(undefined, { extraHeaders: 'X-Fake-Mode: rate-limited' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DispatchError);
    expect((err as DispatchError).failure.kind).toBe('rate-limit');
    expect(provider().chats()).toHaveLength(1);
  });
});
