import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/bundle/manifest';
import {
  FIXTURE_RELEASE,
  HAS_REAL_RELEASE,
  REAL_RELEASE,
  REPO_ROOT,
} from '../../src/importer/__fixtures__/releaseFixtures';
import {
  referenceDecision,
  referenceModels,
  referencePredict,
  unitEmbeddings,
} from '../../src/importer/__fixtures__/referenceRouter';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function spawn(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: REPO_ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** What `npm run <script> -- args` runs: tsx on pipeline/cli/<file>. */
const cli = (file: string, ...args: string[]) =>
  spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(REPO_ROOT, 'pipeline', 'cli', file), ...args]);

let temp: string;
let imported: Run;
let embeddingsFile: string;
const embeddings = unitEmbeddings(3, 1024, 5);

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'r2-cli-test-'));
  embeddingsFile = join(temp, 'embeddings.json');
  await writeFile(embeddingsFile, JSON.stringify(embeddings.map((e) => [...e])));
  imported = await cli('importR2Router.ts', '--release', FIXTURE_RELEASE, '--out', join(temp, 'bundle'));
});
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe.concurrent('npm run import:r2router', () => {
  it('writes the bundle and prints a JSON summary', async () => {
    expect(imported.code, imported.stderr).toBe(0);
    const summary = JSON.parse(imported.stdout) as {
      bundle: string;
      id: string;
      pool: Array<{ name: string }>;
      budgets: unknown[];
      warnings: string[];
    };
    expect(summary).toMatchObject({
      bundle: join(temp, 'bundle'),
      id: 'r2-router-release',
      budgets: [10, 100, 'unlimited'],
      warnings: [],
    });
    expect(summary.pool.map((p) => p.name)).toEqual(['Alpha-7B', 'Beta-1B']);
    const manifest = parseManifest(await readFile(join(temp, 'bundle', 'manifest.json'), 'utf8'));
    expect(manifest.card.reproduce).toBe(
      `npm run import:r2router -- --release ${FIXTURE_RELEASE} --out ${join(temp, 'bundle')}`,
    );
  });

  it('writes nothing when a checkpoint is missing, and names the model and file (exit 1)', async () => {
    const broken = join(temp, 'broken-release');
    await cp(FIXTURE_RELEASE, broken, { recursive: true });
    await rm(join(broken, 'checkpoints', 'Beta-1B_ridge_alpha10.0', 'unlimited_score_predictor.joblib'));
    const out = join(temp, 'not-written');
    const result = await cli('importR2Router.ts', '--release', broken, '--out', out);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'Beta-1B: missing checkpoints/Beta-1B_ridge_alpha10.0/unlimited_score_predictor.joblib',
    );
    expect((await readdir(temp)).filter((name) => name.includes('not-written'))).toEqual([]);
  });

  it('answers bad arguments with the usage on stderr and exit code 2', async () => {
    const result = await cli('importR2Router.ts', '--release', FIXTURE_RELEASE);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out is required');
    expect(result.stderr).toContain('usage: npm run import:r2router');
    expect(result.stdout).toBe('');
  });
});

// Independent of each other once the bundle exists: run them side by side to keep the suite quick.
describe.concurrent('npm run predict and npm run route on the imported fixture', () => {
  it('predict prints every curve, matching the Ridge heads computed from the pickles', async () => {
    const result = await cli('predict.ts', '--bundle', join(temp, 'bundle'), '--embeddings', embeddingsFile);
    expect(result.code, result.stderr).toBe(0);
    const { queries } = JSON.parse(result.stdout) as {
      queries: Array<{ curves: Record<string, Record<string, number>> }>;
    };
    const models = await referenceModels(FIXTURE_RELEASE);
    expect(queries).toHaveLength(3);
    queries.forEach((query, q) => {
      expect(Object.keys(query.curves)).toEqual(['Alpha-7B', 'Beta-1B']);
      models.forEach((m) => {
        const ref = referencePredict(m, embeddings[q]!);
        const curve = query.curves[m.name]!;
        expect(Object.keys(curve)).toEqual(['10', '100', 'unlimited', 'unlimitedTokens']);
        m.quality.forEach(({ budget }, k) =>
          expect(Math.abs(curve[String(budget)]! - ref.quality[k]!)).toBeLessThan(1e-5),
        );
        expect(Math.abs(curve.unlimitedTokens! - ref.tokens)).toBeLessThan(1e-5 * Math.max(1, ref.tokens));
      });
    });
  });

  it('route decides as the release’s argmax', async () => {
    const result = await cli(
      'route.ts',
      '--bundle',
      join(temp, 'bundle'),
      '--embeddings',
      embeddingsFile,
      '--lambda',
      '0.5',
      '--input-tokens',
      '100',
    );
    expect(result.code, result.stderr).toBe(0);
    const models = await referenceModels(FIXTURE_RELEASE);
    const expected = embeddings.map((e) =>
      referenceDecision(
        models,
        models.map((m) => referencePredict(m, e)),
        0.5,
        100,
      ),
    );
    expect(JSON.parse(result.stdout)).toEqual({ decisions: expected });
  });

  it('route rejects a λ outside 0..1 with the usage (exit 2)', async () => {
    const result = await cli(
      'route.ts',
      '--bundle',
      join(temp, 'bundle'),
      '--embeddings',
      embeddingsFile,
      '--lambda',
      '1.5',
      '--input-tokens',
      '10',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--lambda must be a number from 0 to 1, got "1.5"');
    expect(result.stderr).toContain('usage: npm run route');
  });

  it('keeps stdout pure JSON under npm run -s', async () => {
    const result = await spawn('npm', [
      'run',
      '-s',
      'predict',
      '--',
      '--bundle',
      join(temp, 'bundle'),
      '--embeddings',
      embeddingsFile,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { queries: unknown[] }).queries).toHaveLength(3);
  });
});

describe.skipIf(!HAS_REAL_RELEASE)('the commands on the authors’ release (../shared/r2-router-release)', () => {
  it('imports it and routes as the release’s argmax at its default λ', async () => {
    const out = join(temp, 'real-bundle');
    const importing = await cli('importR2Router.ts', '--release', REAL_RELEASE, '--out', out);
    expect(importing.code, importing.stderr).toBe(0);
    const routing = await cli(
      'route.ts',
      '--bundle',
      out,
      '--embeddings',
      embeddingsFile,
      '--lambda',
      '0.99999',
      '--input-tokens',
      '100',
    );
    expect(routing.code, routing.stderr).toBe(0);
    const models = await referenceModels(REAL_RELEASE);
    const expected = embeddings.map((e) =>
      referenceDecision(
        models,
        models.map((m) => referencePredict(m, e)),
        0.99999,
        100,
      ),
    );
    expect(JSON.parse(routing.stdout)).toEqual({ decisions: expected });
  });
});
