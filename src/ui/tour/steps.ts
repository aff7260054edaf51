import { RELEASE_DEFAULT_LAMBDA } from '../../config';
import { formatLambda, usdPerTenthQuality } from '../../router/lambdaScale';
import type { Contrast } from '../../router/contrast';
import type { Candidate } from '../../router/types';
import type { ViewPatch } from '../../state/viewState';
import { EXAMPLES } from '../examples';
import { formatBudget, formatQuality, formatUsd } from '../format';

/** What a step's narration reads: the numbers on screen now, so it stays true as the person explores. */
export interface TourFacts {
  models: number;
  lambda: number;
  r2: Candidate | null;
  reactive: Candidate | null;
  /** Segments of R2's λ map. */
  segments: number;
}

export interface TourStep {
  title: string;
  /** The data-testid of the part of the screen the step talks about. */
  target: string;
  /** What the step sets when it opens; `contrast` (step 4) is the λ where the routers differ most tellingly. */
  view: (contrast: Contrast | null) => ViewPatch;
  /** Whether the step needs the contrast λ before it can set its view. */
  needsContrast?: boolean;
  text: (facts: TourFacts) => string;
}

const STORY_QUERY = EXAMPLES.find((e) => e.label === 'Competition math')!.text;

const pair = (c: Candidate) => `${c.model} (${formatBudget(c.budget)})`;
const priced = (c: Candidate) => `quality ${formatQuality(c.quality)} for ${formatUsd(c.costUsd)}`;

/**
 * The R2 story in seven steps, on a built-in example: one curve; λ; the cap; strong-and-brief
 * beats weak-and-long; the frontier; the λ map; dispatching for real. `?tour=N` opens step N.
 */
export const TOUR: readonly TourStep[] = [
  {
    title: 'One curve per LLM',
    target: 'curves-chart',
    view: () => ({ query: STORY_QUERY, xAxis: 'tokens', capKind: 'tokens', cap: null, lambda: RELEASE_DEFAULT_LAMBDA }),
    text: (f) =>
      `For this competition-math question the predictor draws ${f.models} curves: each LLM's predicted quality if told to answer in at most 10, 100, … 4,000 tokens. The diamond is the LLM's natural length, with no instruction. A short budget costs less and usually scores lower.`,
  },
  {
    title: 'λ prices quality against cost',
    target: 'lambda-slider',
    view: () => ({ lambda: RELEASE_DEFAULT_LAMBDA }),
    text: (f) =>
      `R2 picks the pair that maximises (1 − λ)·quality − λ·cost. At λ = ${formatLambda(f.lambda)} it will pay up to ${formatUsd(usdPerTenthQuality(f.lambda))} for 0.1 more predicted quality${f.r2 ? `, and chooses ${pair(f.r2)}` : ''}. Drag left to buy quality, right to save money.`,
  },
  {
    title: 'A cap on every call',
    target: 'budget-slider',
    view: () => ({ capKind: 'tokens', cap: { kind: 'tokens', max: 200 } }),
    text: (f) =>
      `Now no call may produce more than 200 output tokens. R2 still chooses among every budget under the cap${f.r2 ? `: ${pair(f.r2)}, ${priced(f.r2)}` : ''}. The reactive router can only drop the LLMs whose natural answers are too long${f.reactive ? `, and is left with ${f.reactive.model}` : ''}.`,
  },
  {
    title: 'Strong and brief beats weak and long',
    target: 'decision',
    needsContrast: true,
    view: (c) => ({ capKind: 'tokens', cap: null, lambda: c?.lambda ?? RELEASE_DEFAULT_LAMBDA }),
    text: (f) =>
      f.r2 && f.reactive && f.r2.model !== f.reactive.model
        ? `At λ = ${formatLambda(f.lambda)} R2 tells ${f.r2.model} to be brief: ${pair(f.r2)}, ${priced(f.r2)}. The reactive router, choosing only the LLM, sends ${f.reactive.model} at its natural length: ${priced(f.reactive)}. Length is a second control, and here it wins.`
        : `On this query both routers send ${f.r2 ? f.r2.model : 'the same LLM'} at λ = ${formatLambda(f.lambda)}: no λ makes R2 send a length-limited call to another LLM. Try another example.`,
  },
  {
    title: 'The efficient frontier',
    target: 'curves-chart',
    view: () => ({ xAxis: 'usd' }),
    text: () =>
      'On the cost axis, the grey hull joins every (LLM, budget) R2 could choose at some λ; nothing above it exists, nothing below it is ever chosen. The curved line through R2’s choice is its iso-score line: every point on it scores the same at this λ. The dashed hull is the reactive router’s, from natural lengths only: the gap between the two is what length control buys.',
  },
  {
    title: 'The λ map',
    target: 'lambda-map',
    view: () => ({}),
    text: (f) =>
      `The ribbon under the slider shows R2's choice for every λ at once: ${f.segments} stretches, coloured by LLM and labelled with the budget. The breakpoints are exact, from the frontier's slopes. Click a stretch to move λ there; the thin ribbon below is the reactive router's.`,
  },
  {
    title: 'Send it for real',
    target: 'dispatch-panel',
    view: () => ({}),
    text: (f) =>
      `The dispatch panel sends ${f.r2 ? pair(f.r2) : 'R2’s choice'} to your provider with your own key, adding “respond in at most k tokens” to the prompt, and shows the actual tokens and cost beside the prediction. The key stays in this tab unless you ask to remember it.`,
  },
];
