/**
 * Runs inside a fresh child process (started with --expose-gc): read one job from the private
 * channel, verify or measure it, send one reply, exit. Nothing here prints: stdout belongs to the
 * scenario.
 */
import { Socket } from 'node:net';
import v8 from 'node:v8';
import { findScenario } from '../../plan/loader.js';
import type { HookedOperation, Operation } from '../../plan/scenario.js';
import { quantileOfSorted, sortedCopy } from '../../stats/order.js';
import type { MeasureJob, ProfileJob, VerifyJob, WorkerJob, WorkerReply } from '../job.js';
import { CHANNEL_FD, decodeFrames, encodeFrame, type JobFrame, type ReplyFrame } from './channel.js';
import { describeModule } from './describe.js';
import {
  type AllocationCount,
  COUNTING_RESOLUTION_BYTES,
  collectGarbage,
  countAllocations,
  countAllocationsPerOperation,
  type GcPause,
  GcRecorder,
  usedDataHeapBytes,
} from './gc.js';
import { profileAllocations, SAMPLING_INTERVAL_BYTES } from './heap-profile.js';
import { summarizePauses } from './pauses.js';
import type { HeapConfiguration, RunSample } from './sample.js';
import { describeThrown } from './thrown.js';
import { buildTimeline, HeapSampler } from './timeline.js';
import { LATENCY_CAPACITY, LATENCY_SAMPLES_TARGET, runOps, timeAsync, timeHooked, timeSync } from './timing.js';
import { startWatchdog, stoppedMs } from './watchdog.js';

