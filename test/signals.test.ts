/**
 * A run stopped by SIGINT, SIGTERM or SIGHUP keeps what finished and leaves no child behind; a
 * CLI killed outright (SIGKILL) leaves no child running either. The fixture's second scenario never
 * returns, so the signal always lands while a child is busy, however fast the machine is.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { encodeFrame } from '../src/measure/child/channel.js';
import { BIN, childEnv, FIXTURES, REPOSITORY, readValidResult, temporaryDirectory } from './helpers.js';

const SPINS = join(FIXTURES, 'spins.mjs');
/** Generous: the machine may be busy with other work. Polled, so a fast machine does not wait for it. */
const BOUND_MS = 30_000;

interface StartedRun {
  cli: ChildProcess;
  outPath: string;
  pidFile: string;
  stderr: () => string;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startRun(env: NodeJS.ProcessEnv = {}): StartedRun {
  const directory = temporaryDirectory();
  const outPath = join(directory, 'result.json');
  const pidFile = join(directory, 'child.pid');
  const cli = spawn(
    process.execPath,
    [BIN, 'run', SPINS, '--runs', '1', '--time', '20', '--warmup', '0', '--out', outPath],
    {
      cwd: REPOSITORY,
      env: childEnv({ FIXTURE_PID_FILE: pidFile, ...env }),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  cli.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    cli.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { cli, outPath, pidFile, stderr: () => stderr, closed };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + BOUND_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting after ${BOUND_MS} ms: ${what}`);
    await sleep(50);
  }
}

/**
 * Whether a process still runs. A killed child whose parent died first may stay a zombie (dead,
 * not yet reaped) when the container's first process does not reap orphans: that counts as gone.
 */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

const childPid = (run: StartedRun) => Number(readFileSync(run.pidFile, 'utf8'));

for (const [signal, exitCode] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  test(`${signal} keeps the finished scenario, marked incomplete, kills the busy child and exits ${exitCode}`, async () => {
    const run = startRun();
    await until(
      () => existsSync(run.outPath) && existsSync(run.pidFile),
      'the first scenario finished and the second one started',
    );
    const pid = childPid(run);
    run.cli.kill(signal);
    const { code } = await run.closed;
    assert.equal(code, exitCode, run.stderr());
    assert.equal(
      run.stderr().trim().split('\n').at(-1),
      `interrupted by ${signal}: 1 finished scenario(s) kept in ${run.outPath}, marked incomplete ("complete": false)`,
    );
    const result = readValidResult(run.outPath);
    assert.equal(result.complete, false);
    assert.deepEqual(
      result.scenarios.map((caseResult) => [caseResult.name, caseResult.status]),
      [['fixture-finishes', 'ok']],
    );
    assert.equal(isRunning(pid), false, `child ${pid} outlived the CLI`);
  });
}

test('a run stopped before any scenario finished says that no result file was written, and writes none', async () => {
  const run = startRun({ FIXTURE_ONLY_SPINS: '1' });
  await until(() => existsSync(run.pidFile), 'the scenario started');
  const pid = childPid(run);
  run.cli.kill('SIGTERM');
  const { code } = await run.closed;
  assert.equal(code, 143, run.stderr());
  assert.equal(
    run.stderr().trim().split('\n').at(-1),
    'interrupted by SIGTERM before any scenario finished: no result file was written',
  );
  assert.equal(existsSync(run.outPath), false);
  assert.equal(isRunning(pid), false, `child ${pid} outlived the CLI`);
});

test('a child whose CLI was killed with SIGKILL ends itself, even in a loop that never yields', async () => {
  const run = startRun({ FIXTURE_ONLY_SPINS: '1' });
  await until(() => existsSync(run.pidFile), 'the scenario started');
  const pid = childPid(run);
  run.cli.kill('SIGKILL');
  const { signal } = await run.closed;
  assert.equal(signal, 'SIGKILL');
  await until(() => !isRunning(pid), `child ${pid} to end after its CLI was killed`);
});

test('a child nobody kills ends itself once its job is past the timeout', { timeout: BOUND_MS }, async () => {
  // The worker started by hand, as the runner starts it, but never killed at the timeout.
  const worker = spawn(
    process.execPath,
    ['--expose-gc', join(REPOSITORY, 'dist', 'src', 'measure', 'child', 'worker.js')],
    { env: childEnv(), stdio: ['ignore', 'ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) => worker.on('exit', (_code, signal) => resolve(signal)));
  const job = {
    kind: 'verify',
    moduleUrl: pathToFileURL(SPINS).href,
    scenarioName: 'fixture-spins',
    params: {},
    modes: ['heap'],
    repetitions: 1,
  };
  (worker.stdio[3] as Socket).write(encodeFrame({ key: 'k', timeoutMs: 200, job }));
  const startedAt = Date.now();
  assert.equal(await exited, 'SIGKILL');
  // The watchdog waits 2 s beyond the timeout before it acts, so the parent's own kill comes first.
  assert.ok(Date.now() - startedAt >= 2000, 'not before the grace period');
});
