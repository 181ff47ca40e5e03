/**
 * What a scenario file declares, and what a config file written in code holds, learned in a child
 * process under the same watchdog and --timeout as every job: nothing the file's top-level code does
 * (process.exit, a timer, a server, console.log, process.chdir, an await that never settles) can
 * reach arena-bench's own process.
 */
import { ExitCode, UserError } from '../errors.js';
import type { LoadedScenario } from '../plan/loader.js';
import type { Scenario } from '../plan/scenario.js';
import { childExecArgv } from './execute.js';
import { runJob } from './runner.js';

/** A mode's setup lives in the child; the CLI only ever needs the modes' names. */
const setUpInChild = (): never => {
  throw new Error('a mode is set up in its own child process, never in arena-bench');
};

export async function describeInChild(moduleUrl: string, source: string, timeoutMs: number): Promise<LoadedScenario[]> {
  const outcome = await runJob(
    { kind: 'describe', moduleUrl, source },
    { execPath: process.execPath, execArgv: childExecArgv([]), timeoutMs },
  );
  if (outcome.status === 'failed' && outcome.reason === 'timeout')
    throw new UserError(
      `scenario file ${source} did not finish loading within --timeout ${timeoutMs} ms`,
      'does its top-level code await something that never settles? raise --timeout if it is only slow',
      ExitCode.scenarioFailed,
    );
  if (outcome.status === 'failed')
    throw new UserError(
      `scenario file ${source} failed while it was loaded: ${outcome.message}`,
      'its top-level code runs in a process of its own, as every job does; fix what it does there',
      ExitCode.scenarioFailed,
    );
  const { reply } = outcome;
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
  const outcome = await runJob(
    { kind: 'read-config', moduleUrl },
    { execPath: process.execPath, execArgv: childExecArgv([]), timeoutMs },
  );
  if (outcome.status === 'failed' && outcome.reason === 'timeout')
    throw new UserError(
      `config file ${source} did not finish loading within --timeout ${timeoutMs} ms`,
      'does its top-level code await something that never settles? raise --timeout on the command line if it is only slow',
    );
  const unreadable = (why: string) =>
    new UserError(
      `cannot read config file ${source}: ${why}`,
      'its top-level code runs in a process of its own; fix what it does there, or name another with --config',
    );
  if (outcome.status === 'failed') throw unreadable(outcome.message);
  const { reply } = outcome;
  if (reply.status !== 'config-read') throw new Error(`the child answered a read-config job with "${reply.status}"`);
  if (reply.failure !== undefined) throw unreadable(reply.failure);
  return reply.settings;
}
