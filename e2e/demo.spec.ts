import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_RELEASE } from '../src/importer/__fixtures__/releaseFixtures';
import { choice, openApp, typeQuery } from './app';

/** A demo in front of a room: history, the modes' manners, free and extreme prices, the stage, long queries, huge files. */

/** A small workload: five kinds of question. */
const QUERIES = [
  'capital cities',
  'merging sorted lists',
  'irrational numbers',
  'the First World War',
  'integrals',
].map((topic, i) => `Question ${i + 1}: tell me about ${topic}, briefly.`);

const bundle = process.env.E2E_BUNDLE ?? 'default';
const POOL = (
  JSON.parse(readFileSync(join('models', bundle, 'manifest.json'), 'utf8')) as { pool: { name: string }[] }
).pool.map((m) => m.name);
const CHEAPEST = POOL.at(-1)!;

/** A pool link parameter giving every LLM named the same change. */
const poolParam = (names: readonly string[], change: object) =>
  JSON.stringify(Object.fromEntries(names.map((n) => [n, change])));

/** What the test browser itself says when it blocks the app's service worker (playwright.config.ts): not the page's problem. */
const HARNESS = /^Service Worker registration blocked by Playwright$/;

/** Every console error or warning and uncaught error of the page, from now on. */
function problems(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !HARNESS.test(m.text())) seen.push(m.text());
  });
  page.on('pageerror', (e) => seen.push(e.message));
  return seen;
}

/** Attributes of the chart's SVG that hold NaN or Infinity: a number the browser could not draw. */
function undrawable(page: Page): Promise<string[]> {
  return page
    .getByTestId('curves-chart')
    .evaluate((chart) =>
      [...chart.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => /NaN|Infinity/.test(a.value)).map((a) => `${el.tagName}.${a.name}=${a.value}`),
      ),
    );
}

async function pickQueries(page: Page, queries: readonly string[], name = 'q.txt'): Promise<void> {
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(queries.join('\n')) });
}

async function openWorkload(page: Page, params: Record<string, string> = {}): Promise<void> {
  await openApp(page, { ...params, view: 'workload' });
  await expect(page.getByTestId('workload-file')).toBeEnabled();
}

test.describe('history', () => {
  test('views and modes add history entries; Back and Forward bring them back, the workload kept', async ({ page }) => {
    await openApp(page);
    const entries = () => page.evaluate(() => history.length);
    const start = await entries();
    // λ and the query replace the current entry.
    await typeQuery(page, 'What is 17 times 23?');
    await page.getByTestId('lambda-slider').focus();
    await page.keyboard.press('End');
    await expect(page).toHaveURL(/lambda=1(&|$)/);
    expect(await entries()).toBe(start);

    await page.getByTestId('workload').click();
    await pickQueries(page, QUERIES);
    await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', String(QUERIES.length));
    expect(await entries()).toBe(start + 1);

    await page.goBack();
    await expect(page.getByTestId('workload')).toBeVisible();
    await expect(page).not.toHaveURL(/view=workload/);
    await expect(page.getByTestId('query-input')).toHaveValue('What is 17 times 23?');
    await page.goForward();
    await expect(page).toHaveURL(/view=workload/);
    await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', String(QUERIES.length));
    await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-routing', 'false');

    // Present mode, guess mode and each tour step are places too.
    await page.getByTestId('workload-back').click();
    for (const mode of ['present-mode', 'guess-mode', 'tour-start'] as const) {
      const before = await entries();
      await page.getByTestId(mode).click();
      await expect.poll(entries).toBe(before + 1);
    }
    await page.getByTestId('tour-next').click();
    await expect(page).toHaveURL(/tour=2/);
    await page.goBack();
    await expect(page.getByTestId('tour')).toHaveAttribute('data-step', '1');
    await page.goBack();
    await expect(page.getByTestId('tour')).toHaveCount(0);
    await page.goBack();
    await expect(page.getByTestId('guess-mode')).toHaveAttribute('aria-pressed', 'false');
    await page.goBack();
    await expect(page.getByTestId('present-mode')).toHaveAttribute('aria-pressed', 'false');
  });
});

