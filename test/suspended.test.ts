/** A run whose process was stopped (SIGSTOP, Ctrl-Z) timed the stop as work: it is measured again, and the result says so. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

test('a run stopped for 4 s is measured again, and the warning is in the output and the file', async () => {
  const directory = temporaryDirectory();
  const out = join(directory, 'r.json');
  const token = join(directory, 'stop-once');
  const { exitCode, stdout, stderr } = await runCli(
    ['run', join(FIXTURES, 'stops.mjs'), '--runs', '2', '--time', '300', '--warmup', '0', '--out', out],
    { env: { FIXTURE_STOP_ONCE: token } },
  );
  assert.equal(exitCode, 0, stderr);
  assert.ok(existsSync(token), 'the process was stopped once');
  const [caseResult] = readValidResult(out).scenarios;
  const warning =
    /^run [12] of mode "heap" was suspended for \d+\.\d s \(SIGSTOP, Ctrl-Z or a paused machine\) and was measured again$/;
  assert.equal(caseResult!.warnings.filter((text) => warning.test(text)).length, 1, caseResult!.warnings.join('\n'));
  assert.match(stdout, /was suspended for \d+\.\d s \(SIGSTOP, Ctrl-Z or a paused machine\) and was measured again/);
  assert.equal(caseResult!.modes.heap!.runs.length, 2);
  for (const run of caseResult!.modes.heap!.runs)
    assert.equal(run.suspendedMs, undefined, 'the stopped run was replaced');
});
