/**
 * Runs inside a fresh child process (started with --expose-gc): read one job from the private
 * channel, verify or measure it, send one reply, exit. Nothing here prints: stdout belongs to the
 * scenario.
 */
import { Socket } from 'node:net';
import {
  type CodeOwner,
  codeOwnerOf,
  type MeasureJob,
  type ProfileJob,
  type VerifyJob,
  type WorkerJob,
  type WorkerReply,
} from '../job.js';
import { CHANNEL_FD, decodeFrames, encodeFrame, type JobFrame, type ReplyFrame } from './channel.js';
import { describeModule, readConfigModule } from './describe.js';
import { measureDuet, SideFailure } from './duet.js';
import { collectGarbage, type GcPause, GcRecorder, usedDataHeapBytes } from './gc.js';
import { profileAllocations, SAMPLING_INTERVAL_BYTES } from './heap-profile.js';
import { describeChecksum, hasPerOperationHooks, isThenable, setUp, warmUp, withHooks } from './operation.js';
import { finishRun, type TimedFigures } from './run-sample.js';
import type { RunSample } from './sample.js';
import { describeThrown, isInstance } from './thrown.js';
import { buildTimeline, HeapSampler } from './timeline.js';
import { LATENCY_CAPACITY, LATENCY_SAMPLES_TARGET, timeAsync, timeHooked, timeSync } from './timing.js';
import { startWatchdog, stoppedMs } from './watchdog.js';

async function verify(job: VerifyJob): Promise<WorkerReply> {
  const checksums: Record<string, string[]> = {};
  for (const mode of job.modes) {
    const hooked = await setUp(job, mode);
    const operation = withHooks(hooked);
    const values: string[] = [];
    for (let i = 0; i < job.repetitions; i++) values.push(describeChecksum(await operation()));
    await hooked.afterAll?.();
    checksums[mode] = values;
  }
  return { status: 'verified', checksums };
}

async function measure(job: MeasureJob): Promise<WorkerReply> {
  const hooked = await setUp(job, job.mode);
  const operation = withHooks(hooked);
  const first = operation();
  const isAsync = isThenable(first);
  const firstChecksum = describeChecksum(isAsync ? await first : first);

  collectGarbage();
  const usedAfterSetup = usedDataHeapBytes();

  const msPerOp = await warmUp(operation, isAsync, job.warmupMs);
  const stride = Math.max(1, Math.ceil(job.timeMs / msPerOp / LATENCY_SAMPLES_TARGET));
  const latencies = new Float64Array(LATENCY_CAPACITY);
  const timelinePoints = job.timelinePoints ?? 0;
  // Loop iterations expected in the window: fewer than the latency target when one operation is slow.
  const heapSamples = new HeapSampler(timelinePoints, Math.min(LATENCY_SAMPLES_TARGET, job.timeMs / msPerOp / stride));

  const recorder = new GcRecorder();
  const heapTotalBefore = process.memoryUsage().heapTotal;
  collectGarbage();
  // The forced collection above must not leak into the window.
  await recorder.discard();
  const cpuBefore = process.cpuUsage();
  const timed = hasPerOperationHooks(hooked)
    ? await timeHooked(hooked, job.timeMs, stride, latencies, heapSamples)
    : isAsync
      ? await timeAsync(operation, job.timeMs, stride, latencies, heapSamples)
      : timeSync(operation, job.timeMs, stride, latencies, heapSamples);
  const cpu = process.cpuUsage(cpuBefore);
  const memoryAtEnd = process.memoryUsage();
  await recorder.flush();
  const pauses: GcPause[] = recorder.takePausesIn(timed.startMs, timed.endMs);
  const figures: TimedFigures = {
    ops: timed.ops,
    elapsedMs: timed.operationsMs ?? timed.endMs - timed.startMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    latenciesMs: latencies.subarray(0, timed.latencySamples),
    pauses,
    heapTotalBefore,
    memoryAtEnd,
  };
  const measured = await finishRun(hooked, isAsync, figures, { usedAfterSetupBytes: usedAfterSetup }, firstChecksum);
  const timeline = buildTimeline(timed.startMs, heapSamples, pauses, timelinePoints);
  if (timeline) measured.sample.timeline = timeline;
  return { status: 'measured', ...measured };
}

