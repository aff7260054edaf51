import { openBundle } from '../bundle/nodeBundle';
import { loadDataset } from '../data/loader';
import { evaluateBundle } from '../evaluate/evaluateBundle';
import { humanSummary, type Report } from '../../src/evaluate/report';
import { connect, embedRows, KEY_VARIABLE, SERVER_FLAGS, SERVER_USAGE, serverSettings } from './embeddingsServer';
import { readFlags, required, runCli } from './flags';
import { progressBar } from './progress';

const USAGE = `usage: npm run evaluate -- --bundle <bundleDir> --data <dir> [--allow-missing]
                           [--embeddings-url <base> ${SERVER_USAGE}]

Routes the held-out split of an R2-Bench-format folder with the bundle and prints the
report JSON on stdout (a short table goes to stderr). A bundle that reads a Qwen3 embedding
(the released router) needs --embeddings-url: an OpenAI-compatible embeddings server (vLLM's
/v1/embeddings) embeds the held-out queries, the key, if it needs one, from ${KEY_VARIABLE}.`;

runCli(async () => {
  const flags = readFlags(
    process.argv.slice(2),
    {
      bundle: { type: 'string' },
      data: { type: 'string' },
      'allow-missing': { type: 'boolean' },
      'embeddings-url': { type: 'string' },
      ...SERVER_FLAGS,
    },
    USAGE,
  );
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  const bundle = await openBundle(required(flags.bundle, 'bundle', USAGE));
  const loading = progressBar('load', 'files');
  const data = await loadDataset(required(flags.data, 'data', USAGE), {
    allowMissing: flags['allow-missing'] === true,
    onFile: loading.update,
  });
  loading.stop();
  const spec = bundle.manifest.encoder;
  const url = flags['embeddings-url'];
  const server =
    url && spec.kind === 'qwen3-embedding'
      ? { encoder: await connect(serverSettings(url, flags), spec.dim), normalize: spec.normalize }
      : null;
  const evaluating = progressBar('evaluate', 'queries');
  let report: Report;
  try {
    report = await evaluateBundle(
      bundle,
      data,
      evaluating.update,
      server ? (prompts) => embedRows(server.encoder, prompts, server.normalize) : undefined,
    );
  } finally {
    evaluating.stop();
    await server?.encoder.dispose();
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`${humanSummary(report)}\n`);
});
