import { makeQuery, respond } from './model';
import type { SimLlm } from './pool';

/**
 * What the simulator produces, summarised per LLM, so its calibration can be checked
 * against the paper: the share of answers within 1.1 × budget before truncation (Figure
 * 8's measure), and mean score and tokens with no instruction and at a few budgets.
 */
export function describeSimulation(seed: number, queries: number, pool: readonly SimLlm[]): string {
  const qs = Array.from({ length: queries }, (_, i) => makeQuery(seed, i));
  const budgets = [10, 20, 50, 100, 500];
  const cell = (x: number | string) => (typeof x === 'number' ? x.toFixed(2) : x).padStart(6);
  const lines = [
    `${queries} simulated queries, seed ${seed}`,
    '',
    `${''.padEnd(30)} | share within 1.1 × k (before truncation) | mean score at budget         | unlimited`,
    `${'LLM'.padEnd(30)} | ${budgets.map((k) => cell(`k=${k}`)).join('')}${' '.repeat(11)} | ${['10', '100', '500', 'unl.'].map(cell).join('')}     | tokens`,
  ];
  for (const llm of pool) {
    const within = budgets.map(
      (k) => qs.filter((q) => respond(seed, q, llm, k).intended <= 1.1 * k).length / qs.length,
    );
    const score = ([10, 100, 500, 'unlimited'] as const).map(
      (k) => qs.reduce((s, q) => s + respond(seed, q, llm, k).score, 0) / qs.length,
    );
    const tokens = qs.reduce((s, q) => s + respond(seed, q, llm, 'unlimited').tokens, 0) / qs.length;
    lines.push(
      `${llm.name.padEnd(30)} | ${within.map(cell).join('')}${' '.repeat(11)} | ${score.map(cell).join('')}     | ${tokens.toFixed(0).padStart(6)}`,
    );
  }
  const families = new Map<string, number>();
  for (const q of qs) families.set(q.family.id, (families.get(q.family.id) ?? 0) + 1);
  lines.push(
    '',
    `families: ${[...families].map(([f, n]) => `${f} ${((100 * n) / qs.length).toFixed(0)}%`).join(', ')}`,
  );
  return lines.join('\n');
}