test.describe('the tour and guess mode keep the person’s setup', () => {
  test('closing the tour at step 1 puts the query, λ and axis back, and the tour’s view can be kept', async ({
    page,
  }) => {
    await openApp(page);
    await typeQuery(page, 'My own question about rivers and their deltas.');
    await page.getByTestId('lambda-slider').focus();
    await page.keyboard.press('End');
    await page.getByTestId('x-axis-mode').click();
    await expect(page.getByTestId('x-axis-mode')).toHaveAttribute('data-mode', 'usd');

    await page.getByTestId('tour-start').click();
    await expect(page.getByTestId('query-input')).toHaveValue(/ordered pairs of positive integers/);
    await expect(page.getByTestId('x-axis-mode')).toHaveAttribute('data-mode', 'tokens');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('tour')).toHaveCount(0);
    await expect(page.getByTestId('query-input')).toHaveValue('My own question about rivers and their deltas.');
    await expect(page.getByTestId('lambda-value')).toHaveText('λ = 1');
    await expect(page.getByTestId('x-axis-mode')).toHaveAttribute('data-mode', 'usd');

    const restored = page.getByTestId('setup-restored');
    await expect(restored).toContainText('back as you left them');
    await page.getByTestId('setup-keep-mode').click();
    await expect(page.getByTestId('query-input')).toHaveValue(/ordered pairs of positive integers/);
    await expect(restored).toHaveCount(0);
  });

  test('leaving guess mode after a next question puts the person’s query and λ back', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'My own question about the price of tea.');
    await page.getByTestId('guess-mode').click();
    await page.getByTestId('guess-next').click();
    await expect(page.getByTestId('query-input')).not.toHaveValue('My own question about the price of tea.');
    const lambda = await page.getByTestId('lambda-value').textContent();
    await page.getByTestId('guess-next').click();
    await page.getByTestId('guess-mode').click();
    await expect(page.getByTestId('query-input')).toHaveValue('My own question about the price of tea.');
    await expect(page.getByTestId('lambda-value')).not.toHaveText(lambda!);
    await expect(page.getByTestId('setup-restored')).toContainText('Guess mode is off');
  });
});

test.describe('money at the edges', () => {
  test('a free LLM: a true verdict, free calls on the USD axis at $0, no NaN and no console error', async ({
    page,
  }) => {
    const seen = problems(page);
    await openApp(page, { pool: poolParam([CHEAPEST], { inputPerMillion: 0, outputPerMillion: 0 }) });
    await typeQuery(page, 'A train travels 180 km in 2.5 hours. What is its average speed in km/h?');
    const r2 = await choice(page, 'selection');
    const reactive = await choice(page, 'baseline-selection');
    const verdict = page.getByTestId('verdict');
    if (r2.model !== reactive.model || r2.budget !== reactive.budget) {
      await expect(verdict).toBeVisible();
      const text = (await verdict.textContent())!;
      expect(text).not.toMatch(/\b0% (cheaper|dearer)/);
      if (r2.costUsd > reactive.costUsd) expect(text).not.toMatch(/cheaper|free\b/);
      if (reactive.costUsd === 0 && r2.costUsd > 0) expect(text).toMatch(/costs \$[\d.]+ more/);
      if (r2.costUsd === 0 && reactive.costUsd > 0) expect(text).toMatch(/\bfree\b/);
    }

    await page.getByTestId('x-axis-mode').click();
    const chart = page.getByTestId('curves-chart');
    await expect(chart.locator('.recharts-cartesian-axis-tick-value').first()).toHaveText('$0');
    await expect(chart.getByTestId('axis-break')).toHaveCount(1);
    // The free LLM's diamond is drawn inside the plot, at the $0 mark.
    const plot = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
    const diamond = (await chart.locator(`.natural-marker[data-model="${CHEAPEST}"]`).boundingBox())!;
    expect(diamond.x + diamond.width / 2).toBeGreaterThanOrEqual(plot.x);
    expect(await undrawable(page)).toEqual([]);
    expect(seen).toEqual([]);
  });

  test('every price at zero: the chart still draws, both calls are free, nothing is NaN', async ({ page }) => {
    const seen = problems(page);
    await openApp(page, { x: 'usd', pool: poolParam(POOL, { inputPerMillion: 0, outputPerMillion: 0 }) });
    await typeQuery(page, 'Explain how a transformer language model works, step by step.');
    await expect(page.getByTestId('curves-chart').locator('.curve-line')).toHaveCount(POOL.length);
    const r2 = await choice(page, 'selection');
    const reactive = await choice(page, 'baseline-selection');
    expect([r2.costUsd, reactive.costUsd]).toEqual([0, 0]);
    if (r2.model !== reactive.model || r2.budget !== reactive.budget) {
      await expect(page.getByTestId('verdict')).toContainText('both free');
    }
    await expect(page.getByTestId('explanation')).not.toContainText('quality per dollar');
    expect(await undrawable(page)).toEqual([]);
    expect(seen).toEqual([]);
  });

  test('the workload summary agrees with its table with a free LLM, and with every price at zero', async ({ page }) => {
    for (const free of [[CHEAPEST], POOL]) {
      await openWorkload(page, { pool: poolParam(free, { inputPerMillion: 0, outputPerMillion: 0 }) });
      await pickQueries(page, QUERIES);
      await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-routing', 'false');
      const quality = page.locator('.workload-summary tbody tr').filter({ hasText: 'mean predicted quality' });
      const [r2, reactive] = (await quality.locator('td').allTextContents()).map(Number);
      const savings = page.getByTestId('workload-savings');
      if (r2! >= reactive!) await expect(savings).not.toContainText('does not reach');
      if (free === POOL) await expect(savings).toContainText('free calls only');
      await expect(savings).not.toContainText('NaN');
    }
  });

  test('a price past the bound is refused with a message, and the pool keeps the last good one', async ({ page }) => {
    await openApp(page);
    const price = page.getByLabel(`${CHEAPEST} output price per million tokens`);
    const before = await price.inputValue();
    await price.fill('1e12');
    await expect(page.getByRole('alert').filter({ hasText: 'at most $10,000 per 1M tokens' })).toBeVisible();
    await price.blur();
    await expect(page).not.toHaveURL(/1000000000000|1e%2B?12/);
    await price.fill(before);
    await expect(page.getByRole('alert').filter({ hasText: 'at most' })).toHaveCount(0);
  });
});

