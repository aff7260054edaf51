import { readFileSync } from 'node:fs';
import { cosine } from '../../src/encoder/cosine';
import { PRECISIONS, type Precision } from '../../src/encoder/exportFiles';
import { loadNodeEncoder } from '../../src/encoder/nodeEncoder';
import { connect, embedRows, KEY_VARIABLE, SERVER_FLAGS, SERVER_USAGE, serverSettings } from './embeddingsServer';
import { integer, readFlags, required, runCli, UsageError } from './flags';

const USAGE = `usage: npm run -s embed -- --model <folder|hub id> --texts <file.json> [--precision fp32] [--dim 1024] [--raw] [--compare <file.json>]
       npm run -s embed -- --server <base> --texts <file.json> [--dim 1024] [--compare <file.json>] ${SERVER_USAGE}

Embeds each text of a JSON array of strings with a Qwen3 ONNX export, exactly as the page does
(last token's final hidden state, L2-normalised unless --raw), and prints a JSON array of
embeddings: the shape vLLM's [o.outputs.embedding for o in llm.embed(texts)] has, and what
npm run predict takes. --compare <file.json> (such embeddings from vLLM) prints instead
{"cosine":[…],"min":…} per text. The export may be a feature-extraction one (last_hidden_state)
or a text-generation one such as onnx-community/Qwen3-0.6B-ONNX (logits and a KV cache), whose
hidden state is read from the LM head's input. A Hub id is downloaded on every run; download
the folder once to embed many times.

--server <base> prints instead the vectors an OpenAI-compatible embeddings server sends for the
texts, as it sends them (vLLM: \`vllm serve Qwen/Qwen3-0.6B --runner pooling\`, base
http://localhost:8000/v1; the key, if it needs one, from ${KEY_VARIABLE}), so --compare can hold
the page's encoder against vLLM's. Progress goes to stderr.`;

function texts(path: string): string[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string'))
    throw new UsageError('--texts must name a JSON array of strings');
  return parsed;
}

async function fromExport(
  model: string,
  inputs: string[],
  dim: number,
  flags: { precision?: string; raw?: boolean },
): Promise<number[][]> {
  const precision = (flags.precision ?? 'fp32') as Precision;
  if (!PRECISIONS.includes(precision)) throw new UsageError(`--precision must be one of ${PRECISIONS.join(', ')}`);
  const encoder = await loadNodeEncoder(model, precision, dim);
  const embeddings: number[][] = [];
  for (const text of inputs) embeddings.push([...(await encoder.embed(text, !flags.raw))]);
  await encoder.dispose();
  return embeddings;
}

async function fromServer(
  base: string,
  inputs: string[],
  dim: number,
  flags: Parameters<typeof serverSettings>[1],
): Promise<number[][]> {
  const encoder = await connect(serverSettings(base, flags), dim);
  try {
    const rows = await embedRows(encoder, inputs, false);
    return inputs.map((_, i) => [...rows.subarray(i * dim, (i + 1) * dim)]);
  } finally {
    await encoder.dispose();
  }
}

async function main(): Promise<void> {
  const flags = readFlags(
    process.argv.slice(2),
    {
      model: { type: 'string' },
      server: { type: 'string' },
      ...SERVER_FLAGS,
      texts: { type: 'string' },
      precision: { type: 'string' },
      dim: { type: 'string' },
      raw: { type: 'boolean' },
      compare: { type: 'string' },
    },
    USAGE,
  );
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  if ((flags.model === undefined) === (flags.server === undefined))
    throw new UsageError(`give either --model or --server\n\n${USAGE}`);
  const inputs = texts(required(flags.texts, 'texts', USAGE));
  const dim = integer(flags.dim, 'dim', 1024, 1);
  const embeddings = flags.server
    ? await fromServer(required(flags.server, 'server', USAGE), inputs, dim, flags)
    : await fromExport(required(flags.model, 'model', USAGE), inputs, dim, flags);
  if (!flags.compare) return void process.stdout.write(`${JSON.stringify(embeddings)}\n`);
  const reference = JSON.parse(readFileSync(flags.compare, 'utf8')) as number[][];
  if (reference.length !== embeddings.length)
    throw new UsageError(`--compare holds ${reference.length} embeddings for ${embeddings.length} texts`);
  const similarities = embeddings.map((e, i) => cosine(e, reference[i]!));
  process.stdout.write(`${JSON.stringify({ cosine: similarities, min: Math.min(...similarities) })}\n`);
}

runCli(main);
