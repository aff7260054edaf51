import { predictEmbeddingsFile } from '../importer/embeddingsFile';
import { readFlags, required, runCli } from './flags';

const USAGE = `usage: npm run predict -- --bundle <dir> --embeddings <file.json>

Runs a bundle on embeddings (a JSON array of arrays, one per query) and prints, on one line,
{"queries":[{"curves":{"<llm>":{"<budget>":quality,…,"unlimited":quality,"unlimitedTokens":tokens}}}]}.
Use npm run -s (or call tsx directly) so npm's own banner stays off stdout.`;

runCli(async () => {
  const flags = readFlags(process.argv.slice(2), { bundle: { type: 'string' }, embeddings: { type: 'string' } }, USAGE);
  if (flags.help) return void process.stdout.write(`${USAGE}\n`);
  const { manifest, predictions, warnings } = await predictEmbeddingsFile(
    required(flags.bundle, 'bundle', USAGE),
    required(flags.embeddings, 'embeddings', USAGE),
  );
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const queries = predictions.map((p) => ({
    curves: Object.fromEntries(
      manifest.pool.map((entry, m) => [
        entry.name,
        {
          ...Object.fromEntries(manifest.budgets.map((b, k) => [String(b), p.quality[m]![k]!])),
          unlimitedTokens: p.naturalTokens[m]!,
        },
      ]),
    ),
  }));
  process.stdout.write(`${JSON.stringify({ queries })}\n`);
});
