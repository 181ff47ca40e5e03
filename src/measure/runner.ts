/**
 * Forks one fresh child per job, enforces the timeout and turns whatever happened into a
 * JobOutcome. It never throws because a scenario misbehaved: the CLI decides what that means.
 */
import { fork } from 'node:child_process';
import type { JobEnvelope, JobOutcome, WorkerJob, WorkerReply } from './job.js';

const WORKER_PATH = new URL('./child/worker.js', import.meta.url);
/** How much of a child's stderr is kept to explain a crash. */
const STDERR_TAIL_BYTES = 4096;

export interface ChildOptions {
  /** The Node.js binary to run. */
  execPath: string;
  /** Flags for the child's V8: --expose-gc plus the user's. Heap flags only work at start-up. */
  execArgv: string[];
  timeoutMs: number;
  /** Aborting kills the child: the user pressed Ctrl-C. */
  signal?: AbortSignal;
}

export function runJob(job: WorkerJob, options: ChildOptions): Promise<JobOutcome> {
  return new Promise((resolve) => {
    const child = fork(WORKER_PATH, [], {
      execPath: options.execPath,
      execArgv: options.execArgv,
      // The scenario's own output must not reach our stdout, which may be carrying JSON.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let reply: WorkerReply | undefined;
    let timedOut = false;
    let stderrTail = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    child.on('message', (message: WorkerReply) => {
      reply = message;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    const interrupt = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', interrupt, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: 'failed', reason: 'crashed', message: `could not start a child process: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', interrupt);
      if (options.signal?.aborted) resolve({ status: 'failed', reason: 'interrupted', message: 'interrupted' });
      else resolve(outcomeOf(reply, { code, signal, timedOut, stderrTail, timeoutMs: options.timeoutMs }));
    });
    const envelope: JobEnvelope = { job, timeoutMs: options.timeoutMs };
    child.send(envelope);
  });
}

interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stderrTail: string;
  timeoutMs: number;
}

export function outcomeOf(reply: WorkerReply | undefined, exit: ChildExit): JobOutcome {
  if (reply?.status === 'threw') return { status: 'failed', reason: 'threw', message: reply.message };
  if (reply) return { status: 'ok', reply };
  if (exit.timedOut) {
    return { status: 'failed', reason: 'timeout', message: `did not finish within ${exit.timeoutMs} ms (raise --timeout if it is just slow)` };
  }
  const fatal = exit.stderrTail.split('\n').find((line) => /heap out of memory|Allocation failed/i.test(line));
  if (fatal) {
    return {
      status: 'failed',
      reason: 'out-of-memory',
      message: `ran out of memory: ${fatal.trim()} (raise the limit with --v8-flags="--max-old-space-size=<MB>")`,
    };
  }
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code} without reporting`;
  const detail = lastLines(exit.stderrTail);
  return { status: 'failed', reason: 'crashed', message: detail ? `${how}: ${detail}` : how };
}

/** The last few non-empty lines of a child's stderr, joined: enough to say what happened. */
function lastLines(text: string, count = 3): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-count)
    .join(' | ');
}
