import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { downloadText, openApp, typeQuery } from './app';
import { RETRY_AFTER_SECONDS, isJudgeCall } from './fakeProvider';
import { fakeProvidersForSpec } from './fakeProviderSpec';

/** Measuring a curve for real against a local fake, with failures scripted part-way. */

const KEY = 'sk-test-not-a-real-key-246';
const QUERY = 'Why is the sky blue? Answer briefly.';

const providers = fakeProvidersForSpec();
/** The spec's one fake fake(). */
const fake = () => providers()[0]!;

async function setUp(page: Page): Promise<string> {
  await openApp(page);
  await typeQuery(page, QUERY);
  await page.getByTestId('endpoint-input').fill(fake().baseUrl);
  await page.getByTestId('api-key-input').fill(KEY);
  const select = page.getByTestId('measure-model');
  const models = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const model = models[1]!;
  await select.selectOption(model);
  return model;
}

test('a full run: plan and confirm, a 500 and a 429 part-way, each said and resumed, every point kept', async ({
  page,
}) => {
  const model = await setUp(page);
  await page.getByTestId('measure-curve').click();
  const plan = page.getByTestId('measure-plan');
  const calls = Number(await plan.getAttribute('data-calls'));
  const budgets = calls / 2;
  expect(budgets).toBeGreaterThanOrEqual(3);
  // The estimate is the sum of the listed calls' costs, each from the pool's prices.
  const perCall = await page
    .getByTestId('measure-call')
    .evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-cost-usd'))));
  expect(perCall).toHaveLength(calls);
  expect(perCall.every((c) => c > 0)).toBe(true);
  expect(Number(await plan.getAttribute('data-cost-usd'))).toBeCloseTo(
    perCall.reduce((a, b) => a + b, 0),
    15,
  );
  expect(fake().chats()).toHaveLength(0);

  fake().scripted.set(5, 'server-error'); // the answer at the third budget
  fake().scripted.set(8, 'rate-limited'); // once resumed, the answer at the fourth
  await page.getByTestId('measure-confirm').click();

  const error = page.getByTestId('measure-error');
  await expect(error).toHaveAttribute('data-kind', 'server');
  await expect(error).toContainText('Stopped at budget ≤ 30 tok (the answer)');
  await expect(error).toContainText('HTTP 500');
  await expect(error).toContainText('The 2 points measured so far are kept');
  const measured = page.locator(`[data-testid="measured-curve"][data-model="${model}"]`);
  await expect(measured).toHaveAttribute('data-points', '2');

  await page.getByTestId('measure-resume').click();
  await expect(error).toHaveAttribute('data-kind', 'rate-limit');
  await expect(error).toContainText('Paused at budget ≤ 40 tok');
  await expect(error).toContainText(`retry in ${RETRY_AFTER_SECONDS} s. Nothing is retried automatically`);
  await expect(measured).toHaveAttribute('data-points', '3');
  await page.waitForTimeout(300);
  expect(fake().chats()).toHaveLength(8);

  await page.getByTestId('measure-resume').click();
  await expect(page.getByTestId('measure-progress')).toContainText(`${budgets} of ${budgets} budgets measured · done`);
  await expect(measured).toHaveAttribute('data-points', String(budgets));
  // Every planned call once, plus the two that failed.
  expect(fake().chats()).toHaveLength(calls + 2);
  expect(
    fake()
      .chats()
      .filter((c) => isJudgeCall(c.body!)),
  ).toHaveLength(budgets);
  expect(
    fake()
      .chats()
      .every((c) => c.headers.authorization === `Bearer ${KEY}`),
  ).toBe(true);

  const text = await downloadText(page, 'export-json');
  expect(text).not.toContain(KEY);
  const rows = (JSON.parse(text) as { router: string; model: string; judgedQuality: number | null }[]).filter(
    (r) => r.router === 'measure',
  );
  expect(rows).toHaveLength(budgets);
  expect(rows.every((r) => r.model === model && r.judgedQuality === 0.75)).toBe(true);
});

test('Stop ends a run mid-call and keeps the points', async ({ page }) => {
  const model = await setUp(page);
  await page.getByTestId('measure-curve').click();
  fake().scripted.set(3, 'hang');
  await page.getByTestId('measure-confirm').click();
  await expect(page.getByTestId('measure-progress')).toContainText('now asking at ≤ 20 tok');
  await page.getByTestId('measure-stop').click();
  await expect(page.getByTestId('measure-error')).toHaveAttribute('data-kind', 'stopped');
  await expect(page.locator(`[data-testid="measured-curve"][data-model="${model}"]`)).toHaveAttribute(
    'data-points',
    '1',
  );
  await expect(page.getByTestId('query-input')).toHaveValue(QUERY);
});

