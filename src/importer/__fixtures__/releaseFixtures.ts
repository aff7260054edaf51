import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the importer's test data lives, and how the tests read it (Node only). The fixture files
 * are made by pipeline/importer/fixtures/make_fixtures.py and stay beside it: the pipeline's
 * command-line tests and the end-to-end tests read them too.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = join(REPO_ROOT, 'pipeline', 'importer', 'fixtures');
/** A fake release made by the generator: 2 LLMs, budgets 10, 100 and unlimited, 1024-d heads. */
export const FIXTURE_RELEASE = join(FIXTURES, 'release');

/** The authors' release is data outside the project: tests that need it skip when it is absent. */
export const REAL_RELEASE = join(REPO_ROOT, '..', 'shared', 'r2-router-release');
export const HAS_REAL_RELEASE = existsSync(join(REAL_RELEASE, 'config.json'));
if (!HAS_REAL_RELEASE) console.warn(`[importer tests] skipping the real-release tests: ${REAL_RELEASE} is not present`);

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

/** Every file of a release folder, by path relative to it: what importRelease takes. */
export function releaseFiles(dir: string): Map<string, Uint8Array> {
  return new Map(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((rel) => statSync(join(dir, rel)).isFile())
      .map((rel) => [relative(dir, join(dir, rel)).split(sep).join('/'), new Uint8Array(readFileSync(join(dir, rel)))]),
  );
}