test('with every LLM disabled, the workload view says so instead of a plan of zeros', async ({ page }) => {
  await openWorkload(page, { pool: poolParam(POOL, { enabled: false }) });
  await pickQueries(page, QUERIES);
  await expect(page.getByTestId('workload-read')).toContainText(`${QUERIES.length} queries`);
  await expect(page.getByTestId('workload-no-llm')).toHaveText(
    'Every LLM is disabled: turn one on in the pool editor.',
  );
  await expect(page.getByTestId('workload-plan')).toHaveCount(0);
  // One LLM on again: the plan routes every query to it.
  await page.getByTestId('workload').getByLabel(`use ${CHEAPEST}`).check();
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', String(QUERIES.length));
  await expect(page.getByTestId('workload-no-llm')).toHaveCount(0);
});

test('a 2,500-character query survives a reload; the link still says it left the query out', async ({
  page,
  browser,
}) => {
  await openApp(page);
  const long = 'Summarise the following notes on river deltas, sediment and tides. '.repeat(40).slice(0, 2_500);
  await page.getByTestId('query-input').fill(long);
  await expect(page).toHaveURL(/qkept=/);
  expect(page.url()).not.toContain('Summarise');
  await page.reload();
  await expect(page.getByTestId('query-input')).toHaveValue(long);
  await expect(page.getByTestId('query-left-out')).toHaveCount(0);

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('share-button').click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toContainText('left out');

  // The same link on another device (a fresh profile): the query is not there, and the page says so.
  const other = await browser.newContext();
  try {
    const elsewhere = await other.newPage();
    await elsewhere.goto(page.url());
    await expect(elsewhere.getByTestId('query-left-out')).toBeVisible({ timeout: 30_000 });
    await expect(elsewhere.getByTestId('query-input')).not.toHaveValue(long);
  } finally {
    await other.close();
  }
});

test.describe('the stage at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('present mode shows the chart and legend, both decisions, the λ map and the explanation with no scroll', async ({
    page,
  }) => {
    await openApp(page, { present: '1' });
    await expect(page.getByTestId('explanation')).toBeVisible();
    await expect(page.getByTestId('curves-chart').locator('.curve-line').first()).toBeAttached();
    const { scroll, height } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollHeight,
      height: window.innerHeight,
    }));
    expect(scroll).toBeLessThanOrEqual(height);
    for (const id of ['curves-chart', 'selection', 'baseline-selection', 'lambda-map', 'explanation', 'verdict']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.y + box.height, id).toBeLessThanOrEqual(720);
    }
    const legend = (await page.locator('.chart-panel .legend').boundingBox())!;
    expect(legend.y + legend.height).toBeLessThanOrEqual(720);
    // Nothing scrolls inside the stage either.
    const right = await page.locator('.right').evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(right).toBeLessThanOrEqual(0);
  });

  test('the step-4 card leaves the numbers it narrates in view', async ({ page }) => {
    await openApp(page, { present: '1', tour: '4' });
    const tour = page.getByTestId('tour');
    await expect(tour).toContainText('Length is a second control');
    await expect(tour).toHaveAttribute('data-dock', /left/);
    const card = (await tour.boundingBox())!;
    for (const id of ['selection', 'baseline-selection']) {
      const numbers = (await page.getByTestId(id).locator('dl').boundingBox())!;
      const apart =
        numbers.x + numbers.width <= card.x ||
        card.x + card.width <= numbers.x ||
        numbers.y + numbers.height <= card.y ||
        card.y + card.height <= numbers.y;
      expect(apart, id).toBe(true);
    }
  });
});