test('Stop during a judge call aborts it; resumed, the answer is judged without being asked for again', async ({
  page,
}) => {
  const model = await setUp(page);
  await page.getByTestId('measure-curve').click();
  const calls = Number(await page.getByTestId('measure-plan').getAttribute('data-calls'));
  fake().scripted.set(2, 'hang'); // the first answer's judge: held until the connection closes
  await page.getByTestId('measure-confirm').click();
  await expect(page.getByTestId('measure-progress')).toContainText('now judging at ≤ 10 tok');
  await expect.poll(() => fake().chats().length).toBe(2);
  await page.getByTestId('measure-stop').click();

  const error = page.getByTestId('measure-error');
  await expect(error).toHaveAttribute('data-kind', 'stopped');
  await expect(error).toContainText(
    'Stopped at budget ≤ 10 tok (judging the answer), as asked. The 0 points measured so far are kept, and the answer received, which Resume judges without asking for it again.',
  );
  await expect.poll(() => fake().chats()[1]!.closedEarly).toBe(true);
  await expect(page.getByTestId('measure-stop')).toBeDisabled();
  // The answer is kept, waiting for its verdict.
  await expect(page.locator('.measure-points tbody tr')).toHaveText([/≤ 10 tok.*not judged yet/]);

  await page.getByTestId('measure-resume').click();
  await expect(page.getByTestId('measure-progress')).toContainText('· done');
  await expect(page.locator(`[data-testid="measured-curve"][data-model="${model}"]`)).toHaveAttribute(
    'data-points',
    String(calls / 2),
  );
  // Every planned call once, plus the judge call that was stopped; no answer asked for twice.
  expect(fake().chats()).toHaveLength(calls + 1);
  expect(
    fake()
      .chats()
      .filter((c) => !isJudgeCall(c.body!)),
  ).toHaveLength(calls / 2);
});

test('calibration: compliance and quality error from the measured answers, exported and imported to continue', async ({
  page,
}) => {
  const model = await setUp(page);
  await page.getByTestId('measure-curve').click();
  const budgets = Number(await page.getByTestId('measure-plan').getAttribute('data-calls')) / 2;
  await page.getByTestId('measure-confirm').click();
  await expect(page.getByTestId('measure-progress')).toContainText('· done');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('calibration-export-json').click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  expect(text).not.toContain(KEY);
  const file = JSON.parse(text) as {
    entries: { budget: number | 'unlimited'; predictedQuality: number; actualCompletionTokens: number }[];
  };
  expect(file.entries).toHaveLength(budgets);

  // By hand: the fake writes 24 tokens whatever the budget, so only budgets of 22 or more (24 ≤ 1.1 × k) are kept.
  const budgeted = file.entries.filter((e) => e.budget !== 'unlimited').map((e) => e.budget as number);
  const within = budgeted.filter((k) => 24 * 10 <= k * 11).length;
  const row = page.getByTestId('calibration-compliance').locator(`tr[data-model="${model}"]`);
  await expect(row.locator('td').nth(1)).toHaveText(
    `${(within / budgeted.length).toFixed(2)} (${within}/${budgeted.length})`,
  );
  // Every verdict was 0.75: the mean error is 0.75 minus the mean predicted quality.
  const meanPredicted = file.entries.reduce((s, e) => s + e.predictedQuality, 0) / file.entries.length;
  const quality = page.getByTestId('calibration-quality').locator(`tr[data-model="${model}"]`);
  expect(Number(await quality.getAttribute('data-mean-error'))).toBeCloseTo(0.75 - meanPredicted, 12);
  await expect(page.getByTestId('calibration-quality-scatter')).toHaveAttribute('data-points', String(budgets));

  // A fresh page has no answers until the export is imported; a broken file says why and imports nothing.
  await page.reload();
  await expect(page.getByTestId('calibration')).toHaveAttribute('data-answers', '0');
  await page.getByTestId('calibration-import').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "r2-calibration/1", "entries": [{"model": 3}]}'),
  });
  await expect(page.getByTestId('calibration-import-problem')).toContainText('broken.json, row 1');
  await expect(page.getByTestId('calibration')).toHaveAttribute('data-answers', '0');
  await page.getByTestId('calibration-import').setInputFiles(await download.path());
  await expect(page.getByTestId('calibration')).toHaveAttribute('data-answers', String(budgets));
  await expect(row.locator('td').nth(1)).toHaveText(
    `${(within / budgeted.length).toFixed(2)} (${within}/${budgeted.length})`,
  );
});
