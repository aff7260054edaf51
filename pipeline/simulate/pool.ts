import type { FamilyId } from './families';

/**
 * The simulated pool: the eleven LLMs of the R2-Router release, with its OpenRouter ids
 * and prices (USD per 1M tokens) as listed in shared/r2-facts.md ("The LLM pool and
 * prices"). Paths follow R2-Bench's `<org>/<model>` folders; like the release, gemma-3-270m-it
 * carries the id of the closest model OpenRouter serves. The behavioural traits are
 * the simulator's assumptions, set from r2-facts.md where it has figures:
 *
 * - `skill`: general ability in logits, plus per-family offsets (`bent`): the math-tuned
 *   Qwen2.5-Math models are strong at math and weak at chat and code, as their names say;
 *   GLM-4.5-Air, which reasons before answering, leads on competition math, graduate
 *   science and code, Qwen3-235B on knowledge, chat and retrieval. No LLM is best at
 *   everything, as on R2-Bench, where the oracle far exceeds the best single LLM.
 * - `reasoning`: the thinking models (GLM-4.5-Air, Qwen3-0.6B) gain ability with the tier,
 *   so which LLM is best also depends on how hard the query reads.
 * - `verbosity`: multiplies the length of a model's natural (no-instruction) answer.
 *   GLM-4.5-Air and Qwen3-0.6B think before answering by default, hence long answers.
 * - `loops`: chance that a natural answer degenerates into repetition up to the 4000-token
 *   cap, a known failure of very small models.
 * - `compliance`: chance of obeying "use at most k tokens" at k = 10, 20, 50, 100, 500
 *   (Figure 8 of the paper, quoted in r2-facts.md): the largest models exceed 0.8 even at
 *   10 tokens, mid-size (7–70B) models sit between, models under ~4B are near 0.03–0.12
 *   at 10, 0.12–0.15 at 50, 0.52–0.67 at 100 and ~0.71–0.76 at 500.
 */

export const COMPLIANCE_BUDGETS = [10, 20, 50, 100, 500] as const;

export interface SimLlm {
  name: string;
  path: string;
  providerId: string;
  inputPerMillion: number;
  outputPerMillion: number;
  skill: number;
  bent: Partial<Record<FamilyId, number>>;
  /** Extra logits per difficulty tier: thinking before answering pays off on hard queries. */
  reasoning: number;
  verbosity: number;
  loops: number;
  compliance: readonly [number, number, number, number, number];
}

