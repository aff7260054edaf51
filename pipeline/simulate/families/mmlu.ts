import type { Rng } from '../../core/rng';
import type { Family, Tier } from './types';

/**
 * MMLU-Pro-like multiple choice: ten options A–J, the subject named in the preamble. Easy
 * subjects ask for recall (a letter is enough); hard ones ask for a derivation or a
 * computation, so they need a worked answer. Subject and stem wording carry the tier.
 */

interface Subject {
  name: string;
  tier: Tier;
  concepts: string[];
  options: string[];
}

const SUBJECTS: Subject[] = [
  {
    name: 'high school geography',
    tier: 0,
    concepts: ['a rain shadow', 'the tropic of Cancer', 'a river delta', 'urban sprawl', 'a monsoon climate'],
    options: [
      'dry land on the leeward side of a mountain range',
      'the northernmost latitude where the sun can be directly overhead',
      'sediment deposited where a river meets a slower body of water',
      'low-density development spreading from a city edge',
      'seasonal reversal of prevailing winds bringing heavy rain',
      'a line of constant longitude',
      'erosion caused by glaciers',
      'the migration of people from rural to urban areas',
      'a region of permanently frozen ground',
      'the boundary between two tectonic plates',
      'a cold ocean current along a western coast',
      'a landform created by wind deposition',
    ],
  },
  {
    name: 'nutrition',
    tier: 0,
    concepts: ['dietary fibre', 'vitamin C', 'iron deficiency', 'complete proteins', 'saturated fat'],
    options: [
      'it slows digestion and helps regulate blood sugar',
      'it is needed for collagen synthesis',
      'it commonly causes fatigue and anaemia',
      'they contain all nine essential amino acids',
      'it is usually solid at room temperature',
      'it is the main source of energy for the brain',
      'it is stored in adipose tissue',
      'it dissolves in fat rather than water',
      'it is produced by the skin in sunlight',
      'it is absorbed mainly in the large intestine',
      'it raises HDL cholesterol',
      'it cannot be digested by any human enzyme',
    ],
  },
  {
    name: 'high school biology',
    tier: 0,
    concepts: ['photosynthesis', 'mitosis', 'natural selection', 'the cell membrane', 'enzymes'],
    options: [
      'light energy is converted into chemical energy',
      'one cell divides into two genetically identical cells',
      'individuals with heritable advantageous traits leave more offspring',
      'it controls what enters and leaves the cell',
      'they lower the activation energy of reactions',
      'it happens only in animal cells',
      'it produces four haploid cells',
      'it occurs in the ribosome',
      'it requires oxygen as the final electron acceptor',
      'it is made mostly of cellulose',
      'traits acquired during life are passed on',
      'they are consumed by the reactions they speed up',
    ],
  },
  {
    name: 'macroeconomics',
    tier: 1,
    concepts: [
      'an expansionary fiscal policy',
      'a rise in the reserve requirement',
      'stagflation',
      'the multiplier effect',
      'a currency depreciation',
    ],
    options: [
      'aggregate demand shifts to the right',
      'the money supply contracts',
      'inflation and unemployment rise together',
      'an initial change in spending produces a larger change in output',
      'exports become cheaper for foreign buyers',
      'real interest rates fall to zero',
      'the long-run aggregate supply curve shifts left',
      'the government budget surplus grows',
      'the velocity of money becomes negative',
      'net exports fall immediately',
      'the natural rate of unemployment falls',
      'nominal wages become fully rigid',
    ],
  },
  {
    name: 'philosophy',
    tier: 1,
    concepts: [
      "Kant's categorical imperative",
      'utilitarianism',
      "Descartes' cogito",
      'the problem of induction',
      'virtue ethics',
    ],
    options: [
      'act only on maxims you could will to be universal laws',
      'the right act maximises overall well-being',
      'the act of doubting proves the existence of the thinker',
      'past regularities cannot justify predictions without circularity',
      'moral character rather than rules or outcomes is central',
      'knowledge comes only from sense experience',
      'moral claims are expressions of emotion',
      'the mind and body are one substance',
      'rights are granted by the state',
      'free will is an illusion',
      'the good is whatever a culture approves',
      'all knowledge is innate',
    ],
  },
  {
    name: 'computer science',
    tier: 1,
    concepts: ['a hash table', 'binary search', 'a deadlock', 'virtual memory', 'a race condition'],
    options: [
      'average constant-time lookup by key',
      'logarithmic search in a sorted array',
      'processes wait on each other in a cycle',
      'programs see more memory than is physically present',
      'the outcome depends on the timing of concurrent operations',
      'it guarantees worst-case constant time',
      'it works on unsorted data',
      'it only occurs on single-core machines',
      'it removes the need for a page table',
      'it is prevented by using recursion',
      'it always runs in quadratic time',
      'it stores keys in sorted order',
    ],
  },
  {
    name: 'professional law',
    tier: 2,
    concepts: [
      'the parol evidence rule',
      'adverse possession',
      'promissory estoppel',
      'the hearsay rule',
      'strict liability',
    ],
    options: [
      'prior agreements cannot contradict a fully integrated written contract',
      'continuous, open and hostile possession can ripen into title',
      'a promise reasonably relied upon may be enforced without consideration',
      'out-of-court statements offered for their truth are excluded',
      'liability attaches without proof of fault',
      'the contract is void for lack of capacity',
      'the statute of frauds bars enforcement',
      'the defendant owed no duty of care',
      'the court lacks personal jurisdiction',
      'the claim is barred by res judicata',
      'the evidence is admissible as a present sense impression',
      'the plaintiff assumed the risk',
    ],
  },
  {
    name: 'econometrics',
    tier: 2,
    concepts: [
      'heteroskedasticity',
      'an instrumental variable',
      'multicollinearity',
      'a unit root',
      'omitted variable bias',
    ],
    options: [
      'OLS estimates stay unbiased but the usual standard errors are wrong',
      'it must be correlated with the regressor and not with the error',
      'coefficient estimates have inflated variances',
      'shocks have permanent effects on the series',
      'the estimator is biased and inconsistent',
      'the R-squared must be negative',
      'the Durbin-Watson statistic equals 4',
      'the errors are normally distributed by construction',
      'the sample size must be below 30',
      'fixed effects remove all bias',
      'the t-statistics are exactly zero',
      'the model has no intercept',
    ],
  },
  {
    name: 'college physics',
    tier: 2,
    concepts: [
      'a block on a frictionless incline',
      'a charged capacitor',
      'a damped oscillator',
      'an ideal gas expanding adiabatically',
      'a rolling cylinder',
    ],
    options: [
      'g sin θ',
      'Q²/(2C)',
      'the amplitude decays exponentially',
      'its temperature falls',
      'one third of its kinetic energy is rotational',
      'g cos θ',
      'QV²',
      'the frequency increases without bound',
      'its internal energy is constant',
      'all of its kinetic energy is rotational',
      'g tan θ',
      'the period doubles',
    ],
  },
  {
    name: 'formal logic',
    tier: 3,
    concepts: [
      'the sentence (P → Q) ∧ ¬Q',
      'the argument form modus tollens',
      'the schema ∀x(Fx → Gx) ∧ ∃x¬Gx',
      'a biconditional with a false antecedent',
      'the sentence ¬(P ∨ Q)',
    ],
    options: [
      '¬P follows validly',
      'it is valid',
      '∃x¬Fx follows validly',
      'its truth value equals that of the consequent negated',
      '¬P ∧ ¬Q',
      'P follows validly',
      'it is invalid',
      '∀x¬Fx follows validly',
      'it is a tautology',
      'P ∨ ¬Q',
      'it is unsatisfiable',
      'Q follows validly',
    ],
  },
  {
    name: 'quantum mechanics',
    tier: 3,
    concepts: [
      'a particle in an infinite square well',
      'the commutator [x, p]',
      'a spin-1/2 particle in a magnetic field',
      'the hydrogen ground state',
      'two identical fermions',
    ],
    options: [
      'its energy levels scale as n²',
      'iħ',
      'it precesses at the Larmor frequency',
      'its energy is −13.6 eV',
      'their total wavefunction is antisymmetric',
      'its energy levels are evenly spaced',
      '0',
      'its spin is frozen',
      'its energy is −3.4 eV',
      'they can share all quantum numbers',
      'ħ/2',
      'its energy levels scale as 1/n',
    ],
  },
  {
    name: 'jurisprudence',
    tier: 3,
    concepts: [
      "Hart's rule of recognition",
      "Dworkin's right answer thesis",
      'legal realism',
      "Fuller's inner morality of law",
      "Kelsen's Grundnorm",
    ],
    options: [
      'a social rule identifying valid law by the practice of officials',
      'hard cases have uniquely correct answers drawn from principles',
      'law is what judges actually do',
      'law must meet procedural criteria such as generality and clarity',
      'a presupposed norm grounding the validity of a legal order',
      'law is the command of a sovereign backed by threats',
      'morality and law are identical',
      'there is no law without a written constitution',
      'custom is never a source of law',
      'judges never make law',
      'natural law overrides all statutes',
      'legal validity depends on popularity',
    ],
  },
];

