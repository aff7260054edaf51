/** Built-in queries, one per kind of task the router has to tell apart. */
export const EXAMPLES: readonly { label: string; text: string }[] = [
  { label: 'Arithmetic', text: 'A train travels 180 km in 2.5 hours. What is its average speed in km/h?' },
  {
    label: 'Competition math',
    text: 'Find the number of ordered pairs of positive integers (m, n) such that m^2 n = 20^20. Show your reasoning and give the final answer.',
  },
  {
    label: 'Multiple choice',
    text: 'Which of the following best explains why the sky appears blue during the day?\n(A) The ocean reflects blue light into the atmosphere\n(B) Shorter wavelengths of sunlight are scattered more strongly by air molecules\n(C) Ozone absorbs red light\n(D) The sun emits mostly blue light\nAnswer with the letter only.',
  },
  {
    label: 'Coding',
    text: 'Write a Python function that returns the longest palindromic substring of a string in O(n^2) time, with a short explanation and two test cases.',
  },
  {
    label: 'Open chat',
    text: 'I have a job interview for a product manager role tomorrow. Any advice on how to prepare tonight?',
  },
  {
    label: 'Summarisation',
    text: 'Summarise the following passage in two sentences:\nThe city council met on Tuesday to debate the new transit plan. Supporters argued that expanding bus rapid transit would cut commute times by a third and reduce emissions, while opponents worried about the cost of dedicated lanes and the loss of street parking for local shops. After four hours of testimony, the council voted 7–4 to fund a pilot on two corridors, with a review scheduled after eighteen months.',
  },
];
