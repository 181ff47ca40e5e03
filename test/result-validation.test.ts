/**
 * Every command that reads a result file checks it against the JSON Schema first: a file missing a
 * field a reader needs, or holding the wrong kind of value, is exit 2 naming the file and the field,
 * in compare, report, export and run --baseline alike, never a crash or a pass.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ResultFile } from '../src/results/result.js';
import { FIXTURES, runCli, temporaryDirectory } from './helpers.js';

const LEGACY = join(FIXTURES, 'legacy-result.json');
const directory = temporaryDirectory();

function broken(name: string, change: (file: ResultFile) => void): string {
  const file = JSON.parse(readFileSync(LEGACY, 'utf8')) as ResultFile;
  change(file);
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

const firstMode = (file: ResultFile) =>
  Object.values(file.scenarios.find((caseResult) => caseResult.status === 'ok')!.modes)[0]!;

for (const [path, problem] of [
  [
    broken(
      'no-by-kind.json',
      (file) =>
        delete (firstMode(file).summary.gc as Partial<ResultFile['scenarios'][0]['modes'][0]['summary']['gc']>).byKind,
    ),
    'scenarios[0].modes.heap.summary.gc.byKind is missing',
  ],
  [
    broken('empty-ci.json', (file) => ((firstMode(file).summary.opsPerSec.ci95 as number[]) = [])),
    'scenarios[0].modes.heap.summary.opsPerSec.ci95 is an array of 0, expected at least 2 item(s)',
  ],
  [broken('negative-runs.json', (file) => (file.settings.runs = -3)), 'settings.runs is -3, expected a number >= 1'],
  [
    broken('text-ops.json', (file) => ((firstMode(file).runs[0]!.ops as unknown) = '1000')),
    'scenarios[0].modes.heap.runs[0].ops is "1000", expected an integer',
  ],
] as const) {
  const name = path.split('/').pop()!;
  const message = `Error: ${path} is not a valid arena-bench result file: ${problem}\n  re-run the benchmark that wrote it\n`;

  for (const [command, args] of [
    ['compare', ['compare', LEGACY, path]],
    ['report', ['report', path, '--out', join(directory, `${name}.html`)]],
    ['export', ['export', path, '--format', 'github-action-benchmark-smaller']],
  ] as const) {
    test(`${command} refuses ${name}: exit 2 naming the file and the field`, async () => {
      const { exitCode, stdout, stderr } = await runCli([...args]);
      assert.equal(stderr, message);
      assert.equal(exitCode, 2);
      assert.equal(stdout, '');
    });
  }

  test(`run --baseline ${name} is refused before anything is measured`, async () => {
    const [out, marker] = [join(directory, `${name}.never.json`), join(directory, `${name}.measured`)];
    const { exitCode, stderr } = await runCli(
      ['run', join(FIXTURES, 'marker.mjs'), '--runs', '1', '--baseline', path, '--out', out],
      { env: { FIXTURE_MARKER: marker } },
    );
    assert.equal(stderr, message);
    assert.equal(exitCode, 2);
    assert.equal(existsSync(marker), false, 'no mode was set up');
  });
}
