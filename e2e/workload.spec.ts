import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openBundle } from '../pipeline/bundle/nodeBundle';
import { loadDataset } from '../pipeline/data/loader';
import { evaluateBundle } from '../pipeline/evaluate/evaluateBundle';
import { tempDir, writeTinyDataset } from '../pipeline/testing/tinyData';
import { formatBudget } from '../src/ui/format';
import { PLAN_COLUMNS } from '../src/workload/exports';
import { downloadText, openApp } from './app';

const QUERIES = [
  'What is the capital of Australia?',
  'Write a Python function that merges two sorted lists.',
  'Prove that the square root of 2 is irrational.',
  'Summarise the causes of the First World War in three sentences.',
  'Integrate x^2 sin(x) dx.',
];

async function openWorkload(page: Page): Promise<void> {
  await openApp(page);
  await page.getByTestId('workload').click();
  await expect(page.getByTestId('workload-file')).toBeEnabled();
}

test('a file picked the moment a workload link opens waits for the predictor, saying so, then is routed', async ({
  page,
}) => {
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  // The default bundle's graph is held back until the file has been picked.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/models/*/*.onnx', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?view=workload');
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name: 'q.txt', mimeType: 'text/plain', buffer: Buffer.from(QUERIES.join('\n')) });
  await expect(page.getByTestId('workload-waiting')).toContainText('Loading the predictor');
  await expect(page.getByTestId('workload-cancel')).toBeEnabled();
  release();
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', String(QUERIES.length));
  await expect(page.getByTestId('workload-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a text file is routed: the plan, the savings, and exports that read back', async ({ page }) => {
  await openWorkload(page);
  const text = ['', ...QUERIES.slice(0, 3), '   ', ...QUERIES.slice(3), ''].join('\n');
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name: 'q.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  const plan = page.getByTestId('workload-plan');
  await expect(plan).toHaveAttribute('data-queries', String(QUERIES.length));
  await expect(plan).toHaveAttribute('data-routing', 'false');
  await expect(page.getByTestId('workload-read')).toContainText('2 empty lines skipped');
  const ratio = await page.getByTestId('workload-savings').getAttribute('data-cost-ratio');
  expect(ratio === '' || Number(ratio) > 0).toBe(true);

  const csv = parse<Record<string, string>>(await downloadText(page, 'workload-export-csv'), { columns: true });
  expect(Object.keys(csv[0]!)).toEqual([...PLAN_COLUMNS]);
  expect(csv.map((r) => r.query)).toEqual(QUERIES);
  expect(csv.every((r) => r.llm !== '' && Number(r.cost_usd) > 0)).toBe(true);
  const json = JSON.parse(await downloadText(page, 'workload-export-json')) as { query: string }[];
  expect(json.map((r) => r.query)).toEqual(QUERIES);
  const curves = parse<Record<string, string>>(await downloadText(page, 'workload-export-curves'), { columns: true });
  expect(new Set(curves.map((r) => r.curve))).toEqual(new Set(['r2 predicted', 'reactive predicted']));
  expect(curves).toHaveLength(100);
  const svg = await downloadText(page, 'workload-predicted-chart-export-svg');
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('<polyline');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('workload-plan-export-png').click(),
  ]);
  expect((await readFile(await png.path())).subarray(1, 4).toString()).toBe('PNG');

  // A query opens in the main view; what was typed there is replaced only on agreement.
  await page.getByTestId('workload-back').click();
  await page.getByTestId('query-input').fill('my own careful query');
  await page.getByTestId('workload').click();
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: QUERIES[1] }).click();
  await expect(page.getByTestId('workload-plan')).toBeVisible();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: QUERIES[1] }).click();
  await expect(page.getByTestId('query-input')).toHaveValue(QUERIES[1]!);
});

