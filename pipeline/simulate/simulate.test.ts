import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../data/loader';
import { cellIndex } from '../../src/evaluate/dataset';
import { tempDir, tinyPool, TINY_BUDGETS, writeTinyDataset } from '../testing/tinyData';
import { describeSimulation } from './describe';
import { FAMILIES } from './families';
import { complianceRate, makeQuery, respond } from './model';
import { SIM_POOL } from './pool';

const byName = (name: string) => SIM_POOL.find((m) => m.name === name)!;
const queries = Array.from({ length: 400 }, (_, i) => makeQuery(3, i));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Share of answers within 1.1 × budget before truncation: the paper's Figure 8 measure. */
function measuredCompliance(name: string, budget: number): number {
  return mean(queries.map((q) => (respond(3, q, byName(name), budget).intended <= 1.1 * budget ? 1 : 0)));
}

describe('simulator', () => {
  it('is deterministic in the seed and differs across seeds', () => {
    expect(makeQuery(3, 17)).toEqual(queries[17]);
    expect(respond(3, queries[5]!, SIM_POOL[0]!, 50)).toEqual(respond(3, queries[5]!, SIM_POOL[0]!, 50));
    const other = Array.from({ length: 20 }, (_, i) => makeQuery(4, i).text);
    expect(other).not.toEqual(queries.slice(0, 20).map((q) => q.text));
  });

  it('draws every task family with realistic wording', () => {
    const seen = new Set(queries.map((q) => q.family.id));
    expect([...seen].sort()).toEqual(FAMILIES.map((f) => f.id).sort());
    expect(queries.find((q) => q.family.id === 'mmlu')!.text).toMatch(/multiple choice question about .*\nA\. /s);
    expect(queries.find((q) => q.family.id === 'math')!.text).toMatch(/\$.*\$/);
  });

  it('obeys length instructions less the smaller the model, at tight budgets (Figure 8)', () => {
    const large = measuredCompliance('Qwen3-235B-A22B-Instruct-2507', 10);
    const mid = measuredCompliance('Llama-3.1-70B-Instruct', 10);
    const small = measuredCompliance('gemma-3-1b-it', 10);
    expect(large).toBeGreaterThan(0.8);
    expect(mid).toBeLessThan(large);
    expect(small).toBeLessThan(0.15);
    expect(small).toBeLessThan(mid);
    expect(complianceRate(byName('Qwen3-0.6B'), 100)).toBeGreaterThan(0.5);
    expect(complianceRate(byName('Qwen3-0.6B'), 100)).toBeLessThan(0.67);
  });

  it('gives a capable model better answers at larger budgets', () => {
    const llm = byName('Qwen3-235B-A22B-Instruct-2507');
    const at = (b: number) => mean(queries.map((q) => respond(3, q, llm, b).score));
    const curve = [10, 50, 200, 1200].map(at);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!).toBeGreaterThan(curve[i - 1]!);
    expect(curve[3]! - curve[0]!).toBeGreaterThan(0.2);
  });

  it('truncates at the budget and scores like a judge (mostly 0 or 1, within 0..1)', () => {
    const rows = queries.flatMap((q) =>
      [10, 100, 'unlimited' as const].map((b) => ({ b, r: respond(3, q, byName('gemma-3-1b-it'), b) })),
    );
    for (const { b, r } of rows) {
      expect(r.tokens).toBeLessThanOrEqual(b === 'unlimited' ? 4000 : b);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
    const binary = rows.filter(({ r }) => r.score === 0 || r.score === 1).length / rows.length;
    expect(binary).toBeGreaterThan(0.7);
    expect(binary).toBeLessThan(1);
  });

  it('puts the signal in the text: harder tiers read differently and score lower', () => {
    const llm = byName('Llama-3.1-70B-Instruct');
    const score = (tier: number) =>
      mean(queries.filter((q) => q.tier === tier).map((q) => respond(3, q, llm, 'unlimited').score));
    expect(score(0)).toBeGreaterThan(score(3) + 0.2);
    const mc = queries.filter((q) => q.family.id === 'mmlu');
    const asksForWork = (tier: number) => mc.filter((q) => q.tier === tier).map((q) => /step by step/.test(q.text));
    expect(asksForWork(0).length).toBeGreaterThan(0);
    expect(asksForWork(0).some(Boolean)).toBe(false);
    expect(asksForWork(3).every(Boolean)).toBe(true);
    const complexity = (id: string) => mean(queries.filter((q) => q.family.id === id).map((q) => q.tokenComplexity));
    expect(complexity('math')).toBeGreaterThan(4 * complexity('mmlu'));
  });
});

describe('calibration summary', () => {
  it('lists every LLM with its Figure 8 compliance shares', () => {
    const text = describeSimulation(3, 60, tinyPool());
    for (const llm of tinyPool()) expect(text).toContain(llm.name);
    const large = text.split('\n').find((l) => l.startsWith('Qwen3-235B'))!;
    const shares = large.split('|')[1]!.trim().split(/\s+/).map(Number);
    expect(shares).toHaveLength(5);
    expect(shares[0]).toBeGreaterThan(0.7);
    expect(text).toMatch(/families: .*mmlu \d+%/);
  });
});

describe('simulated dataset on disk', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir('r2-sim');
    await writeTinyDataset(join(dir.path, 'a'));
    await writeTinyDataset(join(dir.path, 'b'));
  });
  afterAll(() => dir.remove());

  it('writes the R2-Bench layout, byte-identical for the same seed', async () => {
    const file = join('meta-llama', 'Llama-3.1-70B-Instruct', '100_judge.csv');
    const a = await readFile(join(dir.path, 'a', file), 'utf8');
    expect(a.split('\n')[0]).toBe(
      'key,prompts_id,original_prompt,templated_prompt,golden_answer,response,judge_raw,actual_token_count,correctness_score',
    );
    expect(await readFile(join(dir.path, 'b', file), 'utf8')).toBe(a);
    const pool = JSON.parse(await readFile(join(dir.path, 'a', 'pool.json'), 'utf8')) as {
      budgets: unknown;
      models: unknown[];
    };
    expect(pool.budgets).toEqual([...TINY_BUDGETS]);
    expect(pool.models[0]).toEqual({
      name: 'Qwen3-235B-A22B-Instruct-2507',
      path: 'Qwen/Qwen3-235B-A22B-Instruct-2507',
      providerId: 'qwen/qwen3-235b-a22b-2507',
      inputPerMillion: 0.071,
      outputPerMillion: 0.1,
    });
  });

  it('round-trips through the loader', async () => {
    const d = await loadDataset(join(dir.path, 'a'));
    expect(d.keys).toHaveLength(150);
    const pool = tinyPool();
    for (const q of [0, 42, 149]) {
      const sim = makeQuery(7, q);
      expect(d.keys[q]).toBe(sim.key);
      expect(d.prompts[q]).toBe(sim.text);
      TINY_BUDGETS.forEach((b, k) => {
        pool.forEach((llm, m) => {
          const r = respond(7, sim, llm, b);
          expect(d.scores[cellIndex(d, q, m, k)]).toBeCloseTo(r.score, 6);
          expect(d.tokens[cellIndex(d, q, m, k)]).toBe(r.tokens);
        });
      });
    }
  });
});