export const SIM_POOL: readonly SimLlm[] = [
  {
    name: 'Qwen3-235B-A22B-Instruct-2507',
    path: 'Qwen/Qwen3-235B-A22B-Instruct-2507',
    providerId: 'qwen/qwen3-235b-a22b-2507',
    inputPerMillion: 0.071,
    outputPerMillion: 0.1,
    skill: 2.5,
    bent: { gsm: 0.5, math: 0.3, code: 0.2, gpqa: -0.2, chat: 0.4, rag: 0.3 },
    reasoning: 0,
    verbosity: 1.6,
    loops: 0,
    compliance: [0.86, 0.92, 0.95, 0.97, 0.99],
  },
  {
    name: 'GLM-4.5-Air',
    path: 'zai-org/GLM-4.5-Air',
    providerId: 'z-ai/glm-4.5-air',
    inputPerMillion: 0.13,
    outputPerMillion: 0.85,
    skill: 1.6,
    bent: { math: 0.8, gpqa: 0.6, code: 0.5, chat: -0.3 },
    reasoning: 0.45,
    verbosity: 2.4,
    loops: 0,
    compliance: [0.82, 0.87, 0.92, 0.98, 0.99],
  },
  {
    name: 'Llama-3.1-70B-Instruct',
    path: 'meta-llama/Llama-3.1-70B-Instruct',
    providerId: 'meta-llama/llama-3.1-70b-instruct',
    inputPerMillion: 0.4,
    outputPerMillion: 0.4,
    skill: 1.6,
    bent: { math: -0.5, gpqa: -0.2, chat: 0.3, rag: 0.4 },
    reasoning: 0,
    verbosity: 1.0,
    loops: 0,
    compliance: [0.6, 0.7, 0.82, 0.96, 0.98],
  },
  {
    name: 'Qwen2.5-Math-7B-Instruct',
    path: 'Qwen/Qwen2.5-Math-7B-Instruct',
    providerId: 'qwen/qwen2.5-math-7b-instruct',
    inputPerMillion: 0.1,
    outputPerMillion: 0.1,
    skill: -0.3,
    bent: { gsm: 2.2, math: 2.0, gpqa: 0.2, mmlu: -0.3, chat: -1.2, code: -1.0, rag: -0.8 },
    reasoning: 0,
    verbosity: 1.3,
    loops: 0.01,
    compliance: [0.1, 0.2, 0.35, 0.6, 0.8],
  },
  {
    name: 'Qwen2.5-Math-1.5B-Instruct',
    path: 'Qwen/Qwen2.5-Math-1.5B-Instruct',
    providerId: 'qwen/qwen2.5-math-1.5b-instruct',
    inputPerMillion: 0.04,
    outputPerMillion: 0.04,
    skill: -1.2,
    bent: { gsm: 2.0, math: 1.7, chat: -1.3, code: -1.2, rag: -1.0 },
    reasoning: 0,
    verbosity: 1.4,
    loops: 0.03,
    compliance: [0.05, 0.1, 0.12, 0.55, 0.72],
  },
  {
    name: 'gemma-3-4b-it',
    path: 'google/gemma-3-4b-it',
    providerId: 'google/gemma-3-4b-it',
    inputPerMillion: 0.04,
    outputPerMillion: 0.08,
    skill: 0.3,
    bent: { chat: 0.3, math: -0.3 },
    reasoning: 0,
    verbosity: 1.3,
    loops: 0.01,
    compliance: [0.12, 0.14, 0.15, 0.67, 0.76],
  },
  {
    name: 'Llama-3.2-3B-Instruct',
    path: 'meta-llama/Llama-3.2-3B-Instruct',
    providerId: 'meta-llama/llama-3.2-3b-instruct',
    inputPerMillion: 0.051,
    outputPerMillion: 0.34,
    skill: -0.1,
    bent: { math: -0.6, gpqa: -0.3 },
    reasoning: 0,
    verbosity: 1.1,
    loops: 0.02,
    compliance: [0.1, 0.13, 0.14, 0.62, 0.74],
  },
  {
    name: 'Mistral-7B-Instruct-v0.2',
    path: 'mistralai/Mistral-7B-Instruct-v0.2',
    providerId: 'mistralai/mistral-7b-instruct',
    inputPerMillion: 0.11,
    outputPerMillion: 0.19,
    skill: -0.2,
    bent: { math: -0.8, gsm: -0.5, chat: 0.3 },
    reasoning: 0,
    verbosity: 1.1,
    loops: 0.01,
    compliance: [0.15, 0.25, 0.4, 0.65, 0.85],
  },
  {
    name: 'Qwen3-0.6B',
    path: 'Qwen/Qwen3-0.6B',
    providerId: 'qwen/qwen3-0.6b',
    inputPerMillion: 0.02,
    outputPerMillion: 0.02,
    skill: -1.0,
    bent: { math: 0.8, gsm: 0.8 },
    reasoning: 0.2,
    verbosity: 3.0,
    loops: 0.05,
    compliance: [0.03, 0.08, 0.12, 0.52, 0.71],
  },
  {
    name: 'gemma-3-1b-it',
    path: 'google/gemma-3-1b-it',
    providerId: 'google/gemma-3-1b-it',
    inputPerMillion: 0.02,
    outputPerMillion: 0.04,
    skill: -1.3,
    bent: {},
    reasoning: 0,
    verbosity: 1.2,
    loops: 0.04,
    compliance: [0.06, 0.1, 0.13, 0.58, 0.73],
  },
  {
    name: 'gemma-3-270m-it',
    path: 'google/gemma-3-270m-it',
    providerId: 'google/gemma-3n-e4b-it',
    inputPerMillion: 0.01,
    outputPerMillion: 0.02,
    skill: -2.8,
    bent: {},
    reasoning: 0,
    verbosity: 0.9,
    loops: 0.08,
    compliance: [0.03, 0.07, 0.12, 0.52, 0.71],
  },
];

/** The R2-Bench budgets (r2-facts.md), the no-instruction run last. */
export const R2_BENCH_BUDGETS = [
  10,
  20,
  30,
  40,
  50,
  80,
  100,
  150,
  200,
  300,
  500,
  800,
  1200,
  2000,
  4000,
  'unlimited',
] as const;
