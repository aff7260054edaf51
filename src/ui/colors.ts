/**
 * One stable colour per pool position: the category-10 palette (distinct hues, readable on
 * white) extended with darker variants for pools of more than ten LLMs.
 */
const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
  '#393b79',
  '#843c39',
  '#637939',
  '#7b4173',
  '#8c6d31',
  '#3182bd',
];

export function colorFor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