test('a 200,000-line file: Cancel answers while it is read and while it predicts', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'r2-huge-'));
  try {
    const file = join(dir, 'huge.txt');
    writeFileSync(
      file,
      Array.from({ length: 200_000 }, (_, i) => `${QUERIES[i % QUERIES.length]} (case ${i})`).join('\n'),
    );
    await openWorkload(page);
    const status = page.locator('.workload-status');

    // At once, while the file is read.
    await page.getByTestId('workload-file').setInputFiles(file);
    await page.getByTestId('workload-cancel').click();
    await expect(page.getByTestId('workload-cancelled')).toBeVisible();
    await expect(status).toHaveAttribute('data-status', 'cancelled');

    // Again, once predictions arrive: what was predicted is routed.
    await page.getByTestId('workload-file').setInputFiles(file);
    await expect
      .poll(async () => Number(await page.getByTestId('workload-progress').getAttribute('value')), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await page.getByTestId('workload-cancel').click();
    await expect(page.getByTestId('workload-cancelled')).toContainText('of 200,000 queries');
    await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-routing', 'false', { timeout: 60_000 });
    const routed = Number(await page.getByTestId('workload-plan').getAttribute('data-queries'));
    expect(routed).toBeGreaterThan(0);
    expect(routed).toBeLessThan(200_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.describe('smaller things', () => {
  test('the candidates table stays inside its panel at 1400 px', async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await openApp(page);
    await typeQuery(page, 'Prove that the square root of 2 is irrational.');
    const table = page.getByTestId('candidates-table');
    const { tableRight, contentRight } = await table.evaluate((el) => {
      const panel = el.closest('.panel')!;
      const padding = parseFloat(getComputedStyle(panel).paddingRight);
      return {
        tableRight: el.getBoundingClientRect().right,
        contentRight: panel.getBoundingClientRect().right - padding,
      };
    });
    expect(tableRight).toBeLessThanOrEqual(contentRight + 0.5);
    await expect(table.locator('tbody tr').first().locator('td').last()).toBeVisible();
  });

  test('an empty query has no input tokens', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('query-input').fill('');
    await expect(page.getByTestId('input-tokens')).toHaveText('0 chars · ≈0 input tokens');
  });

  test('at the lowest USD cap the explanation never moves a price from a value to the same value', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'Write a haiku about autumn leaves.');
    await page.getByTestId('cap-mode').click();
    await page.getByTestId('budget-slider').focus();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('cap-value')).not.toHaveAttribute('data-cap-max', '');
    const explanation = page.getByTestId('explanation');
    if ((await explanation.count()) > 0) {
      for (const sentence of await explanation.locator('li').allTextContents()) {
        const move = /from (\$[\d.]+) to (\$[\d.]+)/.exec(sentence);
        if (move) expect(move[1], sentence).not.toBe(move[2]);
      }
    }
  });

  test('guess lists start on no pick', async ({ page }) => {
    await openApp(page, { guess: '1' });
    await expect(page.getByLabel('Your LLM')).toHaveValue('');
    await expect(page.getByLabel('Your budget')).toHaveValue('');
    await expect(page.getByTestId('guess-submit')).toBeDisabled();
  });

  test('with every LLM disabled the tour and guess mode say why there is nothing to show', async ({ page }) => {
    await openApp(page, { guess: '1', tour: '1', pool: poolParam(POOL, { enabled: false }) });
    const reason = 'Every LLM is disabled: turn one on in the pool editor.';
    await expect(page.getByTestId('tour-empty')).toHaveText(reason);
    await expect(page.getByTestId('tour')).not.toContainText('0 curves');
    await expect(page.getByTestId('guess-empty')).toHaveText(reason);
  });

  test('a release folder with only its config.json is reported as missing its checkpoints', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'r2-release-'));
    try {
      const folder = join(dir, 'r2-router-release');
      mkdirSync(folder);
      copyFileSync(join(FIXTURE_RELEASE, 'config.json'), join(folder, 'config.json'));
      await openApp(page);
      await page.getByTestId('bundle-files').setInputFiles(folder);
      const alert = page.getByRole('alert').filter({ hasText: 'missing checkpoints/' });
      await expect(alert).toBeVisible();
      await expect(alert).not.toContainText('manifest.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
