import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeEmbedding, startFakeEmbeddings, type FakeEmbeddings } from '../../e2e/fakeEmbeddings';
import { l2Normalize } from '../../src/encoder/lastToken';
import { FIXTURE_RELEASE, REPO_ROOT } from '../../src/importer/__fixtures__/releaseFixtures';
import { referenceDecision, referenceModels, referencePredict } from '../../src/importer/__fixtures__/referenceRouter';
import { releaseInputTokens } from '../../src/router/releaseRules';
import { openBundle } from '../bundle/nodeBundle';
import { loadDataset } from '../data/loader';
import { evaluateBundle } from '../evaluate/evaluateBundle';
import { SIM_POOL } from '../simulate/pool';
import { writeDataset } from '../simulate/writeDataset';
import { tempDir } from '../testing/tinyData';

// route, embed and evaluate with an OpenAI-compatible embeddings server: the fake one of the
// end-to-end tests, whose vector for a text is fakeEmbedding(text).

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const KEY = 'sk-embeddings-cli-secret-000111';
const QUERIES = [
  'How many moons does Mars have?',
  'Write a SQL query that lists the ten best-selling products.',
  'Why is the sky blue?',
  'Translate "good morning" into French, German and Italian.',
  'Differentiate ln(x^2 + 1).',
  'hi',
];

