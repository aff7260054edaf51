import { expect, test, type Page } from '@playwright/test';
import { fakeProvidersFor, type FakeProvider } from './fakeProvider';

/** Local fake providers for one spec file (see `fakeProvidersFor`). Call at the top of the file. */
export function fakeProvidersForSpec(count = 1): () => FakeProvider[] {
  return fakeProvidersFor(
    {
      beforeAll: (fn) => test.beforeAll(fn),
      afterAll: (fn) => test.afterAll(fn),
      beforeEach: (fn) => test.beforeEach(fn),
    },
    count,
  );
}

/** The key must not be in the address, the markup, or (unless remembered) storage. */
export async function expectKeyNowhere(page: Page, key: string): Promise<void> {
  expect(page.url()).not.toContain(key);
  expect(await page.content()).not.toContain(key);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(key);
}
