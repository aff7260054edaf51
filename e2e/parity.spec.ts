import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { openBundle } from '../pipeline/bundle/nodeBundle';
import { encodeDense } from '../src/encoder/hashedNgrams';
import { choice, openApp, typeQuery } from './app';
import { nodeChoice } from './nodeChoice';

// The browser (onnxruntime-web in the worker) and Node (onnxruntime-node) share the encoder
// and the router, so the same query must give the same choice and the same numbers.
test('the browser predicts what Node predicts for the same bundle and query', async ({ page }) => {
  const bundleId = process.env.E2E_BUNDLE ?? 'default';
  const bundleDir = join('models', bundleId);
  const bundle = await openBundle(bundleDir);
  const spec = bundle.manifest.encoder;
  test.skip(spec.kind !== 'hashed-ngrams', 'this bundle needs an embedding model to predict');
  if (spec.kind !== 'hashed-ngrams') return;

  await openApp(page);
  for (const query of [
    'Integrate x^2 sin(x) dx and explain each step.',
    'Bonjour ! Quelle heure est-il à Tokyo ? 🗼',
  ]) {
    await typeQuery(page, query);
    await expect(page.getByTestId('query-input')).toHaveValue(query);
    const expected = await nodeChoice(bundleDir, encodeDense(query, spec), query);
    await expect(page.getByTestId('selection')).toHaveAttribute('data-model', expected.model);
    await expect(page.getByTestId('selection')).toHaveAttribute('data-budget', String(expected.budget));
    const shown = await choice(page, 'selection');
    expect(Math.abs(shown.quality - expected.quality)).toBeLessThan(1e-5);
    expect(Math.abs(shown.costUsd - expected.costUsd)).toBeLessThan(1e-12);
  }
});
