/** A result file given twice on one side, by any name or as a copy, is refused: its runs would count as two sessions. */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, linkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, runCli, temporaryDirectory } from './helpers.js';

const BASE = join(FIXTURES, 'legacy-result.json');
const HEAD = join(FIXTURES, 'legacy-result-2.json');
const REFUSAL =
  /Error: .+ and .+ hold the same run \(started 2026-12-01T09:33:19\.029Z\): the same file twice, or a copy of it, would count its runs twice\n {2}give each result file once\n$/;

/** A folder holding head.json, and the other names the tests give it. */
function spellings(): { directory: string; head: string } {
  const directory = temporaryDirectory();
  mkdirSync(join(directory, 'dir'));
  const head = join(directory, 'dir', 'head.json');
  copyFileSync(HEAD, head);
  linkSync(head, join(directory, 'dir', 'hard-link.json'));
  return { directory, head };
}

for (const [name, current] of [
  ['the same path twice', () => `${HEAD},${HEAD}`],
  ['./x and ../dir/x', () => 'head.json,../dir/head.json'],
  ['a hard link', () => 'head.json,hard-link.json'],
  [
    'a copy in a directory side',
    ({ head }: { head: string }) => {
      copyFileSync(head, join(head, '..', 'copy.json'));
      return '.';
    },
  ],
] as [string, (files: { head: string }) => string][]) {
  test(`compare refuses one file given twice on a side: ${name} (exit 2)`, async () => {
    const files = spellings();
    const { exitCode, stdout, stderr } = await runCli(['compare', BASE, current(files)], {
      cwd: join(files.directory, 'dir'),
    });
    assert.equal(exitCode, 2, stdout + stderr);
    assert.match(stderr, REFUSAL);
    assert.equal(stdout, '');
  });
}

test('run --baseline x,x is refused before anything is measured', async () => {
  const directory = temporaryDirectory();
  const [out, marker] = [join(directory, 'r.json'), join(directory, 'measured')];
  const { exitCode, stderr } = await runCli(
    ['run', join(FIXTURES, 'marker.mjs'), '--runs', '1', '--out', out, '--baseline', `${HEAD},${HEAD}`],
    { env: { FIXTURE_MARKER: marker } },
  );
  assert.equal(exitCode, 2, stderr);
  assert.match(stderr, REFUSAL);
  assert.equal(existsSync(marker), false, 'no mode was set up');
  assert.equal(existsSync(out), false, 'no result file');
});

test('two sessions of one side are still pooled, and a file may be compared with itself', async () => {
  const pooled = await runCli(['compare', BASE, `${BASE},${HEAD}`]);
  assert.equal(pooled.exitCode, 0, pooled.stderr);
  const itself = await runCli(['compare', HEAD, HEAD]);
  assert.equal(itself.exitCode, 0, itself.stderr);
});
