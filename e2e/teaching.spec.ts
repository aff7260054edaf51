import { expect, test, type Page } from '@playwright/test';
import { choice, openApp, typeQuery } from './app';

/** The selected pair as the selection card writes it: “model (≤ 1,000 tok)”. */
async function selectedPair(page: Page): Promise<string> {
  const card = page.getByTestId('selection');
  return `${await card.locator('.choice-model').textContent()} (${await card.locator('.choice-budget').textContent()})`;
}

test.describe('teaching views', () => {
  test('the explanation names the selected pair with the numbers of the table', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'Write a detailed essay on the causes of the First World War.');
    const explanation = page.getByTestId('explanation');
    await expect(explanation).toContainText(`R2 sends ${await selectedPair(page)}`);
    // The lead sentence shows the quality and cost exactly as the table's first row does.
    const best = page.getByTestId('candidates-table').locator('tbody tr').first();
    const cells = best.locator('td');
    const quality = (await cells.nth(3).textContent())!;
    const cost = (await cells.nth(5).textContent())!;
    await expect(explanation.locator('.explanation-lead')).toContainText(`predicted quality ${quality} for ${cost}.`);

    // It follows the selection when λ moves.
    await page.getByTestId('lambda-slider').focus();
    await page.keyboard.press('End');
    await expect(page.getByTestId('lambda-value')).toHaveText('λ = 1');
    await expect(explanation).toContainText(`R2 sends ${await selectedPair(page)}`);
  });

  test('the λ map covers [0, 1] and a click on a segment selects its pair', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'Explain how a transformer language model works, step by step.');
    const segments = page.getByTestId('lambda-map').getByTestId('lambda-segment');
    await expect(segments.first()).toBeVisible();
    const bounds = await segments.evaluateAll((els) =>
      els.map((e) => [Number(e.getAttribute('data-lambda-from')), Number(e.getAttribute('data-lambda-to'))]),
    );
    expect(bounds[0]![0]).toBe(0);
    expect(bounds.at(-1)![1]).toBe(1);
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]![0]).toBe(bounds[i - 1]![1]);
    await expect(page.getByTestId('reactive-lambda-map').getByTestId('lambda-segment').first()).toBeAttached();

    // The segment under the current λ is the current selection.
    const now = await choice(page, 'selection');
    const lambdaNow = Number((await page.getByTestId('lambda-value').textContent())!.replace('λ = ', ''));
    const i = bounds.findIndex(([from, to]) => from! <= lambdaNow && lambdaNow <= to!);
    await expect(segments.nth(i)).toHaveAttribute('data-model', now.model);

    // Every wide enough segment, clicked, selects its pair with λ inside it.
    const count = await segments.count();
    let clicked = 0;
    for (let k = 0; k < count; k++) {
      const seg = segments.nth(k);
      const box = await seg.boundingBox();
      if (box === null || box.width < 6) continue;
      const model = (await seg.getAttribute('data-model'))!;
      const budget = (await seg.getAttribute('data-budget'))!;
      await expect(seg).toHaveAttribute(
        'title',
        new RegExp(`^${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .* for λ from `),
      );
      await seg.click();
      await expect(page.getByTestId('selection')).toHaveAttribute('data-model', model);
      await expect(page.getByTestId('selection')).toHaveAttribute('data-budget', budget);
      clicked++;
    }
    expect(clicked).toBeGreaterThan(1);
  });

  test('the chart draws the frontier and the iso-score line on the cost axis', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'Prove that the square root of 2 is irrational.');
    const chart = page.getByTestId('curves-chart');
    // On the token axis, the frontier's points.
    await expect(chart.getByTestId('frontier-point').first()).toBeAttached();
    await expect(chart.getByTestId('frontier')).toHaveCount(0);

    await page.getByTestId('x-axis-mode').click();
    await expect(page.getByTestId('x-axis-mode')).toHaveAttribute('data-mode', 'usd');
    await expect(chart.getByTestId('frontier')).toHaveCount(1);
    await expect(chart.getByTestId('frontier')).toHaveAttribute('d', /^M[\d.-]+,[\d.-]+(L[\d.-]+,[\d.-]+)+$/);
    await expect(chart.getByTestId('iso-score-line')).toHaveCount(1);
    await expect(chart.getByTestId('reactive-frontier')).toHaveCount(1);
    // The R2 choice is one of the frontier's points.
    const c = await choice(page, 'selection');
    await expect(chart.locator(`[data-testid=frontier-point][data-budget="${c.budget}"]`).first()).toBeAttached();

    // λ tilts the line: its shape follows the slider.
    const before = await chart.getByTestId('iso-score-line').getAttribute('d');
    await page.getByTestId('lambda-slider').focus();
    for (let k = 0; k < 60; k++) await page.keyboard.press('ArrowLeft');
    await expect(chart.getByTestId('iso-score-line')).not.toHaveAttribute('d', before!);
  });
});
