import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tinyExpectedEmbedding } from '../../src/encoder/__fixtures__/tinyQwen3';

const FIXTURES = 'src/encoder/__fixtures__';
const scratch = mkdtempSync(join(tmpdir(), 'embed-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function embed(...args: string[]) {
  const run = spawnSync('node_modules/.bin/tsx', ['pipeline/cli/embed.ts', ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run embed', () => {
  const texts = ['hello', 'Bonjour 🗼'];
  const textsFile = join(scratch, 'texts.json');
  writeFileSync(textsFile, JSON.stringify(texts));

  it.each([
    ['feature-extraction', 'tiny-qwen3', 'fp32'],
    ['text-generation', 'tiny-qwen3-text-generation', 'fp32'],
    ['text-generation', 'tiny-qwen3-text-generation', 'fp16'],
  ])('prints one embedding per text from a %s export (%s, %s), as the page computes it', (_, folder, precision) => {
    const { status, stdout, stderr } = embed(
      '--model',
      join(FIXTURES, folder),
      '--texts',
      textsFile,
      '--dim',
      '8',
      '--precision',
      precision,
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const embeddings = JSON.parse(stdout) as number[][];
    const digits = precision === 'fp16' ? 3 : 5;
    texts.forEach((t, i) =>
      [...tinyExpectedEmbedding(t)].forEach((v, k) => expect(embeddings[i]![k]).toBeCloseTo(v, digits)),
    );
  });

  it('compares with reference embeddings by cosine similarity', () => {
    const reference = join(scratch, 'reference.json');
    writeFileSync(
      reference,
      JSON.stringify([[...tinyExpectedEmbedding('hello')], [...tinyExpectedEmbedding('something else')]]),
    );
    const { status, stdout } = embed(
      '--model',
      join(FIXTURES, 'tiny-qwen3-text-generation'),
      '--texts',
      textsFile,
      '--dim',
      '8',
      '--compare',
      reference,
    );
    expect(status).toBe(0);
    const { cosine, min } = JSON.parse(stdout) as { cosine: number[]; min: number };
    expect(cosine[0]).toBeCloseTo(1, 6);
    expect(cosine[1]).toBeLessThan(0.99);
    expect(min).toBe(cosine[1]);
  });

  it('says why it cannot embed, without a stack trace', () => {
    const { status, stderr } = embed('--model', join(FIXTURES, 'tiny-qwen3'), '--texts', textsFile);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^error: .*8-wide hidden states .* 1024-wide/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
