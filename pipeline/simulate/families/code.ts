import type { Rng } from '../../core/rng';
import type { Family, Tier } from './types';

/**
 * Programming requests. The task list is graded by how much code a correct answer needs
 * (a one-liner up to a small system), and harder tiers add requirements sentences.
 */

const LANGUAGES = ['Python', 'JavaScript', 'TypeScript', 'Go', 'Rust', 'Java', 'C++'];

const TASKS: Record<Tier, string[]> = {
  0: [
    'reverses a string',
    'counts the vowels in a sentence',
    'returns the largest number in a list',
    'checks whether a number is even',
    'converts Celsius to Fahrenheit',
    'removes duplicate values from an array',
    'capitalises the first letter of every word',
  ],
  1: [
    'merges overlapping intervals',
    'checks whether a string of brackets is balanced',
    'groups a list of words into anagrams',
    'parses a CSV line that may contain quoted commas',
    'returns the k most frequent elements of an array',
    'implements binary search on a rotated sorted array',
    'validates an IPv4 address',
  ],
  2: [
    'implements an LRU cache with O(1) get and put',
    'computes shortest paths with Dijkstra’s algorithm and reconstructs the path',
    'implements a thread-safe bounded blocking queue',
    'serialises and deserialises a binary tree',
    'evaluates arithmetic expressions with operator precedence and parentheses',
    'implements a trie with prefix search and deletion',
    'rate-limits calls with a token bucket',
  ],
  3: [
    'implements a regular-expression matcher supporting ., *, +, ? and character classes with backtracking',
    'implements the log-replication part of the Raft consensus protocol for a single leader',
    'builds a lock-free multi-producer multi-consumer ring buffer',
    'implements a B-tree with insertion, deletion and range queries',
    'writes a small interpreter for a Lisp with closures and tail calls',
    'implements an incremental text-diff algorithm (Myers) that outputs unified diffs',
  ],
};

const NAMES = ['solve', 'process', 'transform', 'compute', 'handle', 'run', 'build_index', 'parse_input'];

const REQUIREMENTS = [
  'Include unit tests covering the edge cases.',
  'State the time and space complexity and justify them.',
  'Handle invalid input with clear error messages.',
  'Add docstrings or comments for every public function.',
  'Avoid external libraries; use only the standard library.',
  'Make it safe to call from several threads at once.',
];

const OPENERS = [
  (lang: string, name: string, task: string) => `Write a ${lang} function \`${name}\` that ${task}.`,
  (lang: string, name: string, task: string) => `In ${lang}, implement \`${name}\`, which ${task}.`,
  (lang: string, _name: string, task: string) => `Can you write ${lang} code that ${task}?`,
  (lang: string, name: string, task: string) =>
    `I need a ${lang} implementation of something that ${task}. Call the entry point \`${name}\`.`,
];

const TIER_TOKENS = [70, 220, 550, 1200];

export const code: Family = {
  id: 'code',
  source: 'code',
  share: 0.1,
  tiers: [0.25, 0.35, 0.25, 0.15],
  difficulty: 0.1,
  guess: 0,
  truncatedCredit: (r) => 0.25 * r,
  graded: true,
  write(rng: Rng, tier: Tier) {
    const lang = rng.pick(LANGUAGES);
    const task = rng.pick(TASKS[tier]);
    const name = rng.pick(NAMES);
    const reqs = rng.shuffle([...REQUIREMENTS]).slice(0, tier + rng.int(0, 1));
    const text = [rng.pick(OPENERS)(lang, name, task), ...reqs].join(' ');
    return {
      text,
      goldenAnswer: '(reference implementation not simulated)',
      tokenComplexity: TIER_TOKENS[tier]! * (1 + 0.15 * reqs.length),
    };
  },
};
