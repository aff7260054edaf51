import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * The browser set-up shared by the e2e tests and the benchmark. Nothing is downloaded at test
 * time: the browser is the one CHROMIUM_PATH names, else Debian's, else the one
 * `npx playwright install chromium` put in Playwright's cache.
 */

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumPlaces {
  /** CHROMIUM_PATH, when set. */
  fromEnv: string | undefined;
  /** Where Playwright's own Chromium is, once installed. */
  playwrights: string;
  exists: (path: string) => boolean;
}

/** The first Chromium of the three places; a message naming all three when there is none. */
export function findChromium({ fromEnv, playwrights, exists }: ChromiumPlaces): string {
  if (fromEnv !== undefined) {
    if (exists(fromEnv)) return fromEnv;
    throw new Error(
      `CHROMIUM_PATH names ${fromEnv}, where there is no browser. Point it at a Chromium or Chrome binary.`,
    );
  }
  const found = [DEBIAN_CHROMIUM, playwrights].find(exists);
  if (found) return found;
  throw new Error(
    [
      'No Chromium found. The tests look, in order, for:',
      '  1. the browser CHROMIUM_PATH names (a Chromium or Chrome binary),',
      `  2. Debian's Chromium at ${DEBIAN_CHROMIUM} (sudo apt-get install chromium),`,
      `  3. Playwright's own Chromium at ${playwrights} (npx playwright install chromium).`,
    ].join('\n'),
  );
}

export function chromiumPath(): string {
  return findChromium({
    fromEnv: process.env.CHROMIUM_PATH,
    playwrights: chromium.executablePath(),
    exists: existsSync,
  });
}

/** Quiet, reproducible runs: no GPU, no background traffic, no first-run UI. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
