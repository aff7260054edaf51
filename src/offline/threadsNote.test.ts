import { describe, expect, it } from 'vitest';
import { threadsNote, type ThreadsFacts } from './threadsNote';

const facts = (over: Partial<ThreadsFacts>): ThreadsFacts => ({
  isolated: false,
  worker: 'active',
  reason: null,
  controlled: false,
  ...over,
});

describe('threadsNote', () => {
  it('says several threads when the page is isolated, whoever made it so', () => {
    expect(threadsNote(facts({ isolated: true, worker: 'off' }))).toMatchObject({
      threads: 'several',
      reloadHelps: false,
    });
    expect(threadsNote(facts({ isolated: true, controlled: true })).threads).toBe('several');
  });

  it('offers a reload on the first visit, once the service worker is active', () => {
    const note = threadsNote(facts({}));
    expect(note).toMatchObject({ threads: 'one', reloadHelps: true });
    expect(note.text).toContain('Reload once');
    expect(threadsNote(facts({ worker: 'installing' })).reloadHelps).toBe(false);
  });

  it('says why where no service worker can help', () => {
    const note = threadsNote(facts({ worker: 'unsupported', reason: 'a page opened from a file cannot run one' }));
    expect(note).toMatchObject({ threads: 'one', reloadHelps: false });
    expect(note.text).toContain('no service worker can make it so here (a page opened from a file cannot run one)');
    expect(threadsNote(facts({ controlled: true })).text).toContain('server’s own Cross-Origin headers');
  });
});
