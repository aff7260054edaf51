import { DEFAULT_BUNDLE_ID } from '../src/config';
import { parseArgs } from 'node:util';
import { integer } from '../pipeline/cli/flags';
import type { BuiltPrecision } from './encoder/qwen3Graph';
import type { BenchBackend } from './launch';

export interface BenchArgs {
  backend: BenchBackend;
  bundle: string;
  coldLoads: number;
  sessions: number;
  queries: number;
  keystrokes: number;
  presses: number;
  profile: boolean;
  /** The Qwen3 encoder mode (bench/encoder/): the encoder's load and embedding times instead of the app's. */
  encoder: boolean;
  /** With --encoder: a precision instead of the panel's default, or 'all' for a table of every precision. */
  precision: BuiltPrecision | 'all' | null;
  /** With --encoder: on a plain static server, without threads and with them (bench/encoder/threads.ts). */
  threads: boolean;
  /** With --encoder: whole texts' embeddings only (minutes, not a quarter hour), for alternating A/B runs. */
  wholeTexts: boolean;
  /** Only the workload view's figures (bench/workload.ts), not the rest. */
  workloadOnly: boolean;
  /** Only the workload view through an embeddings server (bench/embeddingsServer.ts), with --workload-queries queries. */
  embeddingsServer: boolean;
  /** Queries in the workload file, and in the R2-Bench-format folder it evaluates. */
  workloadQueries: number;
  folderQueries: number;
  /** Lines in the huge workload file (largeFile.ts). */
  largeFileLines: number;
  /** The whole run's limit: past it the bench stops, cleans up and fails. */
  timeoutS: number;
}

const PRECISIONS = ['fp16', 'q8', 'q4f16', 'q4', 'all'] as const;

export const USAGE = `npm run bench -- [--backend wasm|webgpu] [--bundle <id>] [--cold-loads N] [--sessions N]
                     [--queries N] [--keystrokes N] [--presses N] [--profile] [--timeout-s N]
                     [--workload-queries N] [--folder-queries N] [--large-file-lines N]
       npm run bench -- --workload [--workload-queries N] [--folder-queries N] [--large-file-lines N] [--timeout-s N]
       npm run bench -- --embeddings-server [--workload-queries N] [--timeout-s N]
       npm run bench -- --encoder [--precision fp16|q8|q4f16|q4|all] [--backend wasm|webgpu] [--profile] [--timeout-s N]
       npm run bench -- --encoder --threads [--timeout-s N]
       npm run bench -- --encoder --whole-texts [--precision fp16|q8|q4f16|q4] [--backend wasm|webgpu] [--profile] [--timeout-s N]`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      backend: { type: 'string' },
      bundle: { type: 'string' },
      'cold-loads': { type: 'string' },
      sessions: { type: 'string' },
      queries: { type: 'string' },
      keystrokes: { type: 'string' },
      presses: { type: 'string' },
      profile: { type: 'boolean' },
      encoder: { type: 'boolean' },
      threads: { type: 'boolean' },
      'whole-texts': { type: 'boolean' },
      precision: { type: 'string' },
      'timeout-s': { type: 'string' },
      workload: { type: 'boolean' },
      'embeddings-server': { type: 'boolean' },
      'workload-queries': { type: 'string' },
      'folder-queries': { type: 'string' },
      'large-file-lines': { type: 'string' },
    },
    strict: true,
  });
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'webgpu') throw new Error(`--backend must be wasm or webgpu, not "${backend}"`);
  const bundle = values.bundle ?? DEFAULT_BUNDLE_ID;
  if (!/^[\w.-]+$/.test(bundle)) throw new Error(`--bundle must be a folder name under models/, not "${bundle}"`);
  const encoder = values.encoder ?? false;
  const precision = PRECISIONS.find((p) => p === values.precision) ?? null;
  if (values.precision !== undefined && (!precision || !encoder)) {
    throw new Error(
      `--precision goes with --encoder and is one of ${PRECISIONS.join(', ')}, not "${values.precision}"`,
    );
  }
  const threads = values.threads ?? false;
  if (threads && (!encoder || values.precision !== undefined || values.profile || backend !== 'wasm'))
    throw new Error('--threads goes with --encoder alone (WASM, the panel’s default precision)');
  const wholeTexts = values['whole-texts'] ?? false;
  if (wholeTexts && (!encoder || threads || precision === 'all'))
    throw new Error('--whole-texts goes with --encoder, and not with --threads or --precision all');
  return {
    backend,
    bundle,
    coldLoads: integer(values['cold-loads'], 'cold-loads', 5, 1, 50),
    sessions: integer(values.sessions, 'sessions', 3, 1, 20),
    queries: integer(values.queries, 'queries', 200, 1, 5000),
    keystrokes: integer(values.keystrokes, 'keystrokes', 30, 1, 1000),
    presses: integer(values.presses, 'presses', 200, 1, 2000),
    profile: values.profile ?? false,
    encoder,
    precision,
    threads,
    wholeTexts,
    workloadOnly: values.workload ?? false,
    embeddingsServer: values['embeddings-server'] ?? false,
    workloadQueries: integer(values['workload-queries'], 'workload-queries', 10_000, 10, 100_000),
    folderQueries: integer(values['folder-queries'], 'folder-queries', 1000, 20, 20_000),
    largeFileLines: integer(values['large-file-lines'], 'large-file-lines', 200_000, 1000, 1_000_000),
    // A 2,000-token query alone takes minutes on 2 cores; so do 200,000 workload queries.
    timeoutS: integer(values['timeout-s'], 'timeout-s', encoder ? 1800 : 900, 1, 3600),
  };
}
