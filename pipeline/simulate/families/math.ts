import type { Rng } from '../../core/rng';
import type { Family, Tier } from './types';

/**
 * MATH-like competition problems in LaTeX. The topic and the shape of the problem set the
 * tier (prealgebra is easy, olympiad-style intermediate algebra hard); the shortest
 * correct solution runs from about a hundred tokens to well over a thousand.
 */

type Writer = (rng: Rng) => { text: string; answer: string };

/** The simulator only computes the answers of the simpler templates; none is ever scored against. */
const NOT_COMPUTED = '(not computed by the simulator)';

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

const BY_TIER: Record<Tier, Writer[]> = {
  0: [
    (rng) => {
      const a = rng.int(12, 99);
      const b = rng.int(2, 9);
      return {
        text: `What is the greatest common divisor of $${a * b}$ and $${b * rng.int(2, 11)}$?`,
        answer: String(b),
      };
    },
    (rng) => {
      const p = rng.int(5, 45);
      const x = rng.int(20, 400);
      return {
        text: `What is $${p}\\%$ of $${x}$? Express your answer as a decimal.`,
        answer: ((p * x) / 100).toString(),
      };
    },
    (rng) => {
      const a = rng.int(2, 9);
      const b = rng.int(1, 30);
      const x = rng.int(1, 12);
      return { text: `Solve for $x$: $${a}x + ${b} = ${a * x + b}$.`, answer: String(x) };
    },
  ],
  1: [
    (rng) => {
      const r1 = rng.int(-9, 9);
      const r2 = rng.int(-9, 9);
      return {
        text: `Find the sum of the squares of the roots of $x^2 ${r1 + r2 <= 0 ? '+' : '-'} ${Math.abs(r1 + r2)}x ${r1 * r2 < 0 ? '-' : '+'} ${Math.abs(r1 * r2)} = 0$.`,
        answer: String(r1 * r1 + r2 * r2),
      };
    },
    (rng) => {
      const n = rng.int(5, 10);
      const k = rng.int(2, n - 2);
      return {
        text: `A committee of $${k}$ is chosen from $${n}$ people, two of whom refuse to serve together. In how many ways can the committee be chosen?`,
        answer: String(choose(n, k) - choose(n - 2, k - 2)),
      };
    },
    (rng) => {
      const a = rng.int(3, 20);
      const b = rng.int(3, 20);
      return {
        text: `A right triangle has legs of length $${a}$ and $${b}$. Find the radius of its inscribed circle, in simplest radical form if needed.`,
        answer: `(${a + b} - \\sqrt{${a * a + b * b}})/2`,
      };
    },
  ],
  2: [
    (rng) => {
      const m = rng.pick([7, 11, 13, 17, 19]);
      const e = rng.int(100, 2025);
      return {
        text: `Find the remainder when $${rng.int(2, 9)}^{${e}} + ${rng.int(2, 9)}^{${e + rng.int(1, 5)}}$ is divided by $${m}$.`,
        answer: NOT_COMPUTED,
      };
    },
    (rng) => {
      const n = rng.int(4, 9);
      return {
        text: `Let $P(x)$ be a monic polynomial of degree $${n}$ such that $P(k) = \\frac{1}{k}$ for $k = 1, 2, \\ldots, ${n}$. Find $P(${n + 1})$.`,
        answer: NOT_COMPUTED,
      };
    },
    (rng) => {
      const t = rng.pick(['\\frac{\\pi}{7}', '\\frac{\\pi}{9}', '\\frac{2\\pi}{11}']);
      return {
        text: `Compute $\\prod_{k=1}^{${rng.int(3, 6)}} \\cos\\left(k \\cdot ${t}\\right)$ exactly.`,
        answer: NOT_COMPUTED,
      };
    },
  ],
  3: [
    (rng) => {
      const n = rng.int(2020, 2030);
      return {
        text: `Let $a_1, a_2, \\ldots$ be a sequence with $a_1 = ${rng.int(1, 5)}$ and $a_{n+1} = \\frac{a_n^2 + ${rng.int(1, 9)}}{a_n + ${rng.int(1, 9)}}$ for all $n \\ge 1$. Determine $\\lfloor a_{${n}} \\rfloor$, and prove that your answer is correct.`,
        answer: NOT_COMPUTED,
      };
    },
    (rng) => ({
      text: `In triangle $ABC$, $AB = ${rng.int(5, 20)}$, $BC = ${rng.int(5, 20)}$ and $CA = ${rng.int(5, 20)}$. The incircle touches $BC$ at $D$, and the $A$-excircle touches $BC$ at $E$. Let $M$ be the midpoint of $DE$ and let the line through $M$ perpendicular to $BC$ meet $AI$ at $P$. Find $AP^2$ as a common fraction.`,
      answer: NOT_COMPUTED,
    }),
    (rng) => ({
      text: `How many ordered triples $(x, y, z)$ of positive integers satisfy $\\operatorname{lcm}(x, y) = ${rng.pick([72, 180, 360, 600])}$, $\\operatorname{lcm}(y, z) = ${rng.pick([120, 300, 900])}$ and $\\operatorname{lcm}(z, x) = ${rng.pick([240, 450, 1800])}$?`,
      answer: NOT_COMPUTED,
    }),
  ],
};

const TIER_TOKENS = [110, 280, 650, 1300];

export const math: Family = {
  id: 'math',
  source: 'math',
  share: 0.16,
  tiers: [0.2, 0.3, 0.3, 0.2],
  difficulty: 0.6,
  guess: 0,
  truncatedCredit: () => 0.03,
  graded: false,
  write(rng: Rng, tier: Tier) {
    const { text, answer } = rng.pick(BY_TIER[tier])(rng);
    const instruction = rng.pick([
      'Put your final answer in \\boxed{}.',
      'Give the final answer in a box.',
      'Show your reasoning and box the final answer.',
    ]);
    return { text: `${text}\n\n${instruction}`, goldenAnswer: answer, tokenComplexity: TIER_TOKENS[tier]! };
  },
};
