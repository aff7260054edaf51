import { UNLIMITED } from '../bundle/manifest';
import { estimateInputTokens } from '../router/cost';
import { dispatch } from './client';
import { measure } from './compare';
import type { Judgement } from './history';
import { fillJudgePrompt, judgeRequest, parseVerdict, type JudgeInput } from './judge';
import type { ResolvedJudge } from './judgeStore';
import type { DispatchSettings } from './settings';

export interface JudgeCall extends Judgement {
  /** What the judge replied, as received, for the person to read when it is invalid. */
  raw: string;
}

/**
 * Sends one answer to the judge, unstreamed (so every provider reports its usage), and reads
 * the verdict strictly. Provider failures throw DispatchError, as a dispatch does.
 */
export async function judgeAnswer(
  input: JudgeInput,
  template: string,
  judge: ResolvedJudge,
  settings: DispatchSettings,
  signal: AbortSignal,
): Promise<JudgeCall> {
  const prompt = fillJudgePrompt(template, input);
  const result = await dispatch(judgeRequest(judge.model, prompt), { ...settings, stream: false }, signal, () => {});
  const verdict = parseVerdict(result.text);
  const cost = judge.prices ? measure(result, UNLIMITED, judge.prices, estimateInputTokens(prompt)).costUsd : null;
  return {
    score: verdict.valid ? verdict.score : null,
    reason: verdict.valid ? verdict.reason : verdict.problem,
    judgeModel: judge.model,
    judgeCostUsd: cost,
    raw: result.text,
  };
}
