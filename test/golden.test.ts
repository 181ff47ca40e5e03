/**
 * A result file written before src/ was reorganised, reported by today's code: every output must
 * stay byte-for-byte what it was then (the golden files), so a change that only moves code cannot
 * change what a user sees.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reporters } from '../src/reporters/index.js';
import type { ResultFile } from '../src/results/result.js';
import { FIXTURES, runCli, temporaryDirectory } from './helpers.js';

// Relative to the repository (the CLI's working directory here), so the labels printed are the same on every machine.
const LEGACY = 'test/fixtures/legacy-result.json';
// A second run of the same command, so the comparison has changes to print, not only "unchanged".
const LEGACY_SECOND = 'test/fixtures/legacy-result-2.json';
const GOLDEN = join(FIXTURES, 'golden');
// Outside GitHub Actions, so no annotations or job summary are added to what is compared.
const PLAIN_ENV = { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' };

const golden = (name: string) => readFileSync(join(GOLDEN, name), 'utf8');

// The golden files were written on Node 20. Computed p-values and intervals printed at full
// precision can differ in their last bits on another V8 (Math.log and Math.exp are not correctly
// rounded, and implementations differ): there, JSON is compared number by number to 12 significant
// digits; on the Node version that wrote them, byte for byte.
const GOLDEN_NODE_MAJOR = 20;
const sameNode = Number(process.versions.node.split('.')[0]) === GOLDEN_NODE_MAJOR;
const roundNumbers = (text: string) =>
  JSON.stringify(
    JSON.parse(text, (_key, value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(12)) : value)),
  );

function assertSameJson(actual: string, expected: string): void {
  if (sameNode) assert.equal(actual, expected);
  else assert.equal(roundNumbers(actual), roundNumbers(expected));
}

async function cliOutput(args: string[]): Promise<string> {
  const { exitCode, stdout, stderr } = await runCli(args, { env: PLAIN_ENV });
  assert.equal(exitCode, 0, stderr);
  return stdout;
}

test('the table, markdown and json reporters print the legacy result as before', () => {
  const result = JSON.parse(readFileSync(join(FIXTURES, 'legacy-result.json'), 'utf8')) as ResultFile;
  assert.equal(reporters.table(result, { color: false }), golden('result.table.txt'));
  assert.equal(reporters.markdown(result), golden('result.md'));
  assertSameJson(reporters.json(result), golden('result.json'));
});

test('report writes the legacy result, and the legacy results compared, as the same pages as before', async () => {
  const directory = temporaryDirectory();
  const single = join(directory, 'single.html');
  const compared = join(directory, 'compared.html');
  await cliOutput(['report', LEGACY, '--out', single]);
  await cliOutput(['report', LEGACY, LEGACY, '--out', compared]);
  assert.equal(readFileSync(single, 'utf8'), golden('report.html'));
  assert.equal(readFileSync(compared, 'utf8'), golden('report-compare.html'));
  const changed = join(directory, 'changed.html');
  await cliOutput(['report', LEGACY, LEGACY_SECOND, '--out', changed]);
  assert.equal(readFileSync(changed, 'utf8'), golden('report-changed.html'));
});

test('compare prints the legacy result against itself and against a second run as before, in every reporter', async () => {
  assert.equal(await cliOutput(['compare', LEGACY, LEGACY]), golden('compare.table.txt'));
  assert.equal(await cliOutput(['compare', LEGACY, LEGACY, '--verbose']), golden('compare-verbose.table.txt'));
  assert.equal(
    await cliOutput(['compare', LEGACY, LEGACY, '--reporter', 'markdown', '--verbose']),
    golden('compare.md'),
  );
  assertSameJson(await cliOutput(['compare', LEGACY, LEGACY, '--reporter', 'json']), golden('compare.json'));
  assert.equal(await cliOutput(['compare', LEGACY, LEGACY_SECOND, '--verbose']), golden('changed.table.txt'));
  assert.equal(await cliOutput(['compare', LEGACY, LEGACY_SECOND, '--reporter', 'markdown']), golden('changed.md'));
  assertSameJson(await cliOutput(['compare', LEGACY, LEGACY_SECOND, '--reporter', 'json']), golden('changed.json'));
});

test('export writes the legacy result in both github-action-benchmark formats as before', async () => {
  for (const format of ['github-action-benchmark-bigger', 'github-action-benchmark-smaller']) {
    assert.equal(await cliOutput(['export', LEGACY, '--format', format]), golden(`export.${format}.json`), format);
  }
});
