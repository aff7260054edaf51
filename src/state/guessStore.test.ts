import { describe, expect, it } from 'vitest';
import { createGuessStore } from './guessStore';

describe('the guess store', () => {
  it('counts one guess per situation and keeps a running score', () => {
    const store = createGuessStore();
    store.getState().guess('q|0.9', { model: 'a', budget: 100 }, true);
    store.getState().guess('q|0.9', { model: 'b', budget: 10 }, false);
    expect(store.getState()).toMatchObject({ right: 1, played: 1, round: { pick: { model: 'a', budget: 100 } } });
    store.getState().guess('q|0.99', { model: 'b', budget: 'unlimited' }, false);
    expect(store.getState()).toMatchObject({ right: 1, played: 2, round: { situation: 'q|0.99' } });
    store.getState().resetScore();
    expect(store.getState()).toMatchObject({ right: 0, played: 0, round: null });
  });
});
