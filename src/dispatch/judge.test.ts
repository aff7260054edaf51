import { describe, expect, it } from 'vitest';
import { DEFAULT_JUDGE_PROMPT, NO_REFERENCE, fillJudgePrompt, judgePromptProblems, parseVerdict } from './judge';

describe('parseVerdict', () => {
  it.each([
    ['{"score": 0.8, "reason": "Correct, misses one case."}', 0.8, 'Correct, misses one case.'],
    ['  {"reason":"ok","score":1}  ', 1, 'ok'],
    ['{"score": 0, "reason": "Wrong."}', 0, 'Wrong.'],
    ['```json\n{"score": 0.25, "reason": "Mostly wrong."}\n```', 0.25, 'Mostly wrong.'],
    ['```\n{"score": 0.5, "reason": "Half."}\n```', 0.5, 'Half.'],
  ])('accepts %j', (reply, score, reason) => {
    expect(parseVerdict(reply)).toEqual({ valid: true, score, reason });
  });

  it.each([
    ['Score: 0.8', /not one JSON object/],
    ['The verdict: {"score": 0.8, "reason": "ok"}', /not one JSON object/],
    ['{"score": 0.8, "reason": "ok"} Hope this helps.', /not one JSON object/],
    ['[0.8, "ok"]', /not one JSON object/],
    ['{"score": 1.2, "reason": "great"}', /1\.2 is outside 0\.\.1/],
    ['{"score": -0.1, "reason": "bad"}', /outside 0\.\.1/],
    ['{"score": "0.8", "reason": "ok"}', /not a number/],
    ['{"score": 0.8}', /exactly "score" and "reason" \(it has score\)/],
    ['{"score": 0.8, "reason": "ok", "confidence": 0.9}', /exactly "score" and "reason"/],
    ['{"score": 0.8, "reason": "line one\\nline two"}', /more than one line/],
    ['{"score": 0.8, "reason": 3}', /reason is not text/],
    ['', /not one JSON object/],
  ])('refuses %j', (reply, problem) => {
    const verdict = parseVerdict(reply);
    expect(verdict.valid).toBe(false);
    if (!verdict.valid) expect(verdict.problem).toMatch(problem);
  });
});

describe('the judging prompt', () => {
  it('asks for exactly the verdict format the parser reads', () => {
    expect(DEFAULT_JUDGE_PROMPT).toContain('{"score": <a number from 0 to 1>, "reason": "<one line>"}');
    expect(judgePromptProblems(DEFAULT_JUDGE_PROMPT)).toEqual([]);
  });

  it('fills the question, the answer and the reference, or says there is none', () => {
    const input = { question: 'What is 2+2?', answer: 'It is {{question}}: 4.', reference: '' };
    const prompt = fillJudgePrompt(DEFAULT_JUDGE_PROMPT, input);
    expect(prompt).toContain('Question:\nWhat is 2+2?');
    expect(prompt).toContain(`Reference answer:\n${NO_REFERENCE}`);
    // An answer that quotes a slot is sent as written, not filled in again.
    expect(prompt).toContain('Answer to grade:\nIt is {{question}}: 4.');
    expect(fillJudgePrompt('{{question}} / {{answer}} / {{reference}}', { ...input, reference: '4' })).toBe(
      'What is 2+2? / It is {{question}}: 4. / 4',
    );
  });

  it('an edited prompt must keep the question and the answer', () => {
    expect(judgePromptProblems('Grade this: {{answer}}')).toEqual(['The judging prompt must contain {{question}}.']);
  });
});