function cli(file: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
      [join(REPO_ROOT, 'pipeline', 'cli', file), ...args],
      { cwd: REPO_ROOT, maxBuffer: 64 << 20, env: { ...process.env, EMBEDDINGS_API_KEY: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** `npm run route` on the imported bundle, with the queries in `file` and the fake server. */
const routeQueries = (file: string, lambda: string, ...more: string[]) =>
  cli('route.ts', [
    '--bundle',
    bundleDir,
    '--queries',
    file,
    '--embeddings-url',
    fake.baseUrl,
    '--lambda',
    lambda,
    ...more,
  ]);

/** What the page does with the server's vector before the heads read it. */
const served = (text: string) => l2Normalize(Float32Array.from(fakeEmbedding(text, 1024, true)));

let fake: FakeEmbeddings;
let temp: Awaited<ReturnType<typeof tempDir>>;
let bundleDir: string;

beforeAll(async () => {
  fake = await startFakeEmbeddings({ dim: 1024 });
  temp = await tempDir('r2-embeddings-cli');
  bundleDir = join(temp.path, 'bundle');
  const imported = await cli('importR2Router.ts', ['--release', FIXTURE_RELEASE, '--out', bundleDir]);
  expect(imported.code, imported.stderr).toBe(0);
});
afterAll(async () => {
  await fake.close();
  await temp.remove();
});
beforeEach(() => fake.reset());

async function expectedDecisions(texts: readonly string[], lambda: number) {
  const models = await referenceModels(FIXTURE_RELEASE);
  return texts.map((t) =>
    referenceDecision(
      models,
      models.map((m) => referencePredict(m, served(t))),
      lambda,
      releaseInputTokens(t),
    ),
  );
}

describe('npm run route with an embeddings server', () => {
  it.each([
    ['a text file', 'q.txt', ['', ...QUERIES, ''].join('\n'), []],
    [
      'a CSV, by --column',
      'q.csv',
      ['id,question', ...QUERIES.map((q, i) => `${i},"${q.replaceAll('"', '""')}"`)].join('\n'),
      ['--column', 'question'],
    ],
    ['JSON Lines', 'q.jsonl', QUERIES.map((prompt) => JSON.stringify({ prompt })).join('\n'), []],
  ])(
    'reads %s as the workload view does and decides as the release does, in file order',
    async (_, name, text, more) => {
      const file = join(temp.path, name);
      await writeFile(file, text);
      const result = await routeQueries(file, '0.99999', '--embeddings-batch', '4', ...more);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ decisions: await expectedDecisions(QUERIES, 0.99999) });
      expect(fake.requests.map((r) => r.body!.input.length)).toEqual([1, 4, 2]);
      expect(fake.requests.every((r) => r.body!.model === 'Qwen/Qwen3-0.6B')).toBe(true);
    },
  );

  it('takes one input-token count for every query when given', async () => {
    const file = join(temp.path, 'tokens.txt');
    await writeFile(file, QUERIES.join('\n'));
    const result = await routeQueries(file, '0.999', '--input-tokens', '5000');
    expect(result.code, result.stderr).toBe(0);
    const models = await referenceModels(FIXTURE_RELEASE);
    const expected = QUERIES.map((t) =>
      referenceDecision(
        models,
        models.map((m) => referencePredict(m, served(t))),
        0.999,
        5000,
      ),
    );
    expect(JSON.parse(result.stdout)).toEqual({ decisions: expected });
  });

  it('sends EMBEDDINGS_API_KEY as the bearer token, and never prints it', async () => {
    const keyed = await startFakeEmbeddings({ dim: 1024, key: KEY });
    try {
      const file = join(temp.path, 'keyed.txt');
      await writeFile(file, QUERIES.join('\n'));
      const args = ['--bundle', bundleDir, '--queries', file, '--embeddings-url', keyed.baseUrl, '--lambda', '0.5'];
      const refused = await cli('route.ts', args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^error: The embeddings server at http:\/\/127\.0\.0\.1:\d+ refused the probe request \(401\)/,
      );
      const ok = await cli('route.ts', args, { EMBEDDINGS_API_KEY: KEY });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout + ok.stderr + refused.stderr).not.toContain(KEY);
      expect(keyed.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
    } finally {
      await keyed.close();
    }
  });

  it('says on stderr when it retries, and still routes every query once', async () => {
    const file = join(temp.path, 'retry.txt');
    await writeFile(file, QUERIES.join('\n'));
    fake.script = ['ok', 'server-error'];
    const result = await routeQueries(file, '0.5');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/the server answered 500 to batch 1 \(6 queries, .*\); retry 1 of 4 in 0\.5 s/);
    expect(fake.embeddedAmong(QUERIES)).toEqual([...QUERIES].sort());
  });

  it('refuses a bundle that needs no server, and both or neither input', async () => {
    const file = join(temp.path, 'plain.txt');
    await writeFile(file, QUERIES.join('\n'));
    const hashed = await cli('route.ts', [
      '--bundle',
      join(REPO_ROOT, 'models', 'default'),
      '--queries',
      file,
      '--embeddings-url',
      fake.baseUrl,
      '--lambda',
      '0.5',
    ]);
    expect(hashed.code).toBe(2);
    expect(hashed.stderr).toContain('uses hashed-ngrams, which needs no server');
    const neither = await cli('route.ts', ['--bundle', bundleDir, '--lambda', '0.5']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('give either --embeddings or --queries');
  });
});

describe('npm run embed --server', () => {
  it('prints the server’s vectors as it sends them, for --compare', async () => {
    const texts = join(temp.path, 'texts.json');
    await writeFile(texts, JSON.stringify(QUERIES.slice(0, 3)));
    const result = await cli('embed.ts', ['--server', fake.baseUrl, '--texts', texts]);
    expect(result.code, result.stderr).toBe(0);
    const vectors = JSON.parse(result.stdout) as number[][];
    expect(vectors.map((v) => Float32Array.from(v))).toEqual(
      QUERIES.slice(0, 3).map((t) => fakeEmbedding(t, 1024, true)),
    );
    const reference = join(temp.path, 'reference.json');
    await writeFile(reference, result.stdout);
    const compared = await cli('embed.ts', ['--server', fake.baseUrl, '--texts', texts, '--compare', reference]);
    expect(JSON.parse(compared.stdout)).toMatchObject({ min: expect.closeTo(1, 6) as number });
  });
});

describe('npm run evaluate --embeddings-url', () => {
  it('evaluates a Qwen3-kind bundle with the server’s vectors, as with the same vectors given directly', async () => {
    const data = join(temp.path, 'bench');
    const pool = ['Alpha-7B', 'Beta-1B'].map((name, i) => ({ ...SIM_POOL[i * 5]!, name, path: `fixture/${name}` }));
    await writeDataset(data, { queries: 120, seed: 3, pool, budgets: [10, 100, 'unlimited'], command: 'test' });
    const result = await cli('evaluate.ts', ['--bundle', bundleDir, '--data', data, '--embeddings-url', fake.baseUrl]);
    expect(result.code, result.stderr).toBe(0);
    const direct = await evaluateBundle(await openBundle(bundleDir), await loadDataset(data), undefined, (prompts) => {
      const rows = new Float32Array(prompts.length * 1024);
      prompts.forEach((p, i) => rows.set(served(p), i * 1024));
      return Promise.resolve(rows);
    });
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(direct)));
    const missing = await cli('evaluate.ts', ['--bundle', bundleDir, '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('give an embeddings server (--embeddings-url) to evaluate it');
  });
});
