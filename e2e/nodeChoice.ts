import { openBundle, predictRows } from '../pipeline/bundle/nodeBundle';
import { RELEASE_DEFAULT_LAMBDA } from '../src/config';
import { estimateInputTokens } from '../src/router/cost';
import { buildCurves } from '../src/router/curves';
import { route } from '../src/router/search';
import type { Candidate } from '../src/router/types';

/** What the page must choose at its default λ for `text` with `embedding`, through the same bundle in Node. */
export async function nodeChoice(bundleDir: string, embedding: Float32Array, text: string): Promise<Candidate> {
  const bundle = await openBundle(bundleDir);
  const [prediction] = await predictRows(bundle, embedding, 1);
  const curves = buildCurves(bundle.manifest, prediction!, bundle.manifest.pool, () => true);
  return route({
    curves,
    lambda: RELEASE_DEFAULT_LAMBDA,
    inputTokens: estimateInputTokens(text),
    cap: null,
    continuous: true,
  }).best!;
}
