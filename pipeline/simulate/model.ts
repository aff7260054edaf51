import { Rng } from '../core/rng';
import { FAMILIES, type Family, type Tier } from './families';
import { COMPLIANCE_BUDGETS, type SimLlm } from './pool';

/**
 * The simulator's generative model; pipeline/README.md explains every choice.
 *
 * Query: family ~ R2-Bench mix; tier ~ the family's tier weights; text from the family's
 * templates; difficulty d = family mean + tier shift + N(0, 0.6²) (the last term is the
 * part no text can reveal); token complexity τ = the content's median · LogNormal(0, 0.35²).
 *
 * Response of LLM m at budget k:
 *  1. natural length N = (τ + family overhead) · verbosity_m · LogNormal(0, 0.35²), or a
 *     repetition loop to the 4000-token cap with probability loops_m;
 *  2. if N ≤ k the natural answer fits; otherwise the LLM obeys with probability c_m(k)
 *     and writes min(N, k·U(0.6, 1)) tokens, else it writes N and is truncated at k;
 *  3. success probability p(ℓ) = g + (1 − g)·σ(a_m,f + r_m·tier − d − 1.1·ln⁺(τ/ℓ)) at
 *     written length ℓ (a: ability, r: reasoning bonus, g: guessing chance; answers
 *     shorter than τ lose 1.1 logits per e-fold); a
 *     truncated answer keeps p(N)·credit_f(k/N), a loop nothing;
 *  4. one uniform u per (query, LLM) decides success at every budget (u < p), so an
 *     LLM that cannot solve a query fails it at every length;
 *  5. the judge scores success 1 (graded families: 0.8–1) and failure 0 (graded: 0–0.5),
 *     with 3% of binary verdicts flipped and 3% given 0.5.
 * The unlimited run is step 1 alone, capped at 4000 tokens.
 */

export const NATURAL_CAP = 4000;
const TIER_SHIFT = [-1.4, -0.3, 0.8, 1.8];
const HIDDEN_DIFFICULTY_SD = 0.6;
const LENGTH_SD = 0.35;
const SHORTFALL_PENALTY = 1.1;
const OVERHEAD: Record<Family['id'], number> = { mmlu: 90, gpqa: 150, gsm: 40, math: 80, code: 120, chat: 40, rag: 30 };

export interface SimQuery {
  index: number;
  key: string;
  family: Family;
  tier: Tier;
  text: string;
  goldenAnswer: string;
  difficulty: number;
  tokenComplexity: number;
}

export interface SimResponse {
  /** Tokens in the dataset: after truncation at the budget (or the 4000 cap). */
  tokens: number;
  /** Tokens the LLM would have written without truncation. */
  intended: number;
  truncated: boolean;
  /** Whether it obeyed a length instruction it could not meet naturally (null: no instruction, or none needed). */
  obeyed: boolean | null;
  score: number;
}

export function makeQuery(seed: number, index: number): SimQuery {
  const rng = new Rng(seed, `query:${index}`);
  const family = FAMILIES[rng.weighted(FAMILIES.map((f) => f.share))]!;
  const tier = rng.weighted(family.tiers) as Tier;
  const draft = family.write(rng, tier);
  const difficulty = family.difficulty + TIER_SHIFT[tier]! + HIDDEN_DIFFICULTY_SD * rng.normal();
  const tokenComplexity = Math.max(1, Math.round(draft.tokenComplexity * rng.logNormal(0, LENGTH_SD)));
  const key = `${family.source}-${String(index).padStart(6, '0')}`;
  return { index, key, family, tier, text: draft.text, goldenAnswer: draft.goldenAnswer, difficulty, tokenComplexity };
}

/** c_m(k): piecewise linear in log k between the Figure 8 budgets, flat outside them. */
export function complianceRate(llm: SimLlm, budget: number): number {
  const xs = COMPLIANCE_BUDGETS;
  const ys = llm.compliance;
  if (budget <= xs[0]) return ys[0];
  for (let i = 1; i < xs.length; i++) {
    if (budget <= xs[i]!) {
      const t = Math.log(budget / xs[i - 1]!) / Math.log(xs[i]! / xs[i - 1]!);
      return ys[i - 1]! + t * (ys[i]! - ys[i - 1]!);
    }
  }
  return ys[ys.length - 1]!;
}

function ability(llm: SimLlm, q: SimQuery): number {
  return llm.skill + (llm.bent[q.family.id] ?? 0) + llm.reasoning * q.tier;
}

export function successProbability(q: SimQuery, llm: SimLlm, length: number): number {
  const shortfall = Math.max(0, Math.log(q.tokenComplexity / Math.max(1, length)));
  const logit = ability(llm, q) - q.difficulty - SHORTFALL_PENALTY * shortfall;
  return q.family.guess + (1 - q.family.guess) / (1 + Math.exp(-logit));
}

interface Natural {
  length: number;
  loops: boolean;
}

function natural(seed: number, q: SimQuery, llm: SimLlm): Natural {
  const rng = new Rng(seed, `natural:${q.index}:${llm.name}`);
  if (rng.bernoulli(llm.loops)) return { length: NATURAL_CAP * 2, loops: true };
  const length = (q.tokenComplexity + OVERHEAD[q.family.id]) * llm.verbosity * rng.logNormal(0, LENGTH_SD);
  return { length: Math.max(1, Math.round(length)), loops: false };
}

function judge(seed: number, q: SimQuery, llm: SimLlm, budget: number | 'unlimited', success: boolean): number {
  const rng = new Rng(seed, `judge:${q.index}:${llm.name}:${budget}`);
  if (q.family.graded) return success ? rng.pick([1, 1, 1, 0.9, 0.8]) : rng.pick([0, 0, 0, 0, 0.1, 0.2, 0.3, 0.5]);
  const r = rng.next();
  if (r < 0.03) return success ? 0 : 1;
  if (r < 0.06) return 0.5;
  return success ? 1 : 0;
}

/** One row of `<budget>_judge.csv` for this query and LLM. */
export function respond(seed: number, q: SimQuery, llm: SimLlm, budget: number | 'unlimited'): SimResponse {
  const nat = natural(seed, q, llm);
  const u = new Rng(seed, `success:${q.index}:${llm.name}`).next();
  const limit = budget === 'unlimited' ? NATURAL_CAP : budget;
  let written = nat.length;
  let obeyed: boolean | null = null;
  if (budget !== 'unlimited' && nat.length > budget) {
    obeyed = new Rng(seed, `obey:${q.index}:${llm.name}:${budget}`).bernoulli(complianceRate(llm, budget));
    if (obeyed)
      written = Math.max(1, Math.round(budget * new Rng(seed, `fit:${q.index}:${llm.name}:${budget}`).uniform(0.6, 1)));
  }
  const truncated = written > limit;
  let p: number;
  if (!truncated) p = successProbability(q, llm, written);
  else if (nat.loops) p = 0;
  else p = successProbability(q, llm, written) * q.family.truncatedCredit(limit / written);
  const tokens = Math.min(written, limit);
  return { tokens, intended: written, truncated, obeyed, score: judge(seed, q, llm, budget, u < p) };
}
