import { describe, expect, it } from 'vitest';
import { dockedBox, pickDock } from './dock';

const frame = { card: { width: 440, height: 290 }, viewport: { width: 1280, height: 720 }, margin: 20 };

describe('the tour card’s corner', () => {
  it('stays bottom right when that leaves its target in view', () => {
    expect(pickDock({ left: 20, top: 140, width: 620, height: 570 }, frame)).toBe('bottom-right');
  });

  it('moves to the bottom left when the target is the decision on the stage’s right', () => {
    const decision = { left: 650, top: 233, width: 610, height: 211 };
    const dock = pickDock(decision, frame);
    expect(dock).toBe('bottom-left');
    expect(dockedBox(dock, frame)).toEqual({ left: 20, top: 410, width: 440, height: 290 });
  });

  it('covers least where every corner covers some of a target filling the screen', () => {
    const big = { left: 0, top: 0, width: 1280, height: 600 };
    // Bottom corners reach 120 px below the target: they cover less of it than the top ones.
    expect(pickDock(big, frame)).toBe('bottom-right');
    const tall = { left: 0, top: 100, width: 1280, height: 620 };
    expect(pickDock(tall, frame)).toBe('top-right');
  });
});
