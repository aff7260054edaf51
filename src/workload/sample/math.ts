/** Math: word problems, algebra, calculus, probability and proofs, short to medium. */

const WRITTEN = [
  'A train leaves at 09:40 and arrives at 13:05. How long is the journey in minutes?',
  'Solve for x: 3x − 7 = 2x + 11.',
  'What is the derivative of x³ · ln(x)?',
  'Prove that the sum of two odd integers is always even.',
  'A recipe for 4 people uses 300 g of flour. How much flour is needed for 10 people?',
  'Find all real solutions of x² − 5x + 6 = 0.',
  'What is the probability of rolling two sixes with two fair dice?',
  'Compute the integral of sin(x)·cos(x) from 0 to π/2, showing each step.',
  'A shirt costs $48 after a 20% discount. What was its original price?',
  'In how many ways can 5 people sit in a row if two of them refuse to sit next to each other?',
  'Show that the square root of 3 is irrational.',
  'What is the sum of the interior angles of a heptagon?',
  'A car loses 15% of its value every year. What fraction of its value is left after 4 years?',
  'Find the greatest common divisor of 462 and 1071 with the Euclidean algorithm, writing out every step.',
  'Solve the system 2x + y = 7 and x − y = 2.',
  'What is the expected number of fair coin flips needed to see the first head? Explain why.',
  'Write 0.375 as a fraction in lowest terms.',
  'Is 391 a prime number? Explain how you checked.',
  'A 5 m ladder leans against a wall with its foot 3 m from the wall. How high up the wall does it reach?',
  'What is the limit of (1 + 1/n)^n as n grows without bound, and why?',
  'Find the eigenvalues and eigenvectors of the matrix [[2, 1], [1, 2]].',
  'A bag holds 3 red and 5 blue marbles. Two are drawn without replacement. What is the probability that both are blue?',
  'What is 15% of 15% of 2,000?',
  'Prove by induction that 1 + 2 + … + n = n(n + 1)/2 for every positive integer n.',
  'How long does money take to double at 6% yearly interest, compounded once a year? Give the exact formula and a rough figure.',
  'The mean of five numbers is 12. Four of them are 9, 14, 10 and 15. What is the fifth?',
  'What is the area of a circle inscribed in a square whose side is 10 cm?',
  'Simplify (x² − 9)/(x² + 6x + 9) and state for which x the simplification holds.',
  'What is the 20th term of the arithmetic sequence 7, 11, 15, …?',
  'In how many ways can a committee of 3 be chosen from 10 people? And if one of them must chair it?',
  'A tank fills in 6 hours with pipe A and in 9 hours with pipe B. How long with both open?',
  'Explain why dividing by zero is undefined, using the definition of division as the inverse of multiplication.',
  'Two dice are rolled. Given that the sum is 8, what is the probability that one die shows a 3?',
  'Find the minimum of f(x) = x² − 4x + 7 and the x where it occurs.',
  'A population of bacteria doubles every 20 minutes. Starting from 500, how many are there after 3 hours?',
];

/** Exercises of one shape with different numbers, as a class's homework has them. */
const EXERCISES: [(n: readonly number[]) => string, (readonly number[])[]][] = [
  [
    ([a, b, x, y]) =>
      `Pens cost $${a} each and notebooks $${b} each. How much do ${x} pens and ${y} notebooks cost together?`,
    [
      [3, 7, 12, 4],
      [2, 5, 9, 6],
      [4, 11, 3, 15],
      [6, 2, 20, 5],
    ],
  ],
  [
    ([a, b, c]) => `Solve for x: ${a}x + ${b} = ${c}. Check your answer by substituting it back.`,
    [
      [4, 9, 41],
      [7, -3, 25],
      [12, 30, 6],
      [5, 2.5, 20],
    ],
  ],
  [
    ([p, amount]) => `What is ${p}% of ${amount}? Show the calculation.`,
    [
      [35, 640],
      [12.5, 96],
      [180, 45],
      [3, 2_400],
    ],
  ],
  [
    ([d, h]) => `A cyclist rides ${d} km in ${h} hours. What is the average speed in km/h and in m/s?`,
    [
      [42, 1.5],
      [100, 4],
      [18, 0.75],
      [63, 2.25],
    ],
  ],
  [
    ([r, h]) => `A cylinder has radius ${r} cm and height ${h} cm. What are its volume and its surface area?`,
    [
      [3, 10],
      [1.5, 4],
      [7, 2],
      [10, 10],
    ],
  ],
];

export const MATH: readonly string[] = [
  ...WRITTEN,
  ...EXERCISES.flatMap(([exercise, numbers]) => numbers.map(exercise)),
];
