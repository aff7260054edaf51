import type { DispatchRequest } from './client';

/**
 * Judging an answer as R2-Bench did: an LLM judge reads the question, the answer and, when
 * there is one, a reference answer, and gives a 0..1 score. The wording here is the
 * playground's own; the person can edit it. The verdict is parsed strictly: anything but one
 * JSON object with a score in [0, 1] and a one-line reason is shown as invalid, never guessed.
 */

export const PLACEHOLDERS = { question: '{{question}}', answer: '{{answer}}', reference: '{{reference}}' } as const;

export const DEFAULT_JUDGE_PROMPT = `You grade an answer to a question. Score how correct and complete it is, from 0 (wrong, or no answer) to 1 (fully correct). A short answer that is correct scores as high as a long one.

Question:
${PLACEHOLDERS.question}

Reference answer:
${PLACEHOLDERS.reference}

Answer to grade:
${PLACEHOLDERS.answer}

Reply with exactly one JSON object and nothing else:
{"score": <a number from 0 to 1>, "reason": "<one line>"}`;

/** What the reference slot says when the person gave none. */
export const NO_REFERENCE = '(none given: judge by what you know)';

/** max_tokens for a verdict: a score and one line fit easily; the guard stops a runaway judge. */
export const JUDGE_MAX_TOKENS = 300;

/** Why a judging prompt cannot be used: the question and the answer must reach the judge. */
export function judgePromptProblems(template: string): string[] {
  return [PLACEHOLDERS.question, PLACEHOLDERS.answer]
    .filter((p) => !template.includes(p))
    .map((p) => `The judging prompt must contain ${p}.`);
}

export interface JudgeInput {
  question: string;
  answer: string;
  /** The person's reference answer, or ''. */
  reference: string;
}

/** The prompt with its slots filled, in one pass so an answer containing "{{…}}" is left as written. */
export function fillJudgePrompt(template: string, input: JudgeInput): string {
  const values: Record<string, string> = {
    [PLACEHOLDERS.question]: input.question,
    [PLACEHOLDERS.answer]: input.answer,
    [PLACEHOLDERS.reference]: input.reference.trim() === '' ? NO_REFERENCE : input.reference,
  };
  return template.replace(/\{\{(question|answer|reference)\}\}/g, (slot) => values[slot] ?? slot);
}

export function judgeRequest(providerModelId: string, prompt: string): DispatchRequest {
  return { providerModelId, messages: [{ role: 'user', content: prompt }], maxTokens: JUDGE_MAX_TOKENS };
}

export type Verdict = { valid: true; score: number; reason: string } | { valid: false; problem: string };

/** A fenced block (```json … ``` or ``` … ```) around the whole reply is tolerated, nothing else. */
const FENCED = /^```[a-zA-Z]*\s*\n?([\s\S]*?)\n?\s*```$/;

/** Reads the judge's reply: exactly {"score": 0..1, "reason": "<one line>"}, optionally fenced. */
export function parseVerdict(reply: string): Verdict {
  const trimmed = reply.trim();
  const body = (FENCED.exec(trimmed)?.[1] ?? trimmed).trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { valid: false, problem: 'The verdict is not one JSON object.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { valid: false, problem: 'The verdict is not one JSON object.' };
  }
  const keys = Object.keys(value).sort();
  if (keys.join(',') !== 'reason,score') {
    return {
      valid: false,
      problem: `The verdict must have exactly "score" and "reason" (it has ${keys.join(', ') || 'none'}).`,
    };
  }
  const { score, reason } = value as { score: unknown; reason: unknown };
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    return { valid: false, problem: 'The score is not a number.' };
  }
  if (score < 0 || score > 1) return { valid: false, problem: `The score ${score} is outside 0..1.` };
  if (typeof reason !== 'string') return { valid: false, problem: 'The reason is not text.' };
  if (/[\r\n]/.test(reason.trim())) return { valid: false, problem: 'The reason is more than one line.' };
  return { valid: true, score, reason: reason.trim() };
}