/** The profile passes, warmed up as the timed pass is, so that they profile the optimised code. */
async function profile(job: ProfileJob): Promise<WorkerReply> {
  const hooked = await setUp(job, job.mode);
  const operation = withHooks(hooked);
  const first = operation();
  const isAsync = isThenable(first);
  if (isAsync) await first;
  await warmUp(operation, isAsync, job.warmupMs);
  const passes = await profileAllocations(operation, isAsync, job.ops, SAMPLING_INTERVAL_BYTES, job.survivalOps);
  await hooked.afterAll?.();
  return { status: 'profiled', passes };
}

// Taken before any scenario code loads, which gets the guarded versions below instead.
const exitChild = process.exit.bind(process);
const signalProcess = process.kill.bind(process);
const parentPid = process.ppid;
const channel = new Socket({ fd: CHANNEL_FD, readable: true, writable: true });
let replyKey: string | undefined;
let replied = false;
/** Whose code the guards speak of: a scenario's, or a config file's while it loads. */
let guarded: CodeOwner = 'scenario';

/** The one reply of this child; anything after it (a late uncaught error of the scenario's) is dropped. */
function reply(message: WorkerReply): void {
  if (replied || replyKey === undefined) return;
  replied = true;
  const code = process.exitCode;
  // A file that calls process.exit while it loads has misbehaved, not merely failed to load.
  if (exitAttempt && (message.status === 'described' || message.status === 'config-read'))
    message = { status: 'misbehaved', message: exitAttempt };
  const frame: ReplyFrame = {
    key: replyKey,
    reply:
      code !== undefined && Number(code) !== 0 && message.status !== 'threw'
        ? {
            status: 'misbehaved',
            message: `the ${guarded} set process.exitCode to ${String(code)}; a ${guarded} must not decide how its process ends`,
          }
        : message,
  };
  channel.write(encodeFrame(frame), () => exitChild(0));
}

function replyFailure(thrown: unknown): void {
  if (isInstance(thrown, SideFailure)) reply({ status: 'threw', message: thrown.message, side: thrown.side });
  else reply({ status: 'threw', message: describeThrown(thrown, import.meta.url) });
}

// A scenario that ends its own process or signals arena-bench fails with a reason, where it did it.
let exitAttempt: string | undefined;
process.exit = (code?: number | string | null) => {
  exitAttempt = `a ${guarded} must not call process.exit (it called process.exit(${code ?? ''}))`;
  throw new Error(exitAttempt);
};
process.kill = (pid: number, signal?: string | number) => {
  if (pid === parentPid || pid <= 0)
    throw new Error(`a ${guarded} must not signal arena-bench or its process group (process.kill(${pid}))`);
  return signalProcess(pid, signal);
};

/** A run whose process was stopped for a while says so: its times include the stop. */
function withSuspension(message: WorkerReply): WorkerReply {
  const suspendedMs = stoppedMs();
  if (suspendedMs === 0) return message;
  const marked = <T extends { sample: RunSample }>(side: T): T => ({
    ...side,
    sample: { ...side.sample, suspendedMs },
  });
  if (message.status === 'measured') return marked(message);
  // Both sides of a duet timed the stop, whichever slice it fell in.
  if (message.status === 'duet-measured') return { ...message, base: marked(message.base), head: marked(message.head) };
  return message;
}

function carryOut(job: WorkerJob): Promise<WorkerReply> {
  if (job.kind === 'describe') return describeModule(job);
  if (job.kind === 'read-config') return readConfigModule(job);
  if (job.kind === 'verify') return verify(job);
  if (job.kind === 'duet') return measureDuet(job);
  return job.kind === 'measure' ? measure(job) : profile(job);
}

function start({ key, timeoutMs, job }: JobFrame): void {
  replyKey = key;
  guarded = codeOwnerOf(job);
  const work = startWatchdog(timeoutMs).then(() => carryOut(job));
  work.then((message) => reply(withSuspension(message)), replyFailure);
}

process.on('uncaughtException', replyFailure);
process.on('unhandledRejection', replyFailure);
let received = Buffer.alloc(0);
channel.on('data', (chunk: Buffer) => {
  if (replyKey !== undefined) return;
  received = Buffer.concat([received, chunk]);
  const [frame] = decodeFrames(received).values;
  if (frame) start(frame as JobFrame);
});
// The parent is gone: nothing would read a reply. (A scenario that never yields is ended by the watchdog.)
channel.on('close', () => exitChild(0));
channel.on('error', () => exitChild(0));
