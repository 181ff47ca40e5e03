/**
 * What a scenario file declares, and what a config file written in code holds, learned in a child
 * process under the same watchdog and --timeout as every job: nothing the file's top-level code does
 * (process.exit, a timer, a server, console.log, process.chdir, an await that never settles) can
 * reach arena-bench's own process.
 */
import { fileURLToPath } from 'node:url';
import { ExitCode, UserError } from '../errors.js';
import type { LoadedScenario } from '../plan/loader.js';
import type { Scenario } from '../plan/scenario.js';
import { childExecArgv } from './execute.js';
import type { DescribeJob, ReadConfigJob, WorkerReply } from './job.js';
import { runJob } from './runner.js';

/** A mode's setup lives in the child; the CLI only ever needs the modes' names. */
const setUpInChild = (): never => {
  throw new Error('a mode is set up in its own child process, never in arena-bench');
};

/** How a file that fails while it loads is named and answered. */
interface LoadFailure {
  /** "scenario file ./a.mjs" */
  file: string;
  failed: (why: string) => string;
  hint: string;
  exitCode: number;
}

/** The child's reply to a job that imports a file; a timeout or a failure there is the file's. */
async function loadInChild(
  job: DescribeJob | ReadConfigJob,
  failure: LoadFailure,
  timeoutMs: number,
): Promise<WorkerReply> {
  const outcome = await runJob(job, { execPath: process.execPath, execArgv: childExecArgv([]), timeoutMs });
  if (outcome.status === 'failed' && outcome.reason === 'timeout')
    throw new UserError(
      `${failure.file} did not finish loading within --timeout ${timeoutMs} ms`,
      'does its top-level code await something that never settles? raise --timeout on the command line if it is only slow',
      failure.exitCode,
    );
  if (outcome.status === 'failed') throw new UserError(failure.failed(outcome.message), failure.hint, failure.exitCode);
  return outcome.reply;
}

export async function describeInChild(moduleUrl: string, source: string, timeoutMs: number): Promise<LoadedScenario[]> {
  // A built-in scenario of another tree (run --against) is named by its file.
  const file = `scenario file ${source === 'builtin' ? fileURLToPath(moduleUrl) : source}`;
  const reply = await loadInChild(
    { kind: 'describe', moduleUrl, source },
    {
      file,
      failed: (why) => `${file} failed while it was loaded: ${why}`,
      hint: 'its top-level code runs in a process of its own, as every job does; fix what it does there',
      exitCode: ExitCode.scenarioFailed,
    },
    timeoutMs,
  );
  if (reply.status !== 'described') throw new Error(`the child answered a describe job with "${reply.status}"`);
  if (reply.refusal) throw new UserError(reply.refusal.message, reply.refusal.hint, reply.refusal.exitCode);
  return (reply.scenarios ?? []).map(({ fields, modes, unverified }) => ({
    scenario: { ...fields, modes: Object.fromEntries(modes.map((mode) => [mode, setUpInChild])) } as Scenario,
    moduleUrl,
    source,
    ...(unverified ? { unverified } : {}),
  }));
}

/** A config file's default export, as data; its top-level code runs in a child, as a scenario file's does. */
export async function readConfigInChild(moduleUrl: string, source: string, timeoutMs: number): Promise<unknown> {
  const failure: LoadFailure = {
    file: `config file ${source}`,
    failed: (why) => `cannot read config file ${source}: ${why}`,
    hint: 'its top-level code runs in a process of its own; fix what it does there, or name another with --config',
    exitCode: ExitCode.usage,
  };
  const reply = await loadInChild({ kind: 'read-config', moduleUrl }, failure, timeoutMs);
  if (reply.status !== 'config-read') throw new Error(`the child answered a read-config job with "${reply.status}"`);
  if (reply.failure !== undefined) throw new UserError(failure.failed(reply.failure), failure.hint, failure.exitCode);
  return reply.settings;
}
