import { expect, test, type Page } from '@playwright/test';
import { downloadCsv, openOnWasm, openOnWebgpu } from './webgpuPages';

// A workload batch predicted on WebGPU (SwiftShader) routes as the same batch on WASM.

const QUERIES = Array.from(
  { length: 60 },
  (_, i) =>
    [
      'What is the capital of Australia?',
      'Write a Python function that merges two sorted lists.',
      'Prove that the square root of 2 is irrational.',
      'Summarise the causes of the First World War in three sentences.',
      'Integrate x^2 sin(x) dx.',
      '東京の天気は明日どうなりますか？',
    ][i % 6]! + ` (case ${i})`,
);
const QUALITY = 1e-4;
const LENGTH = 1e-3;

async function plan(page: Page): Promise<Record<string, string>[]> {
  await page.getByTestId('workload').click();
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name: 'q.txt', mimeType: 'text/plain', buffer: Buffer.from(QUERIES.join('\n')) });
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', String(QUERIES.length));
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-routing', 'false');
  return downloadCsv(page, 'workload-export-csv');
}

test('a workload batch on WebGPU gives the plan the same batch gives on WASM', async ({ context, page }) => {
  await openOnWebgpu(page);
  const gpu = await plan(page);
  const cpu = await plan(await openOnWasm(context));
  expect(gpu.map((r) => r.query)).toEqual(QUERIES);
  const choices = (rows: typeof gpu) => rows.map((r) => `${r.llm}@${r.budget} / ${r.reactive_llm}`);
  expect(choices(gpu)).toEqual(choices(cpu));
  gpu.forEach((row, i) => {
    const ref = cpu[i]!;
    for (const column of ['predicted_quality', 'reactive_predicted_quality'])
      expect(Math.abs(Number(row[column]) - Number(ref[column]))).toBeLessThan(QUALITY);
    for (const column of ['output_tokens', 'reactive_output_tokens', 'cost_usd', 'reactive_cost_usd']) {
      const [a, b] = [Number(row[column]), Number(ref[column])];
      expect(Math.abs(a - b)).toBeLessThanOrEqual(LENGTH * Math.abs(b));
    }
  });
});
