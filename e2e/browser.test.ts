import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, findChromium } from './browser';

const PLAYWRIGHTS = '/home/me/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const having =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, then Debian’s Chromium, then Playwright’s own', () => {
    const all = having('/opt/chrome', DEBIAN_CHROMIUM, PLAYWRIGHTS);
    expect(findChromium({ fromEnv: '/opt/chrome', playwrights: PLAYWRIGHTS, exists: all })).toBe('/opt/chrome');
    expect(findChromium({ fromEnv: undefined, playwrights: PLAYWRIGHTS, exists: all })).toBe(DEBIAN_CHROMIUM);
    expect(findChromium({ fromEnv: undefined, playwrights: PLAYWRIGHTS, exists: having(PLAYWRIGHTS) })).toBe(
      PLAYWRIGHTS,
    );
  });

  it('does not look elsewhere when CHROMIUM_PATH names nothing', () => {
    expect(() =>
      findChromium({ fromEnv: '/opt/none', playwrights: PLAYWRIGHTS, exists: having(DEBIAN_CHROMIUM) }),
    ).toThrow('CHROMIUM_PATH names /opt/none, where there is no browser');
  });

  it('names all three ways when there is no browser at all', () => {
    let message = '';
    try {
      findChromium({ fromEnv: undefined, playwrights: PLAYWRIGHTS, exists: having() });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('CHROMIUM_PATH');
    expect(message).toContain('sudo apt-get install chromium');
    expect(message).toContain(`${PLAYWRIGHTS} (npx playwright install chromium)`);
  });
});
