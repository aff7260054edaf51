import { releaseDecision } from '../../src/router/search';
import { buildCurves } from '../../src/router/curves';
import { predictEmbeddingsFile } from '../importer/embeddingsFile';
import { integer, readFlags, required, runCli, UsageError } from './flags';

const USAGE = `usage: npm run route -- --bundle <dir> --embeddings <file.json> --lambda <0..1> --input-tokens <n>

Routes each embedding as the released R2-Router does: over every (LLM, budget) it scores
(1 − λ)·quality − λ·cost, cost = input_tokens·input price + output tokens·output price
(per 1M; output tokens = the budget, or the predicted length when unlimited), rounds the
score to 8 decimals and keeps the first best. Prints, on one line,
{"decisions":[{"model":"…","budget":150 | "unlimited"}]}.
Use npm run -s (or call tsx directly) so npm's own banner stays off stdout.`;

function lambdaFlag(value: string): number {
  const lambda = Number(value);
  if (value.trim() === '' || !Number.isFinite(lambda) || lambda < 0 || lambda > 1)
    throw new UsageError(`--lambda must be a number from 0 to 1, got "${value}"\n\n${USAGE}`);
  return lambda;
}

runCli(async () => {
  const flags = readFlags(
    process.argv.slice(2),
    {
      bundle: { type: 'string' },
      embeddings: { type: 'string' },
      lambda: { type: 'string' },
      'input-tokens': { type: 'string' },
    },
    USAGE,
  );
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  const bundleDir = required(flags.bundle, 'bundle', USAGE);
  const embeddings = required(flags.embeddings, 'embeddings', USAGE);
  const lambda = lambdaFlag(required(flags.lambda, 'lambda', USAGE));
  const inputTokens = integer(required(flags['input-tokens'], 'input-tokens', USAGE), 'input-tokens', 0);
  const { manifest, predictions, warnings } = await predictEmbeddingsFile(bundleDir, embeddings);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const decisions = predictions.map((p) => {
    const best = releaseDecision(
      buildCurves(manifest, p, manifest.pool, () => true),
      lambda,
      inputTokens,
    )!;
    return { model: best.model, budget: best.budget };
  });
  process.stdout.write(`${JSON.stringify({ decisions })}\n`);
});
