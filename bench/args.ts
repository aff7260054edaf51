import { DEFAULT_BUNDLE_ID } from '../src/config';
import { parseArgs } from 'node:util';
import { integer } from '../pipeline/cli/flags';
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
  /** The whole run's limit: past it the bench stops, cleans up and fails. */
  timeoutS: number;
}

export const USAGE = `npm run bench -- [--backend wasm|webgpu] [--bundle <id>] [--cold-loads N] [--sessions N]
                     [--queries N] [--keystrokes N] [--presses N] [--profile] [--timeout-s N]`;

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
      'timeout-s': { type: 'string' },
    },
    strict: true,
  });
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'webgpu') throw new Error(`--backend must be wasm or webgpu, not "${backend}"`);
  const bundle = values.bundle ?? DEFAULT_BUNDLE_ID;
  if (!/^[\w.-]+$/.test(bundle)) throw new Error(`--bundle must be a folder name under models/, not "${bundle}"`);
  return {
    backend,
    bundle,
    coldLoads: integer(values['cold-loads'], 'cold-loads', 5, 1, 50),
    sessions: integer(values.sessions, 'sessions', 3, 1, 20),
    queries: integer(values.queries, 'queries', 200, 1, 5000),
    keystrokes: integer(values.keystrokes, 'keystrokes', 30, 1, 1000),
    presses: integer(values.presses, 'presses', 200, 1, 2000),
    profile: values.profile ?? false,
    timeoutS: integer(values['timeout-s'], 'timeout-s', 600, 1, 3600),
  };
}
