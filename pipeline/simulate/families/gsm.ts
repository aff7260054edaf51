import type { Rng } from '../../core/rng';
import type { Family, Tier } from './types';

/**
 * Grade-school math word problems built step by step, so the golden answer is computed.
 * The number of steps is the tier's visible cue: every step adds a sentence and about
 * thirty tokens of working to the shortest correct answer.
 */

const PEOPLE = [
  'Maria',
  'James',
  'Aisha',
  'Tom',
  'Priya',
  'Lucas',
  'Mei',
  'Omar',
  'Sofia',
  'Daniel',
  'Fatima',
  'Noah',
  'Elena',
  'Kwame',
];
const ITEMS = [
  'marbles',
  'stickers',
  'cupcakes',
  'pencils',
  'apples',
  'baseball cards',
  'seashells',
  'books',
  'eggs',
  'beads',
];
const CONTAINERS: [string, string][] = [
  ['box', 'boxes'],
  ['bag', 'bags'],
  ['jar', 'jars'],
  ['crate', 'crates'],
  ['packet', 'packets'],
];

type Step = (rng: Rng, n: number, item: string) => { sentence: string; value: number };

const STEPS: Step[] = [
  (rng, n, item) => {
    const k = rng.int(2, 25);
    return { sentence: `Then ${rng.pick(['another', 'a further'])} ${k} ${item} are bought.`, value: n + k };
  },
  (rng, n, item) => {
    const k = rng.int(1, Math.max(1, Math.floor(n / 2)));
    return {
      sentence: `${rng.pick(['A friend', 'Her brother', 'His cousin', 'A classmate'])} is given ${k} of the ${item}.`,
      value: n - k,
    };
  },
  (rng, n, item) => {
    const k = rng.int(2, 4);
    return { sentence: `Over the weekend the number of ${item} is multiplied by ${k}.`, value: n * k };
  },
  (rng, n) => {
    const k = rng.int(2, 5);
    const rounded = n - (n % k);
    return {
      sentence: `${rng.pick(['They', 'The family'])} keep ${n % k === 0 ? 'all of them' : `only ${rounded} of them`} and share them equally among ${k} ${rng.pick(['jars', 'friends', 'shelves'])}; count what ends up in one.`,
      value: rounded / k,
    };
  },
  (rng, n, item) => {
    const price = rng.int(2, 9);
    return {
      sentence: `Each of the ${item} is then sold for $${price}; from now on count dollars earned.`,
      value: n * price,
    };
  },
];

const TIER_STEPS: [number, number][] = [
  [1, 2],
  [3, 4],
  [5, 6],
  [7, 8],
];

export const gsm: Family = {
  id: 'gsm',
  source: 'gsm',
  share: 0.08,
  tiers: [0.3, 0.4, 0.2, 0.1],
  difficulty: -0.6,
  guess: 0,
  truncatedCredit: () => 0.05,
  graded: false,
  write(rng: Rng, tier: Tier) {
    const person = rng.pick(PEOPLE);
    const many = rng.pick(ITEMS);
    const [container, containers] = rng.pick(CONTAINERS);
    const per = rng.int(3, 24);
    const count = rng.int(2, 9);
    let value = per * count;
    const sentences = [`${person} has ${count} ${containers} of ${many}, and each ${container} holds ${per} ${many}.`];
    const [lo, hi] = TIER_STEPS[tier]!;
    const steps = rng.int(lo, hi);
    for (let i = 0; i < steps; i++) {
      const step = rng.pick(STEPS)(rng, value, many);
      sentences.push(step.sentence);
      value = step.value;
    }
    const question = rng.pick([
      'What is the final number?',
      'What number results at the end?',
      `What number does ${person} arrive at?`,
    ]);
    const text = `${sentences.join(' ')} ${question}`;
    return { text, goldenAnswer: String(value), tokenComplexity: 20 + 30 * (steps + 1) };
  },
};
