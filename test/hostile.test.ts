/**
 * A scenario cannot answer for the worker, forge or garble its reply, end its own process or
 * signal arena-bench: each is a failed scenario (exit 3) with a reason, never a crash of the CLI.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

test('hostile scenarios fail one by one with their reasons, and the others are measured', async () => {
  const outPath = join(temporaryDirectory(), 'hostile.json');
  const { exitCode, stdout, stderr } = await runCli([
    'run',
    join(FIXTURES, 'hostile.mjs'),
    '--runs',
    '1',
    '--time',
    '20',
    '--warmup',
    '0',
    '--out',
    outPath,
    '--reporter',
    'json',
  ]);
  assert.equal(exitCode, 3, stderr);
  // The scenario's own output never reaches arena-bench's stdout, which carries the result here.
  assert.equal(JSON.parse(stdout).scenarios.length, 8);
  const errors = Object.fromEntries(
    readValidResult(outPath).scenarios.map((caseResult) => [caseResult.name, caseResult.error ?? caseResult.status]),
  );
  const channel = "(a scenario must not write to file descriptor 3, which carries arena-bench's replies)";
  assert.match(
    errors['fixture-sends-ipc']!,
    /^checksum verification threw: TypeError: process\.send is not a function \(at file:.*hostile\.mjs:\d+:\d+\)$/,
  );
  assert.equal(
    errors['fixture-forges-reply'],
    `checksum verification failed: a reply that arena-bench did not send for this job came back ${channel}`,
  );
  assert.equal(
    errors['fixture-garbles-channel'],
    `checksum verification failed: its channel carried bytes that are not a reply ${channel}`,
  );
  assert.match(
    errors['fixture-exits-in-setup']!,
    /^checksum verification threw: Error: a scenario must not call process\.exit \(it called process\.exit\(0\)\) \(at file:.*hostile\.mjs:\d+:\d+\)$/,
  );
  assert.match(
    errors['fixture-signals-parent']!,
    /^checksum verification threw: Error: a scenario must not signal arena-bench or its process group \(process\.kill\(\d+\)\) \(at file:.*hostile\.mjs:\d+:\d+\)$/,
  );
  assert.equal(
    errors['fixture-sets-exit-code'],
    'checksum verification failed: the scenario set process.exitCode to 7; a scenario must not decide how its process ends',
  );
  assert.equal(errors['fixture-noisy'], 'ok');
  assert.equal(errors['fixture-fine'], 'ok');
  assert.match(
    stderr,
    /6 scenario\(s\) failed: fixture-sends-ipc, fixture-forges-reply, fixture-garbles-channel, fixture-exits-in-setup, fixture-signals-parent, fixture-sets-exit-code\n$/,
  );
});
