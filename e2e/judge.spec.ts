import { expect, test, type Page } from '@playwright/test';
import { downloadText, openApp, typeQuery } from './app';
import { RETRY_AFTER_SECONDS, isJudgeCall } from './fakeProvider';
import { fakeProvidersForSpec } from './fakeProviderSpec';

/** Judging dispatched answers, against a local fake whose verdict the X-Fake-Verdict header sets. */

const KEY = 'sk-test-not-a-real-key-789';
const QUERY = 'Why is the sky blue? Answer briefly.';
const GOLDEN = 'Rayleigh scattering: shorter wavelengths scatter more.';

const providers = fakeProvidersForSpec();
/** The spec's one fake fake(). */
const fake = () => providers()[0]!;

const judgeCalls = () =>
  fake()
    .chats()
    .filter((c) => isJudgeCall(c.body!));

async function dispatchBoth(page: Page, verdict: string): Promise<void> {
  await openApp(page);
  await typeQuery(page, QUERY);
  await page.getByTestId('endpoint-input').fill(fake().baseUrl);
  await page.getByTestId('api-key-input').fill(KEY);
  await page.getByTestId('extra-headers-input').fill(`X-Fake-Verdict: ${verdict}`);
  await page.getByTestId('dispatch-reactive-too').check();
  await page.getByTestId('dispatch-button').click();
  await expect(page.getByTestId('actual-usage')).toBeVisible();
  await expect(page.getByTestId('actual-usage-reactive')).toBeVisible();
}

test('judges each answer beside its prediction, with the reference answer, and counts the judge apart', async ({
  page,
}) => {
  await dispatchBoth(page, '{"score": 0.6, "reason": "Right idea, no detail."}');
  await page.getByTestId('judge-settings').locator('summary').click();
  await page.getByTestId('judge-model').fill('fake/judge');
  await page.getByTestId('golden-answer').fill(GOLDEN);

  await page.locator('[data-testid="judge-button"][data-run="r2"]').click();
  const r2 = page.locator('[data-testid="judge-result"][data-run="r2"]');
  await expect(r2).toHaveAttribute('data-score', '0.6');
  await expect(r2).toContainText('Right idea, no detail.');
  // The verdict sits in the same table as predicted against actual tokens and cost.
  await expect(page.getByTestId('actual-usage').getByTestId('judge-result')).toHaveCount(1);
  const [call] = judgeCalls();
  expect(call!.body!.model).toBe('fake/judge');
  expect(call!.body!.stream).toBe(false);
  const prompt = call!.body!.messages[0]!.content;
  expect(prompt).toContain(QUERY);
  expect(prompt).toContain(GOLDEN);
  expect(prompt).toContain('{"score": <a number from 0 to 1>, "reason": "<one line>"}');
  // fake/judge is no pool LLM and has no price yet: its cost is unknown, never folded into the call's.
  await expect(page.locator('[data-testid="judge-cost"][data-run="r2"]')).toContainText('cost unknown');
  await page.getByTestId('judge-settings').locator('input[type=number]').first().fill('1');
  await page.getByTestId('judge-settings').locator('input[type=number]').nth(1).fill('2');
  await page.locator('[data-testid="judge-button"][data-run="r2"]').click();
  await expect(page.locator('[data-testid="judge-cost"][data-run="r2"]')).toContainText('not part of the call’s cost');

  for (const [verdict, problem] of [
    ['The answer is fine, 0.9', 'not one JSON object'],
    ['{"score": 1.5, "reason": "Excellent."}', 'outside 0..1'],
  ] as const) {
    await page.getByTestId('extra-headers-input').fill(`X-Fake-Verdict: ${verdict}`);
    await page.locator('[data-testid="judge-button"][data-run="reactive"]').click();
    const reactive = page.locator('[data-testid="judge-result"][data-run="reactive"]');
    await expect(reactive).toContainText(problem);
    await expect(reactive).toHaveAttribute('data-score', '');
    await expect(reactive).toContainText('invalid verdict');
  }
  // The R2 verdict and everything typed stay.
  await expect(r2).toHaveAttribute('data-score', '0.6');
  await expect(page.getByTestId('golden-answer')).toHaveValue(GOLDEN);

  const rows = JSON.parse(await downloadText(page, 'export-json')) as { router: string; judgedQuality: number }[];
  expect(rows.find((r) => r.router === 'r2')!.judgedQuality).toBe(0.6);
  expect(rows.find((r) => r.router === 'reactive')!.judgedQuality).toBeNull();
  expect(JSON.stringify(rows)).not.toContain(KEY);
});

test('a rate-limited judge says so and retries nothing; the answer and the inputs stay', async ({ page }) => {
  await dispatchBoth(page, '{"score": 0.9, "reason": "Good."}');
  await page.getByTestId('judge-settings').locator('summary').click();
  await page.getByTestId('golden-answer').fill(GOLDEN);
  fake().scripted.set(3, 'rate-limited');
  await page.locator('[data-testid="judge-button"][data-run="r2"]').click();
  const error = page.getByTestId('judge-error');
  await expect(error).toHaveAttribute('data-kind', 'rate-limit');
  await expect(error).toContainText(`retry in ${RETRY_AFTER_SECONDS} s. Nothing is retried automatically`);
  await page.waitForTimeout(300);
  expect(fake().chats()).toHaveLength(3);
  await expect(page.getByTestId('response-output')).not.toBeEmpty();
  await expect(page.getByTestId('golden-answer')).toHaveValue(GOLDEN);
  // A click later, the judge runs once more.
  await page.locator('[data-testid="judge-button"][data-run="r2"]').click();
  await expect(page.locator('[data-testid="judge-result"][data-run="r2"]')).toHaveAttribute('data-score', '0.9');
  expect(fake().chats()).toHaveLength(4);
});

test('Stop during a judge call aborts its request; the answer says its judging was stopped and can be judged again', async ({
  page,
}) => {
  await openApp(page);
  await typeQuery(page, QUERY);
  await page.getByTestId('endpoint-input').fill(fake().baseUrl);
  await page.getByTestId('api-key-input').fill(KEY);
  await page.getByTestId('dispatch-button').click();
  await expect(page.getByTestId('actual-usage')).toBeVisible();
  await expect(page.getByTestId('stop-button')).toBeDisabled();

  // The fake holds a `fake/hang` judge's answer until the connection closes.
  await page.getByTestId('judge-settings').locator('summary').click();
  await page.getByTestId('judge-model').fill('fake/hang');
  await page.getByTestId('judge-button').click();
  await expect.poll(() => judgeCalls().length).toBe(1);
  await expect(page.getByTestId('dispatch-disabled-reason')).toContainText('A judge call is running');
  await page.getByTestId('stop-button').click();

  const error = page.getByTestId('judge-error');
  await expect(error).toHaveAttribute('data-kind', 'stopped');
  await expect(error).toHaveText(/^Judge: Stopped\./);
  await expect.poll(() => judgeCalls()[0]!.closedEarly).toBe(true);
  await expect(page.getByTestId('stop-button')).toBeDisabled();
  await expect(page.getByTestId('response-output')).not.toBeEmpty();
  await expect(page.getByTestId('dispatch-run')).toHaveAttribute('data-status', 'done');

  // Stop ended that call only: the answer is judged on the next click.
  await page.getByTestId('judge-model').fill('fake/judge');
  await page.getByTestId('judge-button').click();
  await expect(page.getByTestId('judge-result')).toHaveAttribute('data-score', '0.75');
  expect(judgeCalls()).toHaveLength(2);
  expect(judgeCalls()[1]!.closedEarly).toBe(false);
});
