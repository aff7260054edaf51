/**
 * Deterministic benchmark queries in four kinds (short, long, code, math), so every run
 * times the same texts and the encoder sees the lengths and alphabets people paste.
 */

export type QueryKind = 'short' | 'long' | 'code' | 'math';
export const QUERY_KINDS: readonly QueryKind[] = ['short', 'long', 'code', 'math'];

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the a model answer explain why how budget token quality cost router train data light sky water history essay proof function list city market energy protein language summary reason compare design system network'.split(
    ' ',
  );
const ASKS = [
  'What is',
  'Explain',
  'Summarise',
  'Why does',
  'Compare',
  'List three facts about',
  'Give an example of',
  'Is it true that',
];
const CODE = [
  'def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a',
  'function debounce(fn, ms) {\n  let t;\n  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };\n}',
  "SELECT user_id, COUNT(*) AS orders FROM orders WHERE created_at > now() - interval '30 days' GROUP BY user_id HAVING COUNT(*) > 3;",
  'fn main() {\n    let v: Vec<u32> = (1..=10).filter(|x| x % 2 == 0).collect();\n    println!("{:?}", v);\n}',
];
const CODE_ASKS = [
  'Find the bug in this code and fix it:',
  'What does this print?',
  'Rewrite this to be faster and explain the complexity:',
  'Add type hints and tests to:',
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function words(rand: () => number, n: number): string {
  return Array.from({ length: n }, () => pick(rand, WORDS)).join(' ');
}

function int(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

function make(kind: QueryKind, rand: () => number): string {
  switch (kind) {
    case 'short':
      return `${pick(rand, ASKS)} ${words(rand, int(rand, 2, 8))}?`;
    case 'long': {
      // 1–8k characters: past the encoder's usual 6k clip at the top end.
      const sentences = Array.from({ length: int(rand, 15, 110) }, () => `${words(rand, int(rand, 6, 14))}.`);
      return `${pick(rand, ASKS)} the following passage.\n${sentences.join(' ')}`;
    }
    case 'code':
      return `${pick(rand, CODE_ASKS)}\n\`\`\`\n${pick(rand, CODE)}\n\`\`\``;
    case 'math': {
      const a = int(rand, 2, 999);
      const b = int(rand, 2, 99);
      const forms = [
        `Solve for x: ${a}x + ${b} = ${a * 3 + b}. Show your steps.`,
        `Find all integers n with n^2 - ${b}n + ${a} = 0, or prove there are none.`,
        `Compute the integral of x^${b % 7} * e^(${a % 9}x) dx from 0 to 1.`,
        `A train travels ${a} km in ${b / 4} hours. What is its average speed in km/h?`,
      ];
      return pick(rand, forms);
    }
  }
}

/** `count` queries cycling through the kinds, the same for the same seed. */
export function benchQueries(count: number, seed = 2024): string[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => make(QUERY_KINDS[i % QUERY_KINDS.length]!, rand));
}
