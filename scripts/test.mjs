// Runs every check in order (types, lint, format, unit, end-to-end) and closes with one summary
// line counted over both test runners: "N passed, N failed, N skipped". A failed type check, lint
// or format check counts as one failure each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'r2-tests-'));
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

const typecheck = run('npm', ['run', '-s', 'typecheck']);
const lint = run('npm', ['run', '-s', 'lint']);
const format = run('npm', ['run', '-s', 'format:check']);
const unitFile = join(out, 'unit.json');
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitFile}`]);
// The main e2e config, then the WebGPU one (its own build, on Chromium's software adapter).
const e2eRuns = [[], ['-c', 'playwright.webgpu.config.ts']].map((config, i) => {
  const file = join(out, `e2e-${i}.json`);
  const status = run('npx', ['playwright', 'test', ...config, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
  });
  return { status, report: readJson(file) };
});
const e2e = e2eRuns.find((r) => r.status !== 0)?.status ?? 0;

const u = readJson(unitFile);
const sum = (stats, key) => stats.reduce((n, s) => n + s[key], 0);
const stats = e2eRuns.map((r) => r.report?.stats);
const e = stats.every(Boolean)
  ? Object.fromEntries(['expected', 'flaky', 'unexpected', 'skipped'].map((k) => [k, sum(stats, k)]))
  : null;
// Errors outside any test (a web server that would not start, a config error) count as failures.
const e2eErrors = e2eRuns.reduce((n, r) => n + (r.report?.errors?.length ?? 0), 0);
const passed = (u?.numPassedTests ?? 0) + (e ? e.expected + e.flaky : 0);
const failed =
  (u?.numFailedTests ?? 0) +
  (e?.unexpected ?? 0) +
  e2eErrors +
  (typecheck === 0 ? 0 : 1) +
  (lint === 0 ? 0 : 1) +
  (format === 0 ? 0 : 1) +
  (u ? 0 : 1) +
  (e ? 0 : 1);
const skipped = (u?.numPendingTests ?? 0) + (u?.numTodoTests ?? 0) + (e?.skipped ?? 0);

console.log(
  `\nunit: ${u ? `${u.numPassedTests}/${u.numTotalTests} passed` : 'no report'} · e2e: ${e ? `${e.expected + e.flaky} passed, ${e.unexpected} failed${e2eErrors ? `, ${e2eErrors} errors` : ''}` : 'no report'} · types: ${typecheck === 0 ? 'ok' : 'errors'} · lint: ${lint === 0 ? 'ok' : 'errors'} · format: ${format === 0 ? 'ok' : 'unformatted files'}`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(typecheck || lint || format || unit || e2e ? 1 : 0);
