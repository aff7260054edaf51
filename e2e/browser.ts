import { existsSync } from 'node:fs';

/**
 * The browser set-up shared by the e2e tests and the benchmark: Debian's Chromium
 * (Playwright's own browser download is not possible on our machines), overridable with
 * CHROMIUM_PATH.
 */

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install Debian's (sudo apt-get install chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary.`,
    );
  }
  return path;
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
