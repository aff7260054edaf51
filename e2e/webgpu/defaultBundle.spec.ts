import { expect, test, type Page } from '@playwright/test';
import { choice, typeQuery } from '../app';
import { downloadCsv, openOnWasm, openOnWebgpu } from './webgpuPages';

// The default bundle's predictor on WebGPU (SwiftShader) against the same build on WASM.

const QUERIES = [
  'Integrate x^2 sin(x) dx and explain each step.',
  'Write a Python function that merges two sorted lists.',
  'Bonjour ! Quelle heure est-il à Tokyo ? 🗼',
];
/** Predicted quality, absolute; natural length, relative; λ breakpoints, relative. */
const QUALITY = 1e-4;
const LENGTH = 1e-3;
const BREAKPOINT = 1e-3;

async function predicted(page: Page, query: string) {
  await typeQuery(page, query);
  const candidates = await downloadCsv(page, 'export-candidates-csv');
  const map = await downloadCsv(page, 'export-lambda-map-csv');
  const selections: string[] = [];
  const slider = page.getByTestId('lambda-slider');
  await slider.press('Home');
  for (let step = 0; step < 8; step++) {
    const c = await choice(page, 'selection');
    selections.push(`${c.model}@${c.budget}`);
    for (let i = 0; i < 12; i++) await slider.press('ArrowRight');
  }
  return { candidates, map, selections };
}

test('the default bundle on WebGPU gives the WASM curves, λ maps and choices', async ({ context, page }) => {
  await openOnWebgpu(page);
  await expect(page.locator('.backend')).toHaveAttribute('title', /the predictor runs on WebGPU/);
  const wasm = await openOnWasm(context);
  await expect(wasm.locator('.backend')).toHaveAttribute('title', /WebGPU failed, so this runs on WASM: /);
  await expect(wasm.getByTestId('backend-fallback')).toContainText(
    'WebGPU failed: Failed to fetch dynamically imported module',
  );

  for (const query of QUERIES) {
    const [gpu, cpu] = [await predicted(page, query), await predicted(wasm, query)];
    const key = (r: Record<string, string>) => `${r.llm}@${r.budget}`;
    const reference = new Map(cpu.candidates.map((r) => [key(r), r]));
    expect(gpu.candidates.map(key).sort()).toEqual([...reference.keys()].sort());
    for (const row of gpu.candidates) {
      const ref = reference.get(key(row))!;
      expect(Math.abs(Number(row.predicted_quality) - Number(ref.predicted_quality))).toBeLessThan(QUALITY);
      if (row.budget === 'unlimited') {
        const [a, b] = [Number(row.output_tokens), Number(ref.output_tokens)];
        expect(Math.abs(a - b) / Math.max(1, Math.abs(b))).toBeLessThan(LENGTH);
      }
    }
    // The same winners over the whole λ range, with breakpoints where WASM has them.
    const winners = (map: typeof gpu.map) => map.map((s) => `${s.router} ${s.llm}@${s.budget}`);
    expect(winners(gpu.map)).toEqual(winners(cpu.map));
    gpu.map.forEach((s, i) => {
      const ref = Number(cpu.map[i]!.lambda_from);
      expect(Math.abs(Number(s.lambda_from) - ref)).toBeLessThanOrEqual(BREAKPOINT * Math.max(ref, 1e-9));
    });
    expect(gpu.selections).toEqual(cpu.selections);
  }
});
