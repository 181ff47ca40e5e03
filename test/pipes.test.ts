/** A reader that closes the pipe early ends the output, not the command. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, childEnv, FIXTURES, readValidResult, temporaryDirectory } from './helpers.js';

/**
 * Run the CLI with a stdout closed before it writes anything, like `| true`: a reader that closes
 * after the first line (`| head -1`) leaves the same EPIPE, but only if it wins a race.
 */
function withClosedStdout(args: string[]): Promise<{ exitCode: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnv(),
    });
    let stderr = '';
    child.stdout.destroy();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stderr }));
  });
}

const RESULT = join(FIXTURES, 'legacy-result.json');

for (const args of [
  ['list'],
  ['--help'],
  ['run', '--help'],
  ['export', RESULT, '--format', 'github-action-benchmark-smaller'],
  ['compare', RESULT, RESULT, '--verbose'],
]) {
  test(`${args.join(' ')} into a closed pipe: exit 0, no error`, async () => {
    const { exitCode, stderr } = await withClosedStdout(args);
    assert.equal(exitCode, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|bug|Error/);
  });
}

test('a run whose stdout is closed before it starts still measures, writes its result file and exits 0', async () => {
  const out = join(temporaryDirectory(), 'r.json');
  const { exitCode, stderr } = await withClosedStdout([
    'run',
    join(FIXTURES, 'pair.mjs'),
    '--runs',
    '1',
    '--time',
    '20',
    '--warmup',
    '0',
    '--out',
    out,
  ]);
  assert.equal(exitCode, 0, stderr);
  assert.match(stderr, /results written to /);
  assert.equal(readValidResult(out).complete, true);
});
