import type { Rng } from '../../core/rng';
import type { Family, Tier } from './types';

/**
 * GPQA-like graduate science: four options, long technical stems full of jargon and
 * numbers. Almost always hard; the expert tier stacks more conditions into the stem.
 */

interface Scenario {
  field: string;
  setup: (rng: Rng) => string;
  options: string[];
}

const SCENARIOS: Scenario[] = [
  {
    field: 'organic chemistry',
    setup: (rng) =>
      `A chemist treats ${rng.pick(['cyclohexanone', '2-methylpropanal', 'benzaldehyde', 'ethyl acetoacetate'])} with ${rng.pick(['LDA at −78 °C', 'sodium ethoxide in ethanol', 'a Grignard reagent followed by aqueous workup', 'mCPBA in dichloromethane'])}, then heats the product with ${rng.pick(['p-toluenesulfonic acid', 'pyridinium chlorochromate', 'hydrazine and KOH', 'lithium aluminium hydride'])}. The ¹H NMR spectrum of the final product shows ${rng.int(2, 6)} distinct signals, including a ${rng.pick(['doublet of doublets', 'broad singlet', 'septet', 'triplet'])} near ${rng.uniform(0.9, 9.8).toFixed(1)} ppm.`,
    options: [
      'an α,β-unsaturated ketone',
      'a tertiary alcohol',
      'an epoxide',
      'a methylene group replacing the carbonyl',
      'a lactone',
      'a primary alcohol',
    ],
  },
  {
    field: 'quantum physics',
    setup: (rng) =>
      `A spin-${rng.pick(['1/2', '1', '3/2'])} particle is prepared in the state |ψ⟩ = (${rng.int(1, 3)}|↑⟩ + ${rng.pick(['i', '−1', '2i'])}|↓⟩)/√${rng.int(2, 10)} and placed in a magnetic field B = ${rng.uniform(0.1, 2).toFixed(2)} T along z. After a time t = ${rng.int(1, 9)}π/ω the component of spin along ${rng.pick(['x', 'y', 'an axis at 45° to z'])} is measured.`,
    options: [
      'the probability is 1/2',
      'the probability is 0',
      'the expectation value is ħ/2',
      'the probability is 1/4',
      'the state is unchanged',
      'the expectation value is −ħ/4',
    ],
  },
  {
    field: 'molecular biology',
    setup: (rng) =>
      `In a ${rng.pick(['CRISPR knockout screen', 'co-immunoprecipitation experiment', 'ChIP-seq study', 'pulse-chase assay'])} in ${rng.pick(['HEK293 cells', 'yeast', 'mouse embryonic fibroblasts', 'Drosophila S2 cells'])}, loss of ${rng.pick(['a deubiquitinase', 'a chromatin remodeller', 'a kinase in the mTOR pathway', 'an ER chaperone'])} increases the half-life of the target protein ${rng.int(2, 8)}-fold but leaves its mRNA level unchanged.`,
    options: [
      'the protein is regulated post-translationally',
      'transcription of the gene is repressed',
      'the mRNA is stabilised',
      'the protein is secreted',
      'translation initiation is blocked',
      'the gene is imprinted',
    ],
  },
  {
    field: 'astrophysics',
    setup: (rng) =>
      `A main-sequence star of ${rng.uniform(0.5, 8).toFixed(1)} solar masses hosts a planet on a ${rng.uniform(2, 400).toFixed(1)}-day orbit. Its radial-velocity semi-amplitude is ${rng.uniform(1, 90).toFixed(1)} m/s and the transit depth is ${rng.uniform(0.01, 2).toFixed(2)}%. Assuming a circular orbit and an edge-on inclination,`,
    options: [
      'the planet is a gas giant of about one Jupiter mass',
      'the planet is a rocky super-Earth',
      'the planet must be a brown dwarf',
      'the signal cannot come from a planet',
      'the planet lies in the habitable zone',
      'the star must be a white dwarf',
    ],
  },
  {
    field: 'electrochemistry',
    setup: (rng) =>
      `A galvanic cell pairs a ${rng.pick(['Zn/Zn²⁺', 'Cu/Cu²⁺', 'Ag/Ag⁺', 'Fe/Fe³⁺'])} half-cell with a ${rng.pick(['standard hydrogen electrode', 'Ni/Ni²⁺ half-cell', 'Pb/Pb²⁺ half-cell'])} at ${rng.int(280, 340)} K, with ion concentrations of ${rng.uniform(0.001, 2).toFixed(3)} M and ${rng.uniform(0.001, 2).toFixed(3)} M.`,
    options: [
      'the cell potential rises above its standard value',
      'the cell potential falls below its standard value',
      'the reaction is non-spontaneous',
      'the cell potential is exactly zero',
      'electrons flow toward the anode',
      'the Gibbs energy change is positive',
    ],
  },
];

const EXTRA = [
  'Neglect relativistic corrections but do not neglect second-order terms.',
  'Assume the measurement apparatus is ideal and the sample is isotopically pure.',
  'A colleague argues the effect is an artefact of the experimental set-up; account for this possibility.',
  'Two of the intermediate quantities must be estimated from the data given rather than looked up.',
];

const TIER_TOKENS = [60, 160, 380, 750];

export const gpqa: Family = {
  id: 'gpqa',
  source: 'gpqa',
  share: 0.04,
  tiers: [0, 0.1, 0.5, 0.4],
  difficulty: 1.3,
  guess: 0.25,
  truncatedCredit: () => 0.1,
  graded: false,
  write(rng: Rng, tier: Tier) {
    const s = rng.pick(SCENARIOS);
    const options = rng.shuffle([...s.options]).slice(0, 4);
    const answer = rng.int(0, 3);
    const extra = rng.shuffle([...EXTRA]).slice(0, Math.max(0, tier - 1));
    const text = [
      `The following is a graduate-level question in ${s.field}.`,
      '',
      `${s.setup(rng)} ${extra.join(' ')} Which of the following conclusions is best supported?`,
      '',
      ...options.map((o, i) => `(${'ABCD'[i]}) ${o}`),
      '',
      'Reason carefully and give the letter of the correct answer.',
    ].join('\n');
    return { text, goldenAnswer: 'ABCD'[answer]!, tokenComplexity: TIER_TOKENS[tier]! };
  },
};
