import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { BundleError, type Manifest } from '../../src/bundle/manifest';
import { DatasetError } from '../../src/evaluate/errors';
import type { Prediction } from '../../src/router/curves';
import { buildCurves } from '../../src/router/curves';
import { releaseInputTokens } from '../../src/router/releaseRules';
import { releaseDecision } from '../../src/router/search';
import { textChunks } from '../../src/workload/fileText';
import { readQueryFile } from '../../src/workload/queryFile';
import { openBundle, predictRows } from '../bundle/nodeBundle';
import { predictEmbeddingsFile } from '../importer/embeddingsFile';
import { connect, embedRows, KEY_VARIABLE, SERVER_FLAGS, SERVER_USAGE, serverSettings } from './embeddingsServer';
import { integer, readFlags, required, runCli, UsageError } from './flags';

const USAGE = `usage: npm run route -- --bundle <dir> --embeddings <file.json> --lambda <0..1> --input-tokens <n>
       npm run route -- --bundle <dir> --queries <file> --embeddings-url <base> --lambda <0..1> [--input-tokens <n>]
                        [--column <csv column>] ${SERVER_USAGE}

Routes each embedding as the released R2-Router does: over every (LLM, budget) it scores
(1 − λ)·quality − λ·cost, cost = input_tokens·input price + output tokens·output price
(per 1M; output tokens = the budget, or the predicted length when unlimited), rounds the
score to 8 decimals and keeps the first best. Prints, on one line,
{"decisions":[{"model":"…","budget":150 | "unlimited"}]}, in the order of the embeddings or queries.

With --queries, the queries file is read as the workload view reads it (text, one query per line;
CSV, --column or a prompt/query/text column; JSON Lines with a prompt, query or text field), each
query is embedded by the OpenAI-compatible server at --embeddings-url (vLLM's /v1/embeddings, say;
the key, if it needs one, from ${KEY_VARIABLE}), and its input tokens are the release's
words × 1.3 unless --input-tokens gives one number for all. Progress goes to stderr.
Use npm run -s (or call tsx directly) so npm's own banner stays off stdout.`;

function lambdaFlag(value: string): number {
  const lambda = Number(value);
  if (value.trim() === '' || !Number.isFinite(lambda) || lambda < 0 || lambda > 1)
    throw new UsageError(`--lambda must be a number from 0 to 1, got "${value}"\n\n${USAGE}`);
  return lambda;
}

/** The queries of a file, as the workload view reads them; skipped lines are named on stderr. */
async function readQueries(path: string, column: string | undefined): Promise<string[]> {
  const blob = await openAsBlob(path).catch((e: NodeJS.ErrnoException) => {
    throw new DatasetError(`cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  const parsed = await readQueryFile({ name: basename(path), chunks: textChunks(blob) }, column);
  for (const p of parsed.problems) process.stderr.write(`warning: skipped ${p}\n`);
  if (parsed.problemCount > parsed.problems.length)
    process.stderr.write(`warning: … and ${parsed.problemCount - parsed.problems.length} more lines skipped\n`);
  if (parsed.queries.length === 0) throw new DatasetError(`${path} holds no queries`);
  return parsed.queries;
}

/** Embeds the queries with the server and predicts them with the bundle. */
async function predictQueries(
  bundleDir: string,
  texts: readonly string[],
  flags: Parameters<typeof serverSettings>[1] & { 'embeddings-url'?: string | boolean },
): Promise<{ manifest: Manifest; predictions: Prediction[] }> {
  const bundle = await openBundle(bundleDir).catch((e: unknown) => {
    throw e instanceof BundleError ? e : new BundleError((e as Error).message);
  });
  const { encoder: spec } = bundle.manifest;
  if (spec.kind !== 'qwen3-embedding')
    throw new UsageError(
      `--embeddings-url is for bundles that read a Qwen3 embedding; ${bundleDir} uses ${spec.kind}, which needs no server`,
    );
  const encoder = await connect(
    serverSettings(required(flags['embeddings-url'], 'embeddings-url', USAGE), flags),
    spec.dim,
  );
  try {
    const rows = await embedRows(encoder, texts, spec.normalize);
    return { manifest: bundle.manifest, predictions: await predictRows(bundle, rows, texts.length) };
  } finally {
    await encoder.dispose();
  }
}

runCli(async () => {
  const flags = readFlags(
    process.argv.slice(2),
    {
      bundle: { type: 'string' },
      embeddings: { type: 'string' },
      queries: { type: 'string' },
      column: { type: 'string' },
      'embeddings-url': { type: 'string' },
      ...SERVER_FLAGS,
      lambda: { type: 'string' },
      'input-tokens': { type: 'string' },
    },
    USAGE,
  );
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  const bundleDir = required(flags.bundle, 'bundle', USAGE);
  const lambda = lambdaFlag(required(flags.lambda, 'lambda', USAGE));
  if ((flags.embeddings === undefined) === (flags.queries === undefined))
    throw new UsageError(`give either --embeddings or --queries with --embeddings-url\n\n${USAGE}`);

  let texts: string[] | null = null;
  let result: { manifest: Manifest; predictions: Prediction[] };
  if (flags.queries !== undefined) {
    texts = await readQueries(required(flags.queries, 'queries', USAGE), flags.column);
    result = await predictQueries(bundleDir, texts, flags);
  } else {
    required(flags['input-tokens'], 'input-tokens', USAGE);
    const read = await predictEmbeddingsFile(bundleDir, required(flags.embeddings, 'embeddings', USAGE));
    for (const w of read.warnings) process.stderr.write(`warning: ${w}\n`);
    result = read;
  }
  const given = flags['input-tokens'] === undefined ? null : integer(flags['input-tokens'], 'input-tokens', 0);
  const { manifest, predictions } = result;
  const decisions = predictions.map((p, i) => {
    const best = releaseDecision(
      buildCurves(manifest, p, manifest.pool, () => true),
      lambda,
      given ?? releaseInputTokens(texts![i]!),
    )!;
    return { model: best.model, budget: best.budget };
  });
  process.stdout.write(`${JSON.stringify({ decisions })}\n`);
});
