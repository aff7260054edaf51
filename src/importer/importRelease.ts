import { BundleError, manifestSchema, UNLIMITED, type Manifest } from '../bundle/manifest';
import { loadJoblib } from './joblib/loadJoblib';
import { describe, type PyValue } from './pickle/pyValues';
import { releaseConfigSchema, type ReleaseConfig } from './releaseConfig';
import { buildReleaseGraph, type ModelHeads } from './releaseGraph';
import { DEFAULT_REPRODUCE, releaseManifest } from './releaseManifest';
import { readRidgeHead, type RidgeHead } from './ridgeHead';

/**
 * Turns a released R2-Router folder (config.json + checkpoints/) into a predictor bundle,
 * in memory, so the same code serves the Node command and a folder dropped on the page.
 */

/** The release's files by path relative to its folder ("config.json", "checkpoints/…"); a single enclosing folder is allowed. */
export type ReleaseFiles = ReadonlyMap<string, Uint8Array | ArrayBuffer>;

export interface ImportedRelease {
  manifest: Manifest;
  onnxBytes: Uint8Array;
  /** Things that did not stop the import but that a person should know. */
  warnings: string[];
}

export interface ImportOptions {
  /** The command that recreates the bundle, recorded in its card. */
  reproduce?: string;
}

export class ReleaseError extends BundleError {
  override name = 'ReleaseError';
}

const RELEASE_FILES = {
  limited: 'limited_score_predictors.joblib',
  unlimitedScore: 'unlimited_score_predictor.joblib',
  unlimitedTokens: 'unlimited_token_predictor.joblib',
} as const;

function checkpointFolder(checkpointDir: string): string {
  return `checkpoints/${checkpointDir}/`;
}

/** Every checkpoint file config.json names, relative to the release folder, in config order. */
export function checkpointPaths(config: ReleaseConfig): string[] {
  return Object.values(config.models).flatMap((m) =>
    Object.values(RELEASE_FILES).map((file) => `${checkpointFolder(m.checkpoint_dir)}${file}`),
  );
}

/** Paths are compared with forward slashes and without a leading "./". */
function normalise(files: ReleaseFiles): Map<string, Uint8Array> {
  return new Map(
    [...files].map(([path, data]) => [
      path.replace(/\\/g, '/').replace(/^(\.\/)+/, ''),
      data instanceof Uint8Array ? data : new Uint8Array(data),
    ]),
  );
}

/** "" when config.json is at the top, "name/" when the files sit in one folder (a dropped directory). */
function releaseRoot(files: Map<string, Uint8Array>): string {
  if (files.has('config.json')) return '';
  const nested = [...files.keys()].filter((p) => /^[^/]+\/config\.json$/.test(p));
  if (nested.length === 1) return nested[0]!.slice(0, -'config.json'.length);
  throw new ReleaseError(
    nested.length
      ? `found ${nested.length} config.json files (${nested.join(', ')}); give one release folder`
      : 'no config.json at the top of the release folder',
  );
}

/** Reads and checks a release's config.json; `path` names it in messages. */
export function parseReleaseConfig(bytes: Uint8Array, path: string): ReleaseConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new ReleaseError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const result = releaseConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new ReleaseError(
      `${path} is not an R2-Router release config`,
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  if (!/^Qwen\/Qwen3-/.test(result.data.embedding_model)) {
    throw new ReleaseError(
      `${path}: embedding model "${result.data.embedding_model}" is not a Qwen3 model, the only kind of release encoder the app runs`,
    );
  }
  return result.data;
}

interface ModelReport {
  heads: ModelHeads | null;
  problems: string[];
  warnings: string[];
}

/** Reads one model's three files, recording every problem rather than stopping at the first. */
async function readModel(
  name: string,
  folder: string,
  files: Map<string, Uint8Array>,
  config: ReleaseConfig,
): Promise<ModelReport> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const load = async (file: string): Promise<{ path: string; value: PyValue } | null> => {
    const path = `${folder}${file}`;
    const bytes = files.get(path);
    if (!bytes) {
      problems.push(`${name}: missing ${path}`);
      return null;
    }
    try {
      return { path, value: await loadJoblib(bytes, path) };
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
      return null;
    }
  };
  const head = (value: PyValue | undefined, where: string): RidgeHead | null => {
    try {
      return readRidgeHead(value, config.embedding_dim, (w) => warnings.push(`${name}: ${where} ${w}`));
    } catch (e) {
      problems.push(`${name}: ${where} ${(e as Error).message}`);
      return null;
    }
  };

  const limited = await load(RELEASE_FILES.limited);
  const unlimitedScore = await load(RELEASE_FILES.unlimitedScore);
  const unlimitedTokens = await load(RELEASE_FILES.unlimitedTokens);
  let dict: Map<PyValue, PyValue> | null = null;
  if (limited) {
    if (limited.value instanceof Map) dict = limited.value;
    else
      problems.push(
        `${name}: ${limited.path} holds ${describe(limited.value)}, expected a dict of Ridge models by "<budget>_score"`,
      );
  }
  const quality = config.token_limits.map((budget) => {
    if (budget === UNLIMITED) return unlimitedScore && head(unlimitedScore.value, unlimitedScore.path);
    const key = `${budget}_score`;
    if (!dict || !limited) return null;
    if (!dict.has(key)) {
      problems.push(`${name}: ${limited.path} has no "${key}" head for token limit ${budget}`);
      return null;
    }
    return head(dict.get(key), `${limited.path} "${key}"`);
  });
  if (dict && limited) {
    const expected = config.token_limits.filter((b) => b !== UNLIMITED).map((b) => `${b}_score`);
    const keys = [...dict.keys()].map(String);
    const extra = keys.filter((k) => !expected.includes(k));
    if (extra.length)
      warnings.push(
        `${name}: ${limited.path} also holds ${extra.join(', ')}, not in token_limits; ignored (the released router would also try these budgets)`,
      );
    if (keys.filter((k) => expected.includes(k)).join() !== expected.join()) {
      warnings.push(
        `${name}: ${limited.path} lists its budgets in another order than token_limits; the released router breaks exact ties in the file's order`,
      );
    }
  }
  const tokens = unlimitedTokens && head(unlimitedTokens.value, unlimitedTokens.path);
  const complete = quality.filter((q): q is RidgeHead => q !== null);
  const heads = tokens && complete.length === quality.length ? { quality: complete, tokens } : null;
  return { heads, problems, warnings };
}

export async function importRelease(input: ReleaseFiles, options: ImportOptions = {}): Promise<ImportedRelease> {
  const files = normalise(input);
  const root = releaseRoot(files);
  const config = parseReleaseConfig(files.get(`${root}config.json`)!, `${root}config.json`);
  const reports = await Promise.all(
    Object.entries(config.models).map(([name, m]) =>
      readModel(name, `${root}${checkpointFolder(m.checkpoint_dir)}`, files, config),
    ),
  );
  const problems = reports.flatMap((r) => r.problems);
  const models = reports.flatMap((r) => (r.heads ? [r.heads] : []));
  if (problems.length)
    throw new ReleaseError(
      `cannot import the release: ${problems.length} problem${problems.length > 1 ? 's' : ''}`,
      problems,
    );

  const result = manifestSchema.safeParse(releaseManifest(config, options.reproduce ?? DEFAULT_REPRODUCE));
  if (!result.success) {
    throw new ReleaseError(
      'the release does not make a valid bundle',
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return {
    manifest: result.data,
    onnxBytes: buildReleaseGraph(models, config.embedding_dim),
    warnings: reports.flatMap((r) => r.warnings),
  };
}
