import { expect, type BrowserContext, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { downloadText, openApp } from '../app';

/**
 * The same build on the same browser, once on WebGPU and once on WASM: the WASM page is made by
 * refusing onnxruntime's WebGPU chunk, which is the app's own fallback (the badge then says why).
 */

export async function openOnWebgpu(page: Page, params: Record<string, string> = {}): Promise<void> {
  await openApp(page, params);
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
}

export async function openOnWasm(context: BrowserContext, params: Record<string, string> = {}): Promise<Page> {
  const page = await context.newPage();
  await page.route('**/assets/ort.webgpu.bundle.min-*.js', (r) => r.abort('failed'));
  await openApp(page, params);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  return page;
}

/** Clicks a download button and parses the CSV it saves. */
export async function downloadCsv(page: Page, testId: string): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await downloadText(page, testId), { columns: true });
}
