import type { Page } from '@playwright/test';
import type { KeyTiming } from './probes';
import { probe } from './page';

/** Letters only: every one changes the hashed features, so every prediction moves the curves. */
const TYPED = 'andwhatifthetrainstopstwiceforfiveminuteseachtimealongtheway';

export interface KeystrokeRun {
  timings: KeyTiming[];
  /** Keystrokes whose curves never all changed within the time limit (left out of the figures). */
  unchanged: number;
}

/**
 * Types `count` characters at the end of the query (or from character `caret` on), one at a
 * time: each waits until every curve has been redrawn for the new text, so keystrokes never overlap.
 */
export async function typeAndTime(
  page: Page,
  count: number,
  timeoutMs = 5_000,
  caret: 'end' | number = 'end',
): Promise<KeystrokeRun> {
  const input = page.getByTestId('query-input');
  await input.focus();
  if (caret === 'end') await page.keyboard.press('Control+End');
  else await input.evaluate((el, at) => (el as HTMLTextAreaElement).setSelectionRange(at, at), caret);
  const timings: KeyTiming[] = [];
  let unchanged = 0;
  for (let i = 0; i < count; i++) {
    await probe(page, 'window.__bench.armKey()');
    await page.keyboard.press(TYPED[i % TYPED.length]!);
    const t = await probe<KeyTiming>(page, `window.__bench.keyResult(${timeoutMs})`);
    if (t.allCurvesAt === null) unchanged++;
    else timings.push(t);
  }
  return { timings, unchanged };
}
