/** Multiple choice: one question, four options, a one-letter answer, across school and professional subjects. */

const QUESTIONS: [question: string, options: [string, string, string, string]][] = [
  ['Which planet has the shortest year?', ['Venus', 'Mercury', 'Mars', 'Earth']],
  ['What does DNA polymerase do?', ['Cuts DNA', 'Copies DNA', 'Translates RNA', 'Folds proteins']],
  ['Which gas makes up most of Earth’s atmosphere?', ['Oxygen', 'Carbon dioxide', 'Nitrogen', 'Argon']],
  ['What is the time complexity of heapsort in the worst case?', ['O(n)', 'O(n log n)', 'O(n²)', 'O(log n)']],
  ['Which of these is a prime number?', ['51', '57', '59', '63']],
  ['In which year did the Berlin Wall fall?', ['1987', '1989', '1991', '1993']],
  ['Which organ produces insulin?', ['Liver', 'Kidney', 'Pancreas', 'Spleen']],
  ['What is the SI unit of electrical resistance?', ['Volt', 'Ohm', 'Ampere', 'Watt']],
  ['Which data structure gives first-in, first-out order?', ['Stack', 'Queue', 'Heap', 'Trie']],
  [
    'Who wrote “The Origin of Species”?',
    ['Gregor Mendel', 'Charles Darwin', 'Alfred Wallace', 'Jean-Baptiste Lamarck'],
  ],
  ['What is the derivative of eˣ?', ['x·eˣ⁻¹', 'eˣ', 'ln(x)', '1/x']],
  ['Which HTTP status code means “Not Found”?', ['401', '403', '404', '500']],
  ['Which layer of the OSI model does IP belong to?', ['Data link', 'Network', 'Transport', 'Session']],
  ['What is the capital of Australia?', ['Sydney', 'Melbourne', 'Canberra', 'Perth']],
  [
    'Which economic measure counts all final goods and services produced in a country in a year?',
    ['CPI', 'GDP', 'GNI per capita', 'Balance of trade'],
  ],
  ['What kind of bond holds the two strands of DNA together?', ['Ionic', 'Covalent', 'Hydrogen', 'Metallic']],
  ['Which sorting algorithm is stable?', ['Quicksort', 'Heapsort', 'Merge sort', 'Selection sort']],
  ['What is the boiling point of water at sea level in Fahrenheit?', ['100 °F', '180 °F', '212 °F', '273 °F']],
  ['Which of these is not a primary colour of light?', ['Red', 'Green', 'Blue', 'Yellow']],
  [
    'In statistics, what does a p-value measure?',
    [
      'The probability the null hypothesis is true',
      'How likely data this extreme are if the null hypothesis holds',
      'The effect size',
      'The sample’s variance',
    ],
  ],
  ['Which Shakespeare play features the character Prospero?', ['Macbeth', 'The Tempest', 'Othello', 'King Lear']],
  [
    'What is the main function of red blood cells?',
    ['Fight infection', 'Carry oxygen', 'Clot blood', 'Produce hormones'],
  ],
  ['Which keyword declares a constant binding in JavaScript?', ['var', 'let', 'const', 'static']],
  [
    'Which treaty ended the First World War with Germany?',
    ['Treaty of Paris', 'Treaty of Versailles', 'Treaty of Westphalia', 'Treaty of Utrecht'],
  ],
  ['What is 7 × 8?', ['54', '56', '58', '64']],
  ['Which of these is a renewable energy source?', ['Coal', 'Natural gas', 'Geothermal', 'Uranium']],
  ['Which protocol is used to send email between servers?', ['IMAP', 'POP3', 'SMTP', 'FTP']],
  ['Which part of a plant cell carries out photosynthesis?', ['Mitochondrion', 'Chloroplast', 'Nucleus', 'Vacuole']],
  [
    'In accounting, which statement shows a company’s assets, liabilities and equity at one date?',
    ['Income statement', 'Cash flow statement', 'Balance sheet', 'Statement of retained earnings'],
  ],
  [
    'What does a transformer’s attention layer compute from queries and keys?',
    ['Gradients', 'Attention weights', 'Token embeddings', 'Learning rates'],
  ],
  ['Which is the longest river in Africa?', ['Congo', 'Niger', 'Nile', 'Zambezi']],
  ['What is the chemical symbol for potassium?', ['P', 'Po', 'K', 'Pt']],
  [
    'Which Git command creates a new commit that undoes an earlier one?',
    ['git reset', 'git revert', 'git checkout', 'git stash'],
  ],
  ['Who painted “The Night Watch”?', ['Vermeer', 'Rembrandt', 'Rubens', 'Van Eyck']],
  [
    'Which law states that pressure times volume is constant for a gas at fixed temperature?',
    ['Charles’s law', 'Boyle’s law', 'Avogadro’s law', 'Hooke’s law'],
  ],
  [
    'Which of these is an example of supervised learning?',
    ['k-means clustering', 'Principal component analysis', 'Logistic regression on labelled data', 'An autoencoder'],
  ],
  ['How many sides does a dodecagon have?', ['10', '11', '12', '20']],
  ['Which vitamin does the skin make in sunlight?', ['Vitamin A', 'Vitamin C', 'Vitamin D', 'Vitamin K']],
  [
    'What does “idempotent” mean for an HTTP method?',
    ['It is cached', 'Repeating it has the same effect as doing it once', 'It has no body', 'It is encrypted'],
  ],
  ['Which ocean is the deepest?', ['Atlantic', 'Indian', 'Arctic', 'Pacific']],
  [
    'In a contract, what is “consideration”?',
    ['A polite clause', 'Something of value each party gives', 'A cooling-off period', 'A signature'],
  ],
  ['Which number is the binary 101101?', ['43', '45', '47', '53']],
  ['Which philosopher wrote “Critique of Pure Reason”?', ['Hume', 'Kant', 'Hegel', 'Locke']],
  ['Which blood type is the universal donor for red cells?', ['A+', 'AB+', 'O−', 'B−']],
  [
    'What does a router’s λ trade off in R2-style routing?',
    ['Speed and memory', 'Quality and cost', 'Recall and precision', 'Latency and throughput'],
  ],
  ['Which material is the best electrical conductor at room temperature?', ['Copper', 'Silver', 'Aluminium', 'Gold']],
  ['Which sequence is a geometric progression?', ['2, 4, 6, 8', '3, 9, 27, 81', '1, 4, 9, 16', '5, 10, 20, 25']],
  ['In Python, what does the expression [1, 2] * 2 give?', ['[2, 4]', '[1, 2, 1, 2]', '[[1, 2], [1, 2]]', 'An error']],
];

const LETTERS = ['A', 'B', 'C', 'D'];

export const CHOICE: readonly string[] = QUESTIONS.map(
  ([question, options]) =>
    `${question}\n${options.map((o, i) => `${LETTERS[i]}) ${o}`).join('\n')}\nAnswer with the letter only.`,
);