function describeChecksum(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  throw new Error(
    `the operation returned ${value === null ? 'null' : typeof value}; it must return a number, bigint or string checksum`,
  );
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** A mode's setup run: its operation, with the hooks around it when it has any. */
async function setUp(job: MeasureJob | VerifyJob | ProfileJob, mode: string): Promise<HookedOperation> {
  const scenario = await findScenario(job.moduleUrl, job.scenarioName);
  const setup = scenario.modes[mode];
  if (!setup) throw new Error(`scenario "${job.scenarioName}" has no mode "${mode}"`);
  const prepared = await setup(job.params);
  if (typeof prepared === 'function') return { operation: prepared };
  if (typeof prepared?.operation !== 'function')
    throw new Error(`setup of mode "${mode}" did not return an operation function`);
  return prepared;
}

function hasPerOperationHooks(hooked: HookedOperation): boolean {
  return hooked.beforeEach !== undefined || hooked.afterEach !== undefined;
}

/** The operation with its hooks inside, for the passes that time and count nothing: verifying, warming up, profiling. */
function withHooks(hooked: HookedOperation): Operation {
  const { operation, beforeEach, afterEach } = hooked;
  if (!hasPerOperationHooks(hooked)) return operation;
  return async () => {
    await beforeEach?.();
    const result = await operation();
    await afterEach?.();
    return result;
  };
}

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

/**
 * Bytes one operation allocates: the least of two passes, less the least cost of counting around
 * zero operations (it wobbles while its code warms up, hence several tries). A pass that reads
 * negative is discarded: background sweeping can lower the used heap with no collection to account
 * for it (seen on Node 26).
 */
async function allocatedBytesPerOp(operation: Operation, isAsync: boolean, ops: number): Promise<AllocationCount> {
  const zeroOps = [];
  for (let i = 0; i < 5; i++) zeroOps.push(await countAllocations(() => runOps(operation, 0, isAsync)));
  const passes = [];
  for (let i = 0; i < 2; i++) passes.push(await countAllocations(() => runOps(operation, ops, isAsync)));
  const overhead = Math.min(...zeroOps.map((count) => count.allocatedBytes));
  const plausible = passes.filter((pass) => pass.allocatedBytes >= 0);
  const least = (plausible.length ? plausible : passes).reduce((a, b) => (b.allocatedBytes < a.allocatedBytes ? b : a));
  const allocatedBytes = least.allocatedBytes - overhead;
  return {
    ...least,
    allocatedBytes: allocatedBytes <= COUNTING_RESOLUTION_BYTES ? 0 : allocatedBytes / ops,
    peakHeapUsedBytes: Math.max(...passes.map((pass) => pass.peakHeapUsedBytes)),
  };
}

/**
 * Warm up in doubling batches until the time is up; the milliseconds one operation takes. The last
 * batch, run by the most optimised code, says it; the average would include the interpreter's start.
 */
async function warmUp(operation: Operation, isAsync: boolean, warmupMs: number): Promise<number> {
  let warmupOps = 0;
  let lastBatchOps = 1;
  let lastBatchMs = 0;
  const warmupStart = performance.now();
  do {
    const batchStart = performance.now();
    lastBatchOps = Math.max(1, warmupOps);
    await runOps(operation, lastBatchOps, isAsync);
    lastBatchMs = performance.now() - batchStart;
    warmupOps += lastBatchOps;
  } while (performance.now() - warmupStart < warmupMs);
  return lastBatchMs / lastBatchOps;
}

async function measure(job: MeasureJob): Promise<WorkerReply> {
  const hooked = await setUp(job, job.mode);
  const perOperationHooks = hasPerOperationHooks(hooked);
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
  const timed = perOperationHooks
    ? await timeHooked(hooked, job.timeMs, stride, latencies, heapSamples)
    : isAsync
      ? await timeAsync(operation, job.timeMs, stride, latencies, heapSamples)
      : timeSync(operation, job.timeMs, stride, latencies, heapSamples);
  const cpu = process.cpuUsage(cpuBefore);
  const memoryAtEnd = process.memoryUsage();
  await recorder.flush();
  const pauses: GcPause[] = recorder.takePausesIn(timed.startMs, timed.endMs);

  // Each of its two passes runs a sixteenth of the timed operations (at least one): together an eighth
  // of the timed pass's time.
  const allocationPassOps = Math.max(1, Math.round(timed.ops / 16));
  const allocation = perOperationHooks
    ? await countAllocationsPerOperation(hooked, allocationPassOps)
    : await allocatedBytesPerOp(operation, isAsync, allocationPassOps);

  collectGarbage();
  const retainedBytes = usedDataHeapBytes() - usedAfterSetup;

  const latencyNs = sortedCopy(Array.from(latencies.subarray(0, timed.latencySamples), (ms) => ms * 1e6));
  const elapsedMs = timed.operationsMs ?? timed.endMs - timed.startMs;
  const sample: RunSample = {
    ops: timed.ops,
    elapsedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    opsPerSec: (timed.ops / elapsedMs) * 1000,
    latencyNs: {
      p50: quantileOfSorted(latencyNs, 0.5),
      p99: quantileOfSorted(latencyNs, 0.99),
      max: latencyNs[latencyNs.length - 1] ?? 0,
    },
    latencyStride: Math.round(timed.ops / Math.max(1, timed.latencySamples)),
    latencySamples: timed.latencySamples,
    gc: summarizePauses(pauses, timed.ops),
    gcPausesMs: pauses.map((pause) => Math.round(pause.durationMs * 1000) / 1000),
    memory: {
      allocatedBytesPerOp: allocation.allocatedBytes,
      allocatedMethod: allocation.method,
      retainedBytes,
      peakHeapUsedBytes: allocation.peakHeapUsedBytes,
      heapGrowthBytes: memoryAtEnd.heapTotal - heapTotalBefore,
      arrayBuffersBytes: memoryAtEnd.arrayBuffers,
      externalBytes: memoryAtEnd.external,
      rssBytes: memoryAtEnd.rss,
    },
    allocationPassOps,
  };
  const timeline = buildTimeline(timed.startMs, heapSamples, pauses, timelinePoints);
  if (timeline) sample.timeline = timeline;
  const heap = heapConfiguration();
  await hooked.afterAll?.();
  return {
    status: 'measured',
    sample,
    firstChecksum,
    heap,
    ...(perOperationHooks ? { perOperationHooks } : {}),
  };
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

function heapConfiguration(): HeapConfiguration {
  const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return {
    heapSizeLimitBytes: v8.getHeapStatistics().heap_size_limit,
    newSpaceCapacityBytes: newSpace?.space_size ?? 0,
  };
}

// Taken before any scenario code loads, which gets the guarded versions below instead.
const exitChild = process.exit.bind(process);
const signalProcess = process.kill.bind(process);
const parentPid = process.ppid;
const channel = new Socket({ fd: CHANNEL_FD, readable: true, writable: true });
let replyKey: string | undefined;
let replied = false;

/** The one reply of this child; anything after it (a late uncaught error of the scenario's) is dropped. */
function reply(message: WorkerReply): void {
  if (replied || replyKey === undefined) return;
  replied = true;
  const code = process.exitCode;
  // A file that calls process.exit while it loads fails as a scenario does, not as a file that cannot be read.
  if (exitAttempt && message.status === 'described') message = { status: 'misbehaved', message: exitAttempt };
  const frame: ReplyFrame = {
    key: replyKey,
    reply:
      code !== undefined && Number(code) !== 0 && message.status !== 'threw'
        ? {
            status: 'misbehaved',
            message: `the scenario set process.exitCode to ${String(code)}; a scenario must not decide how its process ends`,
          }
        : message,
  };
  channel.write(encodeFrame(frame), () => exitChild(0));
}

function replyFailure(thrown: unknown): void {
  reply({ status: 'threw', message: describeThrown(thrown, import.meta.url) });
}

// A scenario that ends its own process or signals arena-bench fails with a reason, where it did it.
let exitAttempt: string | undefined;
process.exit = (code?: number | string | null) => {
  exitAttempt = `a scenario must not call process.exit (it called process.exit(${code ?? ''}))`;
  throw new Error(exitAttempt);
};
process.kill = (pid: number, signal?: string | number) => {
  if (pid === parentPid || pid <= 0)
    throw new Error(`a scenario must not signal arena-bench or its process group (process.kill(${pid}))`);
  return signalProcess(pid, signal);
};

/** A run whose process was stopped for a while says so: its times include the stop. */
function withSuspension(message: WorkerReply): WorkerReply {
  const suspendedMs = stoppedMs();
  return message.status === 'measured' && suspendedMs > 0
    ? { ...message, sample: { ...message.sample, suspendedMs } }
    : message;
}

function carryOut(job: WorkerJob): Promise<WorkerReply> {
  if (job.kind === 'describe') return describeModule(job);
  if (job.kind === 'verify') return verify(job);
  return job.kind === 'measure' ? measure(job) : profile(job);
}

function start({ key, timeoutMs, job }: JobFrame): void {
  replyKey = key;
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
