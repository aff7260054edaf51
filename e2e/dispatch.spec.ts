import { expect, test, type Page } from '@playwright/test';
import { blockedFetch, choice, downloadText, openApp, typeQuery } from './app';
import { DEFAULT_ANSWER_TOKENS, RETRY_AFTER_SECONDS, answerTokens } from './fakeProvider';
import { expectKeyNowhere, fakeProvidersForSpec } from './fakeProviderSpec';

/**
 * Dispatch against a local OpenAI-compatible fake on 127.0.0.1: never a real fake().
 * Modes are picked with the app's own extra-headers field (X-Fake-Mode).
 */

const KEY = 'sk-test-not-a-real-key-123';
const QUERY = 'Why is the sky blue? Answer briefly.';
const FULL_ANSWER = answerTokens(DEFAULT_ANSWER_TOKENS).join('');

const providers = fakeProvidersForSpec();
/** The spec's one fake fake(). */
const fake = () => providers()[0]!;

async function setUp(page: Page, extraHeaders = ''): Promise<void> {
  await openApp(page);
  await typeQuery(page, QUERY);
  await page.getByTestId('endpoint-input').fill(fake().baseUrl);
  await page.getByTestId('api-key-input').fill(KEY);
  await page.getByTestId('extra-headers-input').fill(extraHeaders);
  await expect(page.getByTestId('dispatch-button')).toBeEnabled();
}

test('sends the R2 choice with its length instruction and shows actual against predicted', async ({ page }) => {
  await setUp(page);
  const r2 = await choice(page, 'selection');
  await page.getByTestId('dispatch-button').click();

  await expect(page.getByTestId('response-output')).toHaveText(FULL_ANSWER);
  const usage = page.getByTestId('actual-usage');
  await expect(usage).toHaveAttribute('data-completion-tokens', String(DEFAULT_ANSWER_TOKENS));
  await expect(usage).toHaveAttribute('data-estimated', 'false');
  expect(Number(await usage.getAttribute('data-cost-usd'))).toBeGreaterThan(0);
  await expect(usage).toContainText('predicted');

  const [chat] = fake().chats();
  expect(fake().chats()).toHaveLength(1);
  expect(chat!.headers.authorization).toBe(`Bearer ${KEY}`);
  if (r2.budget === 'unlimited') {
    expect(chat!.body!.messages).toEqual([{ role: 'user', content: QUERY }]);
  } else {
    const budget = Number(r2.budget);
    expect(chat!.body!.messages[0]).toEqual({
      role: 'system',
      content: expect.stringMatching(new RegExp(`^You MUST respond in ${budget} tokens or fewer\\.`)),
    });
    expect(chat!.body!.max_tokens).toBe(Math.ceil((budget * 11) / 10) + 16);
    await expect(usage).toHaveAttribute('data-budget-respected', String(DEFAULT_ANSWER_TOKENS <= budget));
  }
  await expect(page.getByTestId('dispatch-history')).toHaveAttribute('data-count', '1');
  await expectKeyNowhere(page, KEY);
});

test('the reactive choice too: two answers side by side, the reactive one without instruction', async ({ page }) => {
  await setUp(page);
  await page.getByTestId('dispatch-reactive-too').check();
  await page.getByTestId('dispatch-button').click();

  await expect(page.getByTestId('response-output')).toHaveText(FULL_ANSWER);
  await expect(page.getByTestId('response-output-reactive')).toHaveText(FULL_ANSWER);
  await expect(page.getByTestId('actual-usage-reactive')).toHaveAttribute(
    'data-completion-tokens',
    String(DEFAULT_ANSWER_TOKENS),
  );
  expect(fake().chats()).toHaveLength(2);
  const reactive = await choice(page, 'baseline-selection');
  expect(reactive.budget).toBe('unlimited');
  const unlimited = fake()
    .chats()
    .filter((c) => c.body!.messages.every((m) => m.role === 'user'));
  expect(unlimited.length).toBeGreaterThanOrEqual(1);
  expect(unlimited[0]!.body).not.toHaveProperty('max_tokens');
});

test('Stop aborts the request mid-stream and keeps the partial answer', async ({ page }) => {
  await setUp(page, 'X-Fake-Mode: slow');
  await page.getByTestId('dispatch-button').click();
  const output = page.getByTestId('response-output');
  await expect(output).toContainText('the model');
  await page.getByTestId('stop-button').click();

  await expect(page.getByTestId('dispatch-error')).toHaveText(/^Stopped\./);
  await expect(output).toHaveAttribute('data-partial', 'true');
  const partial = await output.textContent();
  await expect.poll(() => fake().chats()[0]?.closedEarly).toBe(true);
  await page.waitForTimeout(300);
  expect(await output.textContent()).toBe(partial);
  await expect(page.getByTestId('actual-usage')).toHaveAttribute('data-estimated', 'true');
  await expect(page.getByTestId('stop-button')).toBeDisabled();
});

