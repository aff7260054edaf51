import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The app's query debounce, read from src/App.tsx's source: importing App in Node would
 * pull in the whole UI (workers, stores, the dispatch client) just for one number.
 */
export function queryDebounceMs(appFile = resolve('src/App.tsx')): number {
  const match = /export const QUERY_DEBOUNCE_MS = (\d+);/.exec(readFileSync(appFile, 'utf8'));
  if (!match)
    throw new Error(`${appFile} no longer exports QUERY_DEBOUNCE_MS as a number literal; update bench/debounce.ts`);
  return Number(match[1]);
}
