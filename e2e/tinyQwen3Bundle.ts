import type { BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TINY_BUNDLE_ID } from '../src/encoder/__fixtures__/tinyQwen3';

/** The tiny bundle that reads Qwen3-shaped embeddings (8 wide), served as the app's own bundles are. */

export const TINY_BUNDLE_DIR = 'src/encoder/__fixtures__/tiny-qwen3-bundle';

/** Serves the tiny bundle under /models/, as the app's own bundles are. */
export async function serveTinyBundle(context: BrowserContext): Promise<void> {
  await context.route(`**/models/${TINY_BUNDLE_ID}/**`, (r) => {
    const file = new URL(r.request().url()).pathname.split('/').pop()!;
    if (file !== 'manifest.json' && file !== 'predictor.onnx') return r.fulfill({ status: 404 });
    return r.fulfill({
      body: readFileSync(join(TINY_BUNDLE_DIR, file)),
      contentType: file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    });
  });
}
