import { parseArgs } from 'node:util';
import { BundleError } from '../../src/bundle/manifest';
import { DatasetError } from '../../src/evaluate/errors';

/** Command-line helpers shared by the pipeline's commands and the bench. */

export class UsageError extends Error {}

type Spec = Record<string, { type: 'string' | 'boolean' }>;

export function readFlags<S extends Spec>(argv: string[], spec: S, usage: string) {
  try {
    return parseArgs({
      args: argv,
      options: { ...spec, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`);
  }
}

export function required(value: string | boolean | undefined, name: string, usage: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required\n\n${usage}`);
  return value;
}

export function integer(
  value: string | boolean | undefined,
  name: string,
  fallback: number,
  min = 0,
  max = Infinity,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be an integer ${max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`}, got "${String(value)}"`,
    );
  }
  return n;
}

/** Runs a command, printing errors plainly (exit 1; usage errors exit 2; DEBUG=1 adds stacks). */
export function runCli(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    const known = e instanceof DatasetError || e instanceof BundleError;
    const detail = e instanceof Error ? (process.env.DEBUG && !known ? (e.stack ?? e.message) : e.message) : String(e);
    process.stderr.write(`error: ${detail}\n`);
    process.exit(1);
  });
}
