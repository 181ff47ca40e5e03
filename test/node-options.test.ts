/** NODE_OPTIONS reaches every child: it is recorded in the result, shown under the tables, and a difference in it is an environment difference. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { machineDifferences } from '../src/compare/matching.js';
import { around, resultFile } from './fixtures/results.js';
import { FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

const OPTIONS = '--max-old-space-size=300';
const TINY = ['--runs', '1', '--time', '20', '--warmup', '0'];

test('a run under NODE_OPTIONS records it in the environment and says so under the table', async () => {
  const directory = temporaryDirectory();
  const out = join(directory, 'with.json');
  const { exitCode, stdout, stderr } = await runCli(['run', join(FIXTURES, 'marker.mjs'), ...TINY, '--out', out], {
    env: { NODE_OPTIONS: OPTIONS },
  });
  assert.equal(exitCode, 0, stderr);
  assert.equal(readValidResult(out).environment.nodeOptions, OPTIONS);
  assert.match(stdout, /\nNODE_OPTIONS="--max-old-space-size=300" applied to every child process\.\n/);

  const without = join(directory, 'without.json');
  const plain = await runCli(['run', join(FIXTURES, 'marker.mjs'), ...TINY, '--out', without]);
  assert.equal(plain.exitCode, 0, plain.stderr);
  assert.equal('nodeOptions' in readValidResult(without).environment, false);
  assert.doesNotMatch(plain.stdout, /NODE_OPTIONS/);
});

test('NODE_OPTIONS set on one side only is an environment difference', () => {
  const spec = [{ name: 'buffers', modes: { heap: { opsPerSec: around(1000) } } }];
  assert.deepEqual(machineDifferences(resultFile(spec), resultFile(spec, { nodeOptions: OPTIONS })), [
    'NODE_OPTIONS "" → "--max-old-space-size=300"',
  ]);
  assert.deepEqual(
    machineDifferences(resultFile(spec, { nodeOptions: OPTIONS }), resultFile(spec, { nodeOptions: OPTIONS })),
    [],
  );
});

test('compare warns of a NODE_OPTIONS difference and does not gate the time metrics on it', async () => {
  const directory = temporaryDirectory();
  const spec = [{ name: 'buffers', modes: { heap: { opsPerSec: around(1000) } } }];
  writeFileSync(join(directory, 'base.json'), JSON.stringify(resultFile(spec)));
  writeFileSync(join(directory, 'head.json'), JSON.stringify(resultFile(spec, { nodeOptions: OPTIONS })));
  const { exitCode, stdout, stderr } = await runCli(['compare', 'base.json', 'head.json'], { cwd: directory });
  assert.equal(exitCode, 0, stderr);
  assert.match(
    stdout + stderr,
    /base\.json and head\.json come from different environments: NODE_OPTIONS "" → "--max-old-space-size=300"\. Time metrics/,
  );
});
