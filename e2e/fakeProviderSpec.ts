import { expect, test, type Page } from '@playwright/test';
import { startFakeProvider, type FakeProvider } from './fakeProvider';

/**
 * Local fake providers for one spec file: started before its tests, emptied of recorded
 * requests and scripted failures before each, closed after. Call at the top of the file.
 */
export function fakeProvidersForSpec(count = 1): () => FakeProvider[] {
  let providers: FakeProvider[] = [];
  test.beforeAll(async () => {
    providers = await Promise.all(Array.from({ length: count }, () => startFakeProvider()));
  });
  test.afterAll(() => Promise.all(providers.map((p) => p.close())));
  test.beforeEach(() => {
    for (const p of providers) {
      p.requests.length = 0;
      p.scripted.clear();
    }
  });
  return () => providers;
}

/** The key must not be in the address, the markup, or (unless remembered) storage. */
export async function expectKeyNowhere(page: Page, key: string): Promise<void> {
  expect(page.url()).not.toContain(key);
  expect(await page.content()).not.toContain(key);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(key);
}
