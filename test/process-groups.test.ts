/** Every child runs in a process group of its own that ends with it: nothing a scenario starts outlives its run. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { FIXTURES, runCli, temporaryDirectory } from './helpers.js';

/** Whether a process still runs; a zombie (dead, not yet reaped by a container's first process) counts as gone. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

test('a process a mode starts in its setup ends with the run', async () => {
  const directory = temporaryDirectory();
  const pidFile = join(directory, 'sleep');
  const { exitCode, stderr } = await runCli(
    [
      'run',
      join(FIXTURES, 'spawns.mjs'),
      '--runs',
      '1',
      '--time',
      '20',
      '--warmup',
      '0',
      '--out',
      join(directory, 'r.json'),
    ],
    { env: { FIXTURE_PID_FILE: pidFile } },
  );
  assert.equal(exitCode, 0, stderr);
  for (const mode of ['heap', 'arena']) {
    const pid = Number(readFileSync(`${pidFile}.${mode}`, 'utf8'));
    // The group is killed as each child exits; the signal lands within moments.
    for (let tries = 0; tries < 100 && isRunning(pid); tries++) await sleep(20);
    assert.equal(isRunning(pid), false, `the ${mode} mode's sleep ${pid} was ended`);
  }
});
