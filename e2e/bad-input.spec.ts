import { expect, test } from '@playwright/test';
import { choice, enabledModels, expectCurves, openApp, typeQuery } from './app';

test.describe('bad input', () => {
  test('an empty query asks for one and loses nothing else', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'Translate "good morning" into French.');
    await page.getByTestId('query-input').fill('   ');
    await expect(page.getByTestId('chart-message')).toHaveText(/Type a query/);
    await expect(page.getByTestId('selection')).toHaveAttribute('data-model', '');
    await typeQuery(page, 'Translate "good night" into French.');
    await expectCurves(page, await enabledModels(page));
  });

  test('a 100,000-character paste is predicted from its first part and kept out of the link', async ({ page }) => {
    await openApp(page);
    const huge = 'The quick brown fox jumps over the lazy dog. '.repeat(2300).slice(0, 100_000);
    await page.getByTestId('query-input').fill(huge);
    await expect(page.getByTestId('query-clipped')).toContainText('100,000');
    await expectCurves(page, await enabledModels(page));
    await expect(page.getByTestId('input-tokens')).toContainText('100,000 chars');
    await page.waitForTimeout(400);
    expect(page.url()).not.toContain('q=');
    await expect(page.getByTestId('query-input')).toHaveValue(huge);
  });

  for (const [name, text] of [
    ['emoji', '🚀🔥 why is the sky 🌌 dark at night? 🤔'],
    ['right-to-left', 'ما هي عاصمة فرنسا؟ שלום עולם'],
    // A textarea stores line breaks as \n, so the query is written with \n only.
    ['control characters', 'tab\there\u0000null\u0007bell\u001b[31mred\nline\u200b'],
  ] as const) {
    test(`a query with ${name} is predicted`, async ({ page }) => {
      await openApp(page);
      await typeQuery(page, text);
      await expectCurves(page, await enabledModels(page));
      await expect(page.getByTestId('query-input')).toHaveValue(text);
    });
  }

  test('with every LLM disabled the app says so and recovers', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'Summarise the plot of Hamlet.');
    const boxes = page.getByTestId('pool-editor').locator('tbody input[type=checkbox]');
    for (const box of await boxes.all()) await box.uncheck();
    await expect(page.getByTestId('chart-message')).toHaveText(/Every LLM is disabled/);
    await expect(page.getByTestId('selection')).toHaveAttribute('data-model', '');
    await expect(page.getByTestId('baseline-selection')).toHaveAttribute('data-model', '');
    await boxes.first().check();
    await expectCurves(page, 1);
    expect((await choice(page, 'selection')).model).not.toBe('');
  });

  test('when the runtime cannot be fetched the page says why and keeps the query', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.abort('connectionrefused'));
    await page.goto('/?q=' + encodeURIComponent('Name three prime numbers.'));
    await expect(page.getByTestId('bundle-error')).toContainText('the ONNX runtime could not start in this browser');
    await expect(page.getByTestId('bundle-error')).not.toContainText('ASSERTIONS');
    await expect(page.getByTestId('chart-message')).toHaveText(/No predictor is loaded/);
    await expect(page.getByTestId('backend')).toHaveText('…');
    await expect(page.getByTestId('query-input')).toHaveValue('Name three prime numbers.');
  });

  test('when the app code after the entry cannot be fetched the page says so', async ({ page }) => {
    await page.route('**/assets/mount-*.js', (route) => route.abort('connectionrefused'));
    await page.goto('/');
    await expect(page.locator('#root')).toHaveText(
      /The playground could not load its code .*Reload the page to try again\./,
    );
  });

  test('invalid prices are refused at the field; valid ones persist; reset restores defaults', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'What is the capital of Australia?');
    const editor = page.getByTestId('pool-editor');
    const price = editor.getByRole('textbox', { name: /output price per million/ }).first();
    const original = await price.inputValue();
    for (const [bad, message] of [
      ['-1', 'cannot be negative'],
      ['abc', 'not a number'],
      ['', 'enter a price'],
    ] as const) {
      await price.fill(bad);
      await expect(editor.getByRole('alert')).toHaveText(message);
      await expect(price).toHaveAttribute('aria-invalid', 'true');
    }
    await page.reload();
    await expect(editor.getByRole('textbox', { name: /output price per million/ }).first()).toHaveValue(original);

    await editor
      .getByRole('textbox', { name: /output price per million/ })
      .first()
      .fill('123');
    await page.waitForTimeout(300);
    await openApp(page);
    await expect(editor.getByRole('textbox', { name: /output price per million/ }).first()).toHaveValue('123');
    await editor.getByRole('button', { name: 'Reset to bundle defaults' }).click();
    await expect(editor.getByRole('textbox', { name: /output price per million/ }).first()).toHaveValue(original);
  });
});