test('each failure gets its own message, and the query, settings and earlier results stay', async ({ page }) => {
  await setUp(page);
  await page.getByTestId('dispatch-button').click();
  await expect(page.getByTestId('response-output')).toHaveText(FULL_ANSWER);

  const cases: [string, RegExp][] = [
    ['unauthorized', /rejected the API key \(HTTP 401\)/],
    [
      'rate-limited',
      new RegExp(`HTTP 429\\). The provider asks to retry in ${RETRY_AFTER_SECONDS} s\\. Nothing is retried`),
    ],
    ['server-error', /server error \(HTTP 500\)/],
    ['echo-key', /rejected the API key.*\[API key hidden\]/],
    ['dies-halfway', /connection dropped while receiving the answer\. .* marked partial/],
  ];
  for (const [mode, message] of cases) {
    await page.getByTestId('extra-headers-input').fill(`X-Fake-Mode: ${mode}`);
    await page.getByTestId('dispatch-button').click();
    await expect(page.getByTestId('dispatch-error')).toHaveText(message);
    await expect(page.getByTestId('query-input')).toHaveValue(QUERY);
    await expect(page.getByTestId('endpoint-input')).toHaveValue(fake().baseUrl);
  }
  // The last case, the stream that died, left its partial answer.
  const output = page.getByTestId('response-output');
  await expect(output).toHaveAttribute('data-partial', 'true');
  await expect(output).toHaveText(answerTokens(3).join(''));
  // Each failure was sent once: no silent retries of a paid call.
  expect(fake().chats()).toHaveLength(1 + cases.length);
  // The first, complete answer and the partial one stay in the history.
  await expect(page.getByTestId('dispatch-history')).toHaveAttribute('data-count', '2');
  await expectKeyNowhere(page, KEY);
});

test('Dispatch says why it is disabled: no key, a blocked endpoint, a refused header', async ({ page }) => {
  await openApp(page);
  await typeQuery(page, QUERY);
  const button = page.getByTestId('dispatch-button');
  const reasons = page.getByTestId('dispatch-disabled-reason');
  await expect(button).toBeDisabled();
  await expect(reasons).toContainText('Enter an API key.');

  await page.getByTestId('api-key-input').fill(KEY);
  await page.getByTestId('endpoint-input').fill('https://api.example.com/v1');
  await expect(button).toBeDisabled();
  await expect(page.getByTestId('endpoint-problem')).toContainText('https://api.example.com would be blocked');

  await page.getByTestId('endpoint-input').fill(fake().baseUrl);
  await page.getByTestId('extra-headers-input').fill('Authorization: Bearer something');
  await expect(button).toBeDisabled();
  await expect(reasons).toContainText('put the key in the API key field');

  await page.getByTestId('extra-headers-input').fill('');
  await page.getByTestId('query-input').fill('');
  await expect(button).toBeDisabled();
  await expect(reasons).toContainText('Type a query first.');
  expect(fake().chats()).toHaveLength(0);
});

test('the key is remembered only when asked, and Forget removes it', async ({ page }) => {
  await setUp(page);
  await page.reload();
  await expect(page.getByTestId('api-key-input')).toHaveValue('');

  await page.getByTestId('api-key-input').fill(KEY);
  await page.getByTestId('remember-key').check();
  await expect(page.getByTestId('remember-warning')).toContainText('localStorage');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toContain(KEY);
  await page.reload();
  await expect(page.getByTestId('api-key-input')).toHaveValue(KEY);
  await expect(page.getByTestId('remember-key')).toBeChecked();
  expect(page.url()).not.toContain(KEY);
  expect(await page.content()).not.toContain(KEY);

  await page.getByTestId('forget-key').click();
  await expect(page.getByTestId('api-key-input')).toHaveValue('');
  await expect(page.getByTestId('remember-key')).not.toBeChecked();
  await expectKeyNowhere(page, KEY);
});

test('history exports as JSON and CSV without the key', async ({ page }) => {
  await setUp(page);
  await page.getByTestId('dispatch-button').click();
  await expect(page.getByTestId('actual-usage')).toBeVisible();

  for (const [button, parse] of [
    ['export-json', (t: string) => (JSON.parse(t) as { response: string }[])[0]!.response],
    ['export-csv', (t: string) => t.split('\r\n')[1]!],
  ] as const) {
    const text = await downloadText(page, button);
    expect(text).not.toContain(KEY);
    expect(parse(text)).toContain(FULL_ANSWER);
  }
});

test("the app runs under the page's Content-Security-Policy, which blocks connections outside the allow-list", async ({
  page,
}) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await openApp(page);
  await typeQuery(page, QUERY);
  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  // zod probes once whether eval is allowed and works without it; anything else would be a real breakage.
  expect(violations.filter((v) => v !== 'script-src eval')).toEqual([]);

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("connect-src 'self' https://openrouter.ai https://api.openai.com");
  expect((await blockedFetch(page, 'http://192.0.2.1:9/v1/chat/completions')).directive).toBe('connect-src');
});