test('a plan cell lists the queries routed there, and one opens in the main view', async ({ page }) => {
  await openWorkload(page);
  const many = Array.from({ length: 40 }, (_, i) => `${QUERIES[i % QUERIES.length]} (case ${i})`);
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name: 'q.txt', mimeType: 'text/plain', buffer: Buffer.from(many.join('\n')) });
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-routing', 'false');
  const rows = page.getByTestId('workload-queries').locator('tbody tr');
  await expect(rows).toHaveCount(many.length);

  const cell = page.getByTestId('plan-cell').first();
  const model = (await cell.getAttribute('data-model'))!;
  const budget = (await cell.getAttribute('data-budget'))!;
  const count = Number(await cell.getAttribute('data-queries'));
  expect(count).toBeGreaterThan(0);
  await expect(cell).toHaveAttribute('aria-label', new RegExp(`: ${count} quer(y|ies) — show them$`));
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  const filter = page.getByTestId('plan-filter');
  await expect(filter).toHaveAttribute('data-queries', String(count));
  await expect(filter).toContainText(`${count} of ${many.length} queries`);
  await expect(rows).toHaveCount(count);
  const place = `${model} · ${formatBudget(budget === 'unlimited' ? 'unlimited' : Number(budget))} · `;
  for (const r2 of await rows.locator('td:nth-child(2)').allTextContents()) expect(r2.startsWith(place)).toBe(true);

  // The keyboard picks a bar's segment as well; picking it again lets go.
  const segment = page.getByTestId('plan-segment').first();
  await segment.focus();
  await page.keyboard.press('Enter');
  await expect(filter).toHaveAttribute('data-queries', (await segment.getAttribute('data-queries'))!);
  await segment.focus();
  await page.keyboard.press(' ');
  await expect(filter).toHaveCount(0);
  await expect(rows).toHaveCount(many.length);

  await cell.click();
  await expect(rows).toHaveCount(count);
  await page.getByTestId('plan-filter-clear').click();
  await expect(filter).toHaveCount(0);
  await expect(rows).toHaveCount(many.length);

  // Other queries make the pick meaningless: it goes.
  await cell.click();
  await expect(filter).toBeVisible();
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name: 'q2.txt', mimeType: 'text/plain', buffer: Buffer.from(QUERIES.join('\n')) });
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', String(QUERIES.length));
  await expect(filter).toHaveCount(0);
  await expect(rows).toHaveCount(QUERIES.length);

  const again = page.getByTestId('plan-cell').first();
  await again.click();
  await expect(rows).toHaveCount(Number(await again.getAttribute('data-queries')));
  const first = rows.first().getByRole('button');
  const text = (await first.getAttribute('title'))!;
  await first.click();
  await expect(page.getByTestId('query-input')).toHaveValue(text);
});

test('a CSV routes the column picked, and malformed lines are named', async ({ page }) => {
  await openWorkload(page);
  const rows = ['id,question,notes', ...QUERIES.map((q, i) => `${i},"${q}",n${i}`), 'broken', '9,,x'];
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name: 'q.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', String(QUERIES.length));
  await expect(page.getByTestId('workload-problems')).toContainText('q.csv:7: unparsable row');
  await page.getByTestId('workload-column').selectOption('notes');
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', String(QUERIES.length + 1));
});

test('a long batch can be cancelled mid-way, keeping what was predicted', async ({ page }) => {
  await openWorkload(page);
  const many = Array.from({ length: 30_000 }, (_, i) => `${QUERIES[i % QUERIES.length]} (variant ${i})`);
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name: 'many.txt', mimeType: 'text/plain', buffer: Buffer.from(many.join('\n')) });
  await expect(page.getByTestId('workload-progress')).toBeVisible();
  await expect
    .poll(async () => Number(await page.getByTestId('workload-progress').getAttribute('value')))
    .toBeGreaterThan(0);
  await page.getByTestId('workload-cancel').click();
  await expect(page.getByTestId('workload-cancelled')).toBeVisible();
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-routing', 'false');
  const routed = Number(await page.getByTestId('workload-plan').getAttribute('data-queries'));
  expect(routed).toBeGreaterThan(0);
  expect(routed).toBeLessThan(many.length);
});

test('an R2-Bench-format folder shows the metrics npm run evaluate reports', async ({ page }) => {
  test.setTimeout(120_000);
  const tmp = await tempDir('r2-workload');
  try {
    const dir = await writeTinyDataset(join(tmp.path, 'tiny-bench'), 300);
    const expected = await evaluateBundle(await openBundle(join('models', 'default')), await loadDataset(dir));
    await openWorkload(page);
    await page.getByTestId('workload-folder').setInputFiles(dir);
    const metrics = page.getByTestId('workload-metrics');
    await expect(metrics).toBeVisible({ timeout: 60_000 });
    await expect(metrics).toHaveAttribute('data-held-out', String(expected.heldOut.queries));
    for (const method of ['r2', 'reactive'] as const)
      for (const metric of ['audc', 'qnc', 'peak'] as const) {
        const shown = Number(await metrics.getAttribute(`data-${method}-${metric}`));
        // The page predicts with onnxruntime-web, the command with onnxruntime-node: float32 kernels may differ in the last bits.
        expect(Math.abs(shown - expected.heldOut[method][metric]), `${method} ${metric}`).toBeLessThan(1e-6);
      }
    await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', String(expected.heldOut.queries));
  } finally {
    await tmp.remove();
  }
});

test('a folder with a missing budget file says which', async ({ page }) => {
  const tmp = await tempDir('r2-workload-bad');
  try {
    const dir = await writeTinyDataset(join(tmp.path, 'broken'), 40);
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'google', 'gemma-3-1b-it', '100_judge.csv'));
    await openWorkload(page);
    await page.getByTestId('workload-folder').setInputFiles(dir);
    await expect(page.getByTestId('workload-error')).toContainText(
      'broken/google/gemma-3-1b-it/100_judge.csv: missing (budget 100 of gemma-3-1b-it',
    );
  } finally {
    await tmp.remove();
  }
});
