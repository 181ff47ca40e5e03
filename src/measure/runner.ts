/**
 * Forks one fresh child per job, enforces the timeout and turns whatever happened into a
 * JobOutcome. It never throws because a scenario misbehaved: the CLI decides what that means.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CHANNEL_FD, decodeFrames, encodeFrame, type JobFrame } from './child/channel.js';
import { type CodeOwner, codeOwnerOf, type JobOutcome, type WorkerJob, type WorkerReply } from './job.js';

const WORKER_PATH = fileURLToPath(new URL('./child/worker.js', import.meta.url));
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
    const child = spawn(options.execPath, [...options.execArgv, WORKER_PATH], {
      // The scenario's own output must not reach our stdout, which may be carrying JSON. The
      // replies come over a descriptor of their own, not IPC, so a scenario has no process.send.
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      // A process group of its own, ended with it: whatever a scenario starts (spawn('sleep', ['300'])) goes too.
      detached: true,
    });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    };
    const channel = child.stdio[CHANNEL_FD] as Socket;
    const key = randomBytes(16).toString('hex');
    const received: Buffer[] = [];
    channel.on('data', (chunk: Buffer) => received.push(chunk));
    // A child that dies early closes its end; that is reported from its exit, not as an error here.
    channel.on('error', () => {});
    let timedOut = false;
    let stderrTail = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const interrupt = killGroup;
    // On exit, not close: a process the scenario left behind may hold the stderr pipe open.
    child.on('exit', killGroup);
    options.signal?.addEventListener('abort', interrupt, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: 'failed', reason: 'crashed', message: `could not start a child process: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', interrupt);
      if (options.signal?.aborted) resolve({ status: 'failed', reason: 'interrupted', message: 'interrupted' });
      else
        resolve(
          outcomeOf(
            readReply(Buffer.concat(received), key, job),
            {
              code,
              signal,
              timedOut,
              stderrTail,
              timeoutMs: options.timeoutMs,
            },
            codeOwnerOf(job),
          ),
        );
    });
    const frame: JobFrame = { key, timeoutMs: options.timeoutMs, job };
    channel.write(encodeFrame(frame));
  });
}

/** What came back over the channel: the worker's reply, or why there is none that can be trusted. */
export type ReceivedReply = { reply: WorkerReply } | { problem: string } | undefined;

const REPLIES_TO: Record<WorkerJob['kind'], WorkerReply['status']> = {
  verify: 'verified',
  measure: 'measured',
  duet: 'duet-measured',
  describe: 'described',
  'read-config': 'config-read',
  profile: 'profiled',
};

/**
 * The worker's one reply to `job`, checked: a whole frame, carrying the job's key, of the kind the
 * job asks for, and nothing after it. Anything else was written by the scenario.
 */
export function readReply(bytes: Buffer, key: string, job: Pick<WorkerJob, 'kind'>): ReceivedReply {
  if (bytes.length === 0) return undefined;
  let frames: { values: unknown[]; usedBytes: number };
  try {
    frames = decodeFrames(bytes);
  } catch {
    return { problem: 'its channel carried bytes that are not a reply' };
  }
  const [first, ...more] = frames.values;
  const candidate = first as { key?: unknown; reply?: { status?: unknown; message?: unknown } } | undefined;
  if (candidate === undefined || frames.usedBytes !== bytes.length)
    return { problem: 'its channel carried bytes that are not a reply' };
  if (typeof candidate !== 'object' || candidate === null || candidate.key !== key)
    return { problem: 'a reply that arena-bench did not send for this job came back' };
  if (more.length > 0) return { problem: 'more than one reply came back' };
  const status = candidate.reply?.status;
  const isFailure = (status === 'threw' || status === 'misbehaved') && typeof candidate.reply?.message === 'string';
  if (!isFailure && status !== REPLIES_TO[job.kind])
    return { problem: `the reply to a ${job.kind} job was "${String(status)}"` };
  return { reply: candidate.reply as WorkerReply };
}

interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stderrTail: string;
  timeoutMs: number;
}

export function outcomeOf(received: ReceivedReply, exit: ChildExit, owner: CodeOwner = 'scenario'): JobOutcome {
  if (received && 'problem' in received) {
    return {
      status: 'failed',
      reason: 'misbehaved',
      message: `${received.problem} (a ${owner} must not write to file descriptor ${CHANNEL_FD}, which carries arena-bench's replies)`,
    };
  }
  const reply = received?.reply;
  if (reply?.status === 'threw' && reply.side)
    return { status: 'failed', reason: 'threw', message: reply.message, side: reply.side };
  if (reply?.status === 'threw' || reply?.status === 'misbehaved')
    return { status: 'failed', reason: reply.status, message: reply.message };
  if (reply && exit.code !== 0 && !exit.timedOut) {
    return {
      status: 'failed',
      reason: 'misbehaved',
      message: `exited with ${exit.signal ?? `code ${exit.code}`} after its reply; a ${owner} must not decide how its process ends`,
    };
  }
  if (reply) return { status: 'ok', reply };
  if (exit.timedOut) {
    return {
      status: 'failed',
      reason: 'timeout',
      message: `did not finish within ${exit.timeoutMs} ms (raise --timeout if it is just slow)`,
    };
  }
  const fatal = exit.stderrTail.split('\n').find((line) => /heap out of memory|Allocation failed/i.test(line));
  if (fatal) {
    return {
      status: 'failed',
      reason: 'out-of-memory',
      message: `ran out of memory: ${fatal.trim()} (raise the limit with --v8-flags="--max-old-space-size=<MB>"${
        process.env.NODE_OPTIONS?.trim()
          ? `, and look at NODE_OPTIONS=${JSON.stringify(process.env.NODE_OPTIONS)}, which every child inherits`
          : ''
      })`,
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
