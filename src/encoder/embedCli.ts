import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { readFlags, required, runCli, UsageError } from '../../pipeline/cli/flags';
import { cosine } from './cosine';
import { EncoderError } from './encoderError';
import { exportOptions, PRECISIONS, type Precision } from './exportFiles';
import { listHubExport } from './hub';
import { listFolder } from './nodeFolder';
import { loadQwen3Encoder } from './qwen3';

const USAGE = `usage: npm run -s embed -- --model <folder|hub id> --texts <file.json> [--precision fp32] [--dim 1024] [--raw] [--compare <file.json>]

Embeds each text of a JSON array of strings with a Qwen3 ONNX export, exactly as the page does
(last token's final hidden state, L2-normalised unless --raw), and prints a JSON array of
embeddings: the shape vLLM's [o.outputs.embedding for o in llm.embed(texts)] has, and what
npm run predict takes. --compare <file.json> (such embeddings from vLLM) prints instead
{"cosine":[…],"min":…} per text. A Hub id downloads into transformers.js's cache folder.`;

async function main(): Promise<void> {
  const flags = readFlags(
    process.argv.slice(2),
    {
      model: { type: 'string' },
      texts: { type: 'string' },
      precision: { type: 'string' },
      dim: { type: 'string' },
      raw: { type: 'boolean' },
      compare: { type: 'string' },
    },
    USAGE,
  );
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  const model = required(flags.model, 'model', USAGE);
  const texts = JSON.parse(readFileSync(required(flags.texts, 'texts', USAGE), 'utf8')) as unknown;
  if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string'))
    throw new UsageError('--texts must name a JSON array of strings');
  const dim = Number(flags.dim ?? 1024);
  if (!Number.isInteger(dim) || dim < 1) throw new UsageError(`--dim must be a positive integer, got "${flags.dim}"`);
  const precision = (flags.precision ?? 'fp32') as Precision;
  if (!PRECISIONS.includes(precision)) throw new UsageError(`--precision must be one of ${PRECISIONS.join(', ')}`);

  const isFolder = statSync(model, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const path = isFolder ? resolve(model) : model;
  env.allowLocalModels = isFolder;
  const option = exportOptions(isFolder ? listFolder(path) : await listHubExport(model, null), model).find(
    (o) => o.precision === precision,
  );
  if (!option) throw new UsageError(`${model} has no ${precision} weights`);
  const encoder = await loadQwen3Encoder({ model: path, label: model, option, device: 'cpu', dim });
  const embeddings: number[][] = [];
  for (const text of texts as string[]) embeddings.push([...(await encoder.embed(text, !flags.raw))]);
  await encoder.dispose();
  if (!flags.compare) return void process.stdout.write(`${JSON.stringify(embeddings)}\n`);
  const reference = JSON.parse(readFileSync(flags.compare, 'utf8')) as number[][];
  if (reference.length !== embeddings.length)
    throw new UsageError(`--compare holds ${reference.length} embeddings for ${embeddings.length} texts`);
  const similarities = embeddings.map((e, i) => cosine(e, reference[i]!));
  process.stdout.write(`${JSON.stringify({ cosine: similarities, min: Math.min(...similarities) })}\n`);
}

runCli(() =>
  main().catch((e: unknown) => {
    if (!(e instanceof EncoderError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(1);
  }),
);