const LETTERS = 'ABCDEFGHIJ';

const STEMS: Record<Tier, ((c: string) => string)[]> = {
  0: [
    (c) => `Which of the following best describes ${c}?`,
    (c) => `What is true of ${c}?`,
    (c) => `Which statement about ${c} is correct?`,
  ],
  1: [
    (c) => `Which of the following is the most accurate characterisation of ${c}?`,
    (c) => `A student claims to understand ${c}. Which of the following statements would show that they do?`,
    (c) => `In the context of ${c}, which of the following is most likely to hold?`,
  ],
  2: [
    (c) =>
      `Consider ${c}. Working through the relevant principles step by step, which of the following conclusions is correct?`,
    (c) =>
      `An examiner presents the following scenario involving ${c}. Taking into account every condition stated, which outcome follows?`,
    (c) =>
      `Suppose the standard assumptions hold for ${c}. Which of the following must be true, and which merely may be true?`,
  ],
  3: [
    (c) =>
      `Evaluate ${c} rigorously. Several of the options below are true in special cases only; identify the one that holds in general.`,
    (c) =>
      `Consider ${c} under the strictest reading of the relevant theory. After deriving the consequences formally, which of the following is correct?`,
    (c) =>
      `The following problem concerns ${c}. Note that some options contain subtle errors in sign, scope or quantification. Which option is correct?`,
  ],
};

const TIER_TOKENS = [4, 25, 140, 320];

export const mmlu: Family = {
  id: 'mmlu',
  source: 'mmlu_pro',
  share: 0.26,
  tiers: [0.3, 0.3, 0.25, 0.15],
  difficulty: 0.2,
  guess: 0.1,
  truncatedCredit: () => 0.15,
  graded: false,
  write(rng: Rng, tier: Tier) {
    const subject = rng.pick(SUBJECTS.filter((s) => s.tier === tier));
    const options = rng.shuffle([...subject.options]).slice(0, 10);
    const answer = rng.int(0, 9);
    const stem = rng.pick(STEMS[tier])(rng.pick(subject.concepts));
    const lines = options.map((o, i) => `${LETTERS[i]}. ${o}`);
    const text = [
      `The following is a multiple choice question about ${subject.name}.`,
      '',
      `Question: ${stem}`,
      'Options:',
      ...lines,
      '',
      tier >= 2
        ? 'Think step by step, then finish with "The answer is (X)".'
        : 'Answer with the letter of the correct option.',
    ].join('\n');
    return { text, goldenAnswer: LETTERS[answer]!, tokenComplexity: TIER_TOKENS[tier]! };
  },
};
