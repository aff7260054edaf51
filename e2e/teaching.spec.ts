import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
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

test.describe('tour, guess, stage and exports', () => {
  test('?tour=3 opens step 3, which sets its view; arrows step and Esc closes', async ({ page }) => {
    await openApp(page, { tour: '3' });
    const tour = page.getByTestId('tour');
    await expect(tour).toHaveAttribute('data-step', '3');
    await expect(page.getByTestId('cap-value')).toHaveAttribute('data-cap-max', '200');
    await expect(page.getByTestId('budget-slider')).toHaveClass(/tour-target/);
    await expect(tour).toContainText('200 output tokens');

    await page.keyboard.press('ArrowRight');
    await expect(tour).toHaveAttribute('data-step', '4');
    await expect(page).toHaveURL(/[?&]tour=4/);
    // Step 4 lifts the cap and moves λ to where R2 sends a brief call to another LLM than the reactive router.
    await expect(page.getByTestId('cap-value')).toHaveAttribute('data-cap-max', '');
    const r2 = page.getByTestId('selection');
    await expect(r2).not.toHaveAttribute('data-budget', 'unlimited');
    const reactive = await choice(page, 'baseline-selection');
    await expect(r2).not.toHaveAttribute('data-model', reactive.model);
    await expect(tour).toContainText(`sends ${reactive.model} at its natural length`);

    await page.keyboard.press('ArrowLeft');
    await expect(tour).toHaveAttribute('data-step', '3');
    await page.keyboard.press('Escape');
    await expect(tour).toHaveCount(0);
    await expect(page).not.toHaveURL(/tour=/);
  });

  test('the tour starts from its button, sets the story query and walks to the last step', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('tour-start').click();
    await expect(page.getByTestId('tour')).toHaveAttribute('data-step', '1');
    await expect(page.getByTestId('query-input')).toHaveValue(/ordered pairs of positive integers/);
    for (let step = 2; step <= 7; step++) {
      await page.getByTestId('tour-next').click();
      await expect(page.getByTestId('tour')).toHaveAttribute('data-step', String(step));
    }
    await expect(page.getByTestId('dispatch-panel')).toHaveClass(/tour-target/);
    // Typing in a field never steps the tour.
    await page.getByTestId('query-input').press('ArrowLeft');
    await expect(page.getByTestId('tour')).toHaveAttribute('data-step', '7');
  });

  test('guess mode hides R2’s choice until a point on the chart is picked, then reveals and scores', async ({
    page,
  }) => {
    await openApp(page, { guess: '1' });
    await expect(page.getByTestId('guess-mode')).toHaveAttribute('aria-pressed', 'true');
    const r2 = page.getByTestId('selection');
    await expect(page.getByTestId('guess-panel')).toHaveAttribute('data-revealed', 'false');
    await expect(r2).toHaveAttribute('data-model', '');
    await expect(page.getByTestId('explanation')).toHaveCount(0);
    await expect(page.getByTestId('candidates-table')).toHaveCount(0);
    await expect(page.getByTestId('lambda-map')).toHaveCount(0);

    // Pick the first curve's natural-length diamond on the chart.
    const diamond = page.getByTestId('curves-chart').locator('.natural-marker').first();
    const model = (await diamond.getAttribute('data-model'))!;
    const box = (await diamond.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    await expect(page.getByTestId('guess-panel')).toHaveAttribute('data-revealed', 'true');
    await expect(r2).not.toHaveAttribute('data-model', '');
    await expect(page.getByTestId('explanation')).toBeVisible();
    await expect(page.getByTestId('guess-score')).toHaveAttribute('data-played', '1');
    const result = page.getByTestId('guess-result');
    const right = (await result.getAttribute('data-right')) === 'true';
    const answer = await choice(page, 'selection');
    expect(right).toBe(answer.model === model && answer.budget === 'unlimited');
    await expect(result).toContainText(`R2 picks ${answer.model}`);
    if (!right) await expect(result).toContainText(`Your pick, ${model} (no limit), ranks`);

    // A new question hides the answer again; the score stays.
    await page.getByTestId('guess-next').click();
    await expect(page.getByTestId('guess-panel')).toHaveAttribute('data-revealed', 'false');
    await expect(r2).toHaveAttribute('data-model', '');
    await expect(page.getByTestId('guess-score')).toHaveAttribute('data-played', '1');
    // The lists start empty for the new question (once its curves are in): no pick is made for the person.
    await expect(page.getByTestId('curves-chart')).toHaveAttribute('aria-busy', 'false');
    await expect(page.getByTestId('guess-submit')).toBeDisabled();
    await page.getByLabel('Your LLM').selectOption({ index: 1 });
    await page.getByLabel('Your budget').selectOption({ index: 1 });
    await page.getByTestId('guess-submit').click();
    await expect(page.getByTestId('guess-score')).toHaveAttribute('data-played', '2');
  });

  test('present mode is a stage: the pool editor, model card and dispatch hide; keys move λ', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page);
    await page.getByTestId('present-mode').click();
    await expect(page).toHaveURL(/present=1/);
    for (const hidden of ['pool-editor', 'model-card', 'dispatch-panel', 'candidates-table']) {
      await expect(page.getByTestId(hidden)).toBeHidden();
    }
    for (const shown of ['curves-chart', 'selection', 'baseline-selection', 'lambda-map', 'explanation']) {
      await expect(page.getByTestId(shown)).toBeVisible();
    }
    // The stage fits a 1280×720 projector: the chart and the λ map are in view without scrolling.
    for (const id of ['curves-chart', 'lambda-map']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(720);
    }
    const before = await page.getByTestId('lambda-value').textContent();
    await page.locator('body').press('ArrowDown');
    await expect(page.getByTestId('lambda-value')).not.toHaveText(before!);
    await page.locator('body').press('Escape');
    await expect(page.getByTestId('pool-editor')).toBeVisible();
  });

  test('exports download the chart as SVG and PNG and the candidates and λ map as CSV', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'Explain how a transformer language model works, step by step.');
    const save = async (testId: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      return readFile(await download.path());
    };
    const svg = (await save('export-chart-svg')).toString('utf8');
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Explain how a transformer language model works');
    expect(svg).not.toContain('var(--');
    expect((svg.match(/class="curve-line"/g) ?? []).length).toBe(await page.locator('.curve-line').count());

    const png = await save('export-chart-png');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000);

    const rows = parse<Record<string, string>>(await save('export-candidates-csv'), { columns: true });
    // Every candidate, not only the table's top ten.
    const caption = (await page.getByTestId('candidates-table').locator('caption').textContent())!;
    expect(rows).toHaveLength(Number(/of (\d+) candidates/.exec(caption)![1]));
    const best = await choice(page, 'selection');
    expect(rows[0]).toMatchObject({ rank: '1', llm: best.model, budget: best.budget });

    const segments = parse<Record<string, string>>(await save('export-lambda-map-csv'), { columns: true });
    const onPage = await page.getByTestId('lambda-map').getByTestId('lambda-segment').count();
    expect(segments.filter((s) => s.router === 'r2')).toHaveLength(onPage);
  });
});
