/**
 * Where the tour card sits: in the corner of the screen where it covers least of what its step
 * talks about (nothing, wherever a corner allows), so the numbers it narrates stay in view.
 */

export type Dock = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

/** In order of preference: the card's usual place first. */
export const DOCKS: readonly Dock[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Size {
  left: number;
  top: number;
}

/** The card's size, the viewport's, and how far from the viewport's edges the card stays. */
export interface Frame {
  card: Size;
  viewport: Size;
  margin: number;
}

/** The card's box in a corner of the viewport. */
export function dockedBox(dock: Dock, { card, viewport, margin }: Frame): Box {
  return {
    left: dock.endsWith('left') ? margin : viewport.width - margin - card.width,
    top: dock.startsWith('top') ? margin : viewport.height - margin - card.height,
    ...card,
  };
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The first corner that leaves the target uncovered, else the one that covers least of it. */
export function pickDock(target: Box, frame: Frame): Dock {
  let best: Dock = DOCKS[0]!;
  let least = Infinity;
  for (const dock of DOCKS) {
    const covered = overlap(dockedBox(dock, frame), target);
    if (covered === 0) return dock;
    if (covered < least) [best, least] = [dock, covered];
  }
  return best;
}
