import { expect, test } from '@playwright/test';
import { PROVIDERS, presetOrigins } from '../src/dispatch/providers';
import { blockedFetch, choice, openApp, typeQuery } from './app';
import { expectKeyNowhere, fakeProvidersForSpec } from './fakeProviderSpec';

/** Provider presets, their model ids and the page's policy, against local fakes only. */

const KEY = 'sk-test-not-a-real-key-456';
const QUERY = 'Why is the sky blue? Answer briefly.';

const providers = fakeProvidersForSpec(2);
/** The provider the page is pointed at, and one it must never reach. */
const chosen = () => providers()[0]!;
const other = () => providers()[1]!;

test('each preset sets its base URL, and the policy lists exactly the presets’ origins', async ({ page }) => {
  await openApp(page);
  const preset = page.getByTestId('provider-preset');
  await expect(preset).toHaveValue('openrouter');
  const values = await preset.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values).toEqual([
    'openrouter',
    'openai',
    'together',
    'fireworks',
    'deepinfra',
    'groq',
    'vllm',
    'ollama',
    'lmstudio',
    'custom',
  ]);
  for (const id of ['openai', 'together', 'fireworks', 'deepinfra', 'groq', 'vllm', 'ollama', 'lmstudio'] as const) {
    await preset.selectOption(id);
    await expect(page.getByTestId('endpoint-input')).toHaveValue(PROVIDERS[id].baseUrl);
    await expect(page.getByTestId('endpoint-problem')).toHaveCount(0);
  }

  const policy = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  const connect = policy
    .split('; ')
    .find((d) => d.startsWith('connect-src '))!
    .split(' ')
    .slice(1);
  const endpoints = connect.filter((s) => !/huggingface|hf\.co|githubusercontent|'self'/.test(s));
  expect(endpoints).toEqual([...presetOrigins(), 'http://127.0.0.1:*', 'http://localhost:*']);

  // Another origin is refused before anything is sent, with the policy's own message.
  await preset.selectOption('custom');
  await page.getByTestId('endpoint-input').fill('https://api.mistral.ai/v1');
  await expect(page.getByTestId('endpoint-problem')).toContainText(
    "This page's Content-Security-Policy only lets it connect to https://openrouter.ai, https://api.openai.com",
  );
  await expect(page.getByTestId('endpoint-problem')).toContainText('https://api.mistral.ai would be blocked');
  // And the browser itself blocks it, should anything try.
  expect((await blockedFetch(page, 'https://api.mistral.ai/v1/chat/completions')).blockedURI).toContain(
    'api.mistral.ai',
  );
});

test('a preset names the LLM its way, an edited id is sent and saved, and the key goes only to the chosen URL', async ({
  page,
}) => {
  const logged: string[] = [];
  page.on('console', (m) => logged.push(m.text()));
  page.on('pageerror', (e) => logged.push(String(e)));
  await openApp(page);
  await typeQuery(page, QUERY);
  const { model } = await choice(page, 'selection');
  await page.getByTestId('provider-preset').selectOption('vllm');
  // The same local preset on another port keeps its model names.
  await page.getByTestId('endpoint-input').fill(chosen().baseUrl);
  await expect(page.getByTestId('provider-preset')).toHaveValue('vllm');
  await page.getByTestId('api-key-input').fill(KEY);
  await page.getByTestId('dispatch-button').click();
  await expect(page.getByTestId('actual-usage')).toBeVisible();
  expect(
    chosen()
      .chats()
      .map((c) => c.body!.model),
  ).toEqual([PROVIDERS.vllm.modelIds[model]]);

  await page.getByTestId('model-ids').locator('summary').click();
  await page.locator(`[data-testid="model-id-input"][data-model="${model}"]`).fill('my-finetune');
  await page.getByTestId('dispatch-button').click();
  await expect.poll(() => chosen().chats().length).toBe(2);
  expect(chosen().chats()[1]!.body!.model).toBe('my-finetune');
  expect(
    chosen()
      .chats()
      .every((c) => c.headers.authorization === `Bearer ${KEY}`),
  ).toBe(true);
  expect(other().requests).toHaveLength(0);

  await page.reload();
  await expect(page.getByTestId('provider-preset')).toHaveValue('vllm');
  await page.getByTestId('model-ids').locator('summary').click();
  await expect(page.locator(`[data-testid="model-id-input"][data-model="${model}"]`)).toHaveValue('my-finetune');
  await expectKeyNowhere(page, KEY);
  // A refused request logs nothing with the key either.
  await page.getByTestId('api-key-input').fill(KEY);
  await page.getByTestId('extra-headers-input').fill('X-Fake-Mode: echo-key');
  await page.getByTestId('endpoint-input').fill(chosen().baseUrl);
  await page.getByTestId('dispatch-button').click();
  await expect(page.getByTestId('dispatch-error')).toContainText('[API key hidden]');
  expect(logged.join('\n')).not.toContain(KEY);
});
