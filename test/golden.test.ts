/**
 * A result file written before src/ was reorganised, reported by today's code: every output must
 * stay byte-for-byte what it was then (the golden files), so a change that only moves code cannot
 * change what a user sees. A change that means to change the output rewrites them with
 * `UPDATE_GOLDEN=1 npm test` (or `npm run golden:update`), and the diff is what a reviewer reads.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HTML_STYLE } from '../src/reporters/html/style.js';
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

const UPDATE = process.env.UPDATE_GOLDEN === '1';

// Every page carries the same stylesheet: the golden pages keep it out, so a change of style
// rewrites no golden page, and each page is checked to carry it whole, once.
const STYLE = `<style>${HTML_STYLE}</style>`;
const STYLE_KEPT_OUT = '<style>/* src/reporters/html/style.ts */</style>';
function withoutStyle(page: string): string {
  assert.equal(page.split(STYLE).length, 2, 'the stylesheet, whole, once');
  return page.replace(STYLE, STYLE_KEPT_OUT);
}

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

function sameJson(actual: string, expected: string): void {
  if (sameNode) assert.equal(actual, expected);
  else assert.equal(roundNumbers(actual), roundNumbers(expected));
}

/** `actual` against the golden file `name`; under UPDATE_GOLDEN=1, written there instead. */
function matchesGolden(
  actual: string,
  name: string,
  compare: (actual: string, expected: string) => void = assert.equal,
) {
  const path = join(GOLDEN, name);
  if (UPDATE) writeFileSync(path, actual);
  else compare(actual, readFileSync(path, 'utf8'));
}

async function cliOutput(args: string[]): Promise<string> {
  const { exitCode, stdout, stderr } = await runCli(args, { env: PLAIN_ENV });
  assert.equal(exitCode, 0, stderr);
  return stdout;
}

test('the table, markdown and json reporters print the legacy result as before', () => {
  const result = JSON.parse(readFileSync(join(FIXTURES, 'legacy-result.json'), 'utf8')) as ResultFile;
  matchesGolden(reporters.table(result, { color: false }), 'result.table.txt');
  matchesGolden(reporters.markdown(result), 'result.md');
  matchesGolden(reporters.json(result), 'result.json', sameJson);
});

test('report writes the legacy result, and the legacy results compared, as the same pages as before', async () => {
  const directory = temporaryDirectory();
  const single = join(directory, 'single.html');
  const compared = join(directory, 'compared.html');
  await cliOutput(['report', LEGACY, '--out', single]);
  await cliOutput(['report', LEGACY, LEGACY, '--out', compared]);
  matchesGolden(withoutStyle(readFileSync(single, 'utf8')), 'report.html');
  matchesGolden(withoutStyle(readFileSync(compared, 'utf8')), 'report-compare.html');
  const changed = join(directory, 'changed.html');
  await cliOutput(['report', LEGACY, LEGACY_SECOND, '--out', changed]);
  matchesGolden(withoutStyle(readFileSync(changed, 'utf8')), 'report-changed.html');
});

test('compare prints the legacy result against itself and against a second run as before, in every reporter', async () => {
  matchesGolden(await cliOutput(['compare', LEGACY, LEGACY]), 'compare.table.txt');
  matchesGolden(await cliOutput(['compare', LEGACY, LEGACY, '--verbose']), 'compare-verbose.table.txt');
  matchesGolden(await cliOutput(['compare', LEGACY, LEGACY, '--reporter', 'markdown', '--verbose']), 'compare.md');
  matchesGolden(await cliOutput(['compare', LEGACY, LEGACY, '--reporter', 'json']), 'compare.json', sameJson);
  matchesGolden(await cliOutput(['compare', LEGACY, LEGACY_SECOND, '--verbose']), 'changed.table.txt');
  matchesGolden(await cliOutput(['compare', LEGACY, LEGACY_SECOND, '--reporter', 'markdown']), 'changed.md');
  matchesGolden(await cliOutput(['compare', LEGACY, LEGACY_SECOND, '--reporter', 'json']), 'changed.json', sameJson);
});

test('export writes the legacy result in both github-action-benchmark formats as before', async () => {
  for (const format of ['github-action-benchmark-bigger', 'github-action-benchmark-smaller']) {
    matchesGolden(await cliOutput(['export', LEGACY, '--format', format]), `export.${format}.json`);
  }
});
