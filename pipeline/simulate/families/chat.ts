import type { Rng } from '../../core/rng';
import type { Family, Tier } from './types';

/**
 * OpenHermes-like open chat: explanations, writing, advice, comparisons. The requested
 * length ("in one sentence", "about 400 words") sets the token complexity, and the topic
 * sets the difficulty (everyday topics are easy, specialist ones hard).
 */

const TOPICS: Record<Tier, string[]> = {
  0: [
    'how to brew a good cup of tea',
    'why the sky is blue',
    'how to keep houseplants alive',
    'the rules of chess',
    'how to save money on groceries',
    'what a budget is',
    'how vaccines work',
  ],
  1: [
    'how compound interest works',
    'the causes of the French Revolution',
    'how a bill becomes law in the United States',
    'the difference between weather and climate',
    'how to prepare for a job interview',
    'how HTTPS keeps data private',
  ],
  2: [
    'the trade-offs of the CAP theorem',
    'how CRISPR gene editing works',
    'the economics of carbon pricing',
    'how transformers use self-attention',
    'the ethics of autonomous weapons',
    'monetary policy under a zero lower bound',
  ],
  3: [
    'the implications of Gödel’s incompleteness theorems for artificial intelligence',
    'how renormalisation removes infinities in quantum field theory',
    'the identification problem in causal inference with unobserved confounders',
    'consensus in Byzantine fault-tolerant systems under partial synchrony',
  ],
};

/** A length cue and the tokens a compliant, correct answer needs. */
const LENGTHS: { cue: (rng: Rng) => [string, number] }[] = [
  { cue: () => ['in one sentence', 30] },
  { cue: () => ['briefly', 70] },
  { cue: () => ['in a short paragraph', 110] },
  {
    cue: (rng) => {
      const words = rng.pick([150, 200, 300, 400, 500]);
      return [`in about ${words} words`, Math.round(words * 1.35)];
    },
  },
  { cue: () => ['in a detailed, step-by-step guide', 650] },
  {
    cue: (rng) => {
      const words = rng.pick([800, 1000, 1500]);
      return [`as a comprehensive essay of roughly ${words} words, with headings`, Math.round(words * 1.35)];
    },
  },
];

const FORMS = [
  (topic: string, len: string) => `Explain ${topic} ${len}.`,
  (topic: string, len: string) => `Can you tell me about ${topic}? Please answer ${len}.`,
  (topic: string, len: string) => `I'm preparing a talk. Describe ${topic} ${len}, for a general audience.`,
  (topic: string, len: string) => `Write a blog post on ${topic}, ${len}.`,
  (topic: string, len: string) => `My friend and I disagree about ${topic}. Settle it ${len}.`,
];

export const chat: Family = {
  id: 'chat',
  source: 'openhermes',
  share: 0.26,
  tiers: [0.35, 0.35, 0.2, 0.1],
  difficulty: -1.0,
  guess: 0,
  truncatedCredit: (r) => 0.85 * r,
  graded: true,
  write(rng: Rng, tier: Tier) {
    const topic = rng.pick(TOPICS[tier]);
    const [cue, tokens] = rng.pick(LENGTHS).cue(rng);
    const text = rng.pick(FORMS)(topic, cue);
    return {
      text,
      goldenAnswer: '(open-ended: judged against a reference answer not simulated)',
      tokenComplexity: tokens,
    };
  },
};
