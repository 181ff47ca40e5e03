/**
 * A gate never passes vacuously: compare exits 2 when no case of one file matches one of the other,
 * and run --baseline before measuring when none of its cases is in the baseline, listing what each
 * side holds; an incomplete current file is compared for what
 * it holds, with what it lacks named.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { around, type CaseSpec, resultFile } from './fixtures/results.js';
import { FIXTURES, runCli, temporaryDirectory } from './helpers.js';

const directory = temporaryDirectory();
const HINT =
  '  compare files that measured the same scenarios with the same --param values, --v8-flags/--node variants and modes\n';
const BUFFERS: CaseSpec = {
  name: 'buffers',
  params: { messages: 1000 },
  modes: { heap: { opsPerSec: around(1000) }, arena: { opsPerSec: around(4000) } },
};
const QUEUE: CaseSpec = { name: 'queue', modes: { heap: { opsPerSec: around(500) } } };

function write(
  name: string,
  cases: CaseSpec[],
  change: (file: ReturnType<typeof resultFile>) => void = () => {},
): string {
  const file = resultFile(cases);
  change(file);
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

const BASE = write('base.json', [BUFFERS, QUEUE]);

test('compare of two files with no case in common exits 2, "nothing was compared", listing both sides', async () => {
  const other = write('other.json', [
    { ...BUFFERS, params: { messages: 10 } },
    { name: 'stack', modes: { heap: { opsPerSec: around(500) } } },
  ]);
  const { exitCode, stdout, stderr } = await runCli(['compare', BASE, other]);
  assert.equal(exitCode, 2);
  assert.equal(stdout, '');
  assert.equal(
    stderr,
    `Error: nothing was compared: no case of ${other} matches one of ${BASE} (same scenario, parameters, variant and mode)\n` +
      `  baseline ${BASE}: buffers messages=1000, queue\n` +
      `  current ${other}: buffers messages=10, stack\n` +
      HINT,
  );
});

test('the same cases measured in different modes compare nothing either', async () => {
  const pooled = write('pooled.json', [{ ...BUFFERS, modes: { pool: { opsPerSec: around(1000) } } }]);
  const { exitCode, stderr } = await runCli([
    'compare',
    write('buffers.json', [BUFFERS]),
    pooled,
    '--reporter',
    'json',
  ]);
  assert.equal(exitCode, 2);
  assert.match(
    stderr,
    /\n {2}baseline .*buffers\.json: buffers messages=1000 \(mode heap\), buffers messages=1000 \(mode arena\)\n {2}current .*pooled\.json: buffers messages=1000 \(mode pool\)\n/,
  );
});

test('run --baseline with a baseline of other scenarios exits 2 before measuring anything', async () => {
  const scratch = temporaryDirectory();
  const [out, marker] = [join(scratch, 'head.json'), join(scratch, 'measured')];
  const args = ['run', join(FIXTURES, 'marker.mjs'), '--runs', '1', '--out', out, '--baseline', BASE];
  const { exitCode, stderr } = await runCli(args, { env: { FIXTURE_MARKER: marker } });
  assert.equal(exitCode, 2, stderr);
  assert.equal(
    stderr,
    `Error: nothing would be compared: no case this run measures, in the modes it measures, is in ${BASE}\n` +
      `  baseline ${BASE}: buffers messages=1000, queue\n  this run: fixture-marker\n` +
      HINT,
  );
  assert.equal(existsSync(out), false, 'no result file: nothing ran');
  assert.equal(existsSync(marker), false, 'no mode was set up');
  const modes = await runCli(
    [
      'run',
      join(FIXTURES, 'marker.mjs'),
      '--runs',
      '1',
      '--modes',
      'arena',
      '--out',
      out,
      '--baseline',
      write('marker-heap.json', [{ name: 'fixture-marker', modes: { heap: { opsPerSec: around(1) } } }]),
    ],
    { env: { FIXTURE_MARKER: marker } },
  );
  assert.equal(modes.exitCode, 2, 'the same scenario in another mode compares nothing either');
  assert.equal(existsSync(marker), false, 'no mode was set up');
});

test('an incomplete current file is compared for what it holds, and what it lacks is named', async () => {
  const partial = write('partial.json', [BUFFERS], (file) => (file.complete = false));
  const { exitCode, stdout } = await runCli(['compare', BASE, partial]);
  assert.equal(exitCode, 0, stdout);
  assert.match(stdout, /^arena-bench: no regression \(0 regressed, /);
  assert.match(stdout, new RegExp(`only in the baseline ${BASE}: queue\n`));
  assert.match(
    stdout,
    new RegExp(
      `${partial} is incomplete \\(the run was interrupted or is still going\\): only what it holds is compared`,
    ),
  );
});

test('an incomplete current file with nothing in common is refused like any other', async () => {
  const empty = write('interrupted.json', [], (file) => (file.complete = false));
  const { exitCode, stderr } = await runCli(['compare', BASE, empty]);
  assert.equal(exitCode, 2);
  assert.match(stderr, new RegExp(`\n {2}current ${empty}: no scenarios\n`));
});
