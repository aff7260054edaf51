import type { Rng } from '../../core/rng';
import type { Family, Tier } from './types';

/**
 * Retrieval-style QA and summarisation (RAGBench-like): one or more retrieved documents
 * about invented organisations, then a question. Harder tiers need more documents and
 * reasoning across them; summaries need length proportional to the sentences asked for.
 */

const PLACES = ['Northbridge', 'Lake Varen', 'Port Elsin', 'Caldmoor', 'Ostrava Valley', 'Redfern Bay', 'Kessling'];
const ORGS = [
  'Helio Grid Cooperative',
  'the Varen Water Authority',
  'Brightpath Logistics',
  'the Elsin Medical Trust',
  'Quarry Lane Robotics',
  'the Caldmoor Rail Company',
];
const METRICS = [
  'annual revenue',
  'staff numbers',
  'customer complaints',
  'energy use',
  'average delivery time',
  'waiting-list length',
];
const CAUSES = [
  'a new scheduling system',
  'a merger with a regional rival',
  'a severe winter',
  'a change in government subsidies',
  'the opening of a second depot',
  'a cyber-attack on its billing system',
];

function documentAbout(rng: Rng, sentences: number): { org: string; text: string; fact: string } {
  const org = rng.pick(ORGS);
  const place = rng.pick(PLACES);
  const year = rng.int(1998, 2024);
  const metric = rng.pick(METRICS);
  const change = rng.int(3, 48);
  const cause = rng.pick(CAUSES);
  const pool = [
    `${org} was founded in ${place} in ${year}.`,
    `In ${year + rng.int(1, 5)}, its ${metric} ${rng.bernoulli(0.5) ? 'rose' : 'fell'} by ${change}% after ${cause}.`,
    `The board is chaired by ${rng.pick(['Ines Alvarado', 'Peter Okafor', 'Hana Sato', 'Marek Nowak', 'Leila Haddad'])}, who previously ran ${rng.pick(ORGS)}.`,
    `Critics argue that ${cause} mainly benefited shareholders rather than residents of ${place}.`,
    `A ${rng.int(2, 9)}-year plan commits ${rng.int(5, 900)} million to infrastructure upgrades.`,
    `Its main competitor operates ${rng.int(2, 40)} sites across ${rng.pick(PLACES)} and ${rng.pick(PLACES)}.`,
    `An independent audit in ${year + rng.int(2, 10)} found ${rng.pick(['no significant issues', 'gaps in record-keeping', 'overstated savings', 'improved safety outcomes'])}.`,
    `Local newspapers reported that ${rng.int(20, 95)}% of surveyed customers were satisfied.`,
    `The organisation employs roughly ${rng.int(40, 9000)} people, a third of them part-time.`,
  ];
  const chosen = [pool[0]!, pool[1]!, ...rng.shuffle(pool.slice(2)).slice(0, Math.max(0, sentences - 2))];
  return { org, text: chosen.join(' '), fact: `${change}% change in ${metric} after ${cause}` };
}

export const rag: Family = {
  id: 'rag',
  source: 'ragbench',
  share: 0.1,
  tiers: [0.3, 0.35, 0.25, 0.1],
  difficulty: -0.3,
  guess: 0,
  truncatedCredit: (r) => 0.7 * r,
  graded: true,
  write(rng: Rng, tier: Tier) {
    const docs = Array.from({ length: tier >= 2 ? tier : 1 }, () =>
      documentAbout(rng, tier === 0 ? rng.int(3, 4) : rng.int(5, 9)),
    );
    const context = docs.map((d, i) => `Document ${i + 1}:\n${d.text}`).join('\n\n');
    const first = docs[0]!;
    if (rng.bernoulli(0.3)) {
      const sentences = rng.int(1, 2 + tier);
      const q = `Summarise the ${docs.length > 1 ? 'documents' : 'document'} above in ${sentences === 1 ? 'one sentence' : `${sentences} sentences`}${tier >= 2 ? ', noting any points on which they disagree' : ''}.`;
      return {
        text: `${context}\n\n${q}`,
        goldenAnswer: `(a ${sentences}-sentence reference summary, not simulated)`,
        tokenComplexity: 30 + 35 * sentences * (tier >= 2 ? 1.5 : 1),
      };
    }
    const questions: Record<Tier, [string, number]> = {
      0: [`According to the document, by how much did the figure change, and why?`, 25],
      1: [
        `Based only on the document, why did ${first.org}'s figures change, and what evidence supports that explanation?`,
        70,
      ],
      2: [
        `Compare the two organisations described. Which one changed more, and what explains the difference? Cite the documents.`,
        140,
      ],
      3: [
        `The documents partly contradict each other. Reconcile them: which claims are consistent, which conflict, and what is the most likely account? Cite each document.`,
        300,
      ],
    };
    const [q, tokens] = questions[tier];
    return {
      text: `Answer the question using the retrieved context.\n\n${context}\n\nQuestion: ${q}`,
      goldenAnswer: first.fact,
      tokenComplexity: tokens,
    };
  },
};
