/**
 * One mode's operation in this isolate: set up from its scenario file, its checksum read, warmed up,
 * its allocation counted. Shared by a measure job and by each side of a duet.
 */
import v8 from 'node:v8';
import { findScenario } from '../../plan/loader.js';
import type { HookedOperation, Operation } from '../../plan/scenario.js';
import { median } from '../../stats/order.js';
import type { JobTarget } from '../job.js';
import { type AllocationCount, COUNTING_RESOLUTION_BYTES, countAllocations } from './gc.js';
import type { HeapConfiguration } from './sample.js';
import { runOps } from './timing.js';

export function describeChecksum(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  throw new Error(
    `the operation returned ${value === null ? 'null' : typeof value}; it must return a number, bigint or string checksum`,
  );
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** A mode's setup run: its operation, with the hooks around it when it has any. */
export async function setUp(job: JobTarget, mode: string): Promise<HookedOperation> {
  const scenario = await findScenario(job.moduleUrl, job.scenarioName);
  const setup = scenario.modes[mode];
  if (!setup) throw new Error(`scenario "${job.scenarioName}" has no mode "${mode}"`);
  const prepared = await setup(job.params);
  if (typeof prepared === 'function') return { operation: prepared };
  if (typeof prepared?.operation !== 'function')
    throw new Error(`setup of mode "${mode}" did not return an operation function`);
  return prepared;
}

export function hasPerOperationHooks(hooked: HookedOperation): boolean {
  return hooked.beforeEach !== undefined || hooked.afterEach !== undefined;
}

/** The operation with its hooks inside, for the passes that time and count nothing: verifying, warming up, profiling. */
export function withHooks(hooked: HookedOperation): Operation {
  const { operation, beforeEach, afterEach } = hooked;
  if (!hasPerOperationHooks(hooked)) return operation;
  return async () => {
    await beforeEach?.();
    const result = await operation();
    await afterEach?.();
    return result;
  };
}

/**
 * Counting passes at most: a loaded machine can leave V8 still optimising the operation after the
 * warm-up, and what that allocates lands in one pass or two, never in the same amount twice.
 */
const MOST_COUNTING_PASSES = 5;

/**
 * The counting passes' readings have settled: the two least that are not negative agree within the
 * counting resolution and a tenth of the larger.
 */
export function countingSettled(readings: readonly number[]): boolean {
  const [least, next] = readings.filter((bytes) => bytes >= 0).sort((a, b) => a - b);
  if (least === undefined || next === undefined) return false;
  return next - least <= COUNTING_RESOLUTION_BYTES + 0.1 * next;
}

/**
 * The reading that stands for the operation. Once the passes have settled, the least: what lands
 * on top of the operation's own allocation (V8 optimising it) comes in some passes and never takes
 * any away. When they never settled, the middle one (the lower of two): an operation whose
 * allocation varies from pass to pass would otherwise be read at its luckiest. A negative reading
 * (background sweeping lowered the used heap, seen on Node 26) is left out while another remains.
 */
export function representativeReading(readings: readonly number[]): number {
  const plausible = readings.filter((bytes) => bytes >= 0);
  const sorted = (plausible.length ? plausible : [...readings]).sort((a, b) => a - b);
  return countingSettled(readings) ? sorted[0]! : sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Bytes one operation allocates: the representative reading of passes counted until they settle
 * (two at least, five at most), less the typical cost of counting around zero operations. That
 * cost is the median of five tries: it wobbles upwards while its code warms up, and background
 * sweeping can pull one try below the rest; the least try would then inflate every operation by
 * its shortfall.
 */
export async function allocatedBytesPerOp(
  operation: Operation,
  isAsync: boolean,
  ops: number,
): Promise<AllocationCount> {
  const zeroOps = [];
  for (let i = 0; i < 5; i++) zeroOps.push(await countAllocations(() => runOps(operation, 0, isAsync)));
  const passes: AllocationCount[] = [];
  do passes.push(await countAllocations(() => runOps(operation, ops, isAsync)));
  while (passes.length < MOST_COUNTING_PASSES && !countingSettled(passes.map((pass) => pass.allocatedBytes)));
  const overhead = median(zeroOps.map((count) => count.allocatedBytes));
  const reading = representativeReading(passes.map((pass) => pass.allocatedBytes));
  const representative = passes.find((pass) => pass.allocatedBytes === reading)!;
  const allocatedBytes = reading - overhead;
  return {
    ...representative,
    allocatedBytes: allocatedBytes <= COUNTING_RESOLUTION_BYTES ? 0 : allocatedBytes / ops,
    peakHeapUsedBytes: Math.max(...passes.map((pass) => pass.peakHeapUsedBytes)),
  };
}

/**
 * Warm up in doubling batches until the time is up; the milliseconds one operation takes. The last
 * batch, run by the most optimised code, says it; the average would include the interpreter's start.
 */
export async function warmUp(operation: Operation, isAsync: boolean, warmupMs: number): Promise<number> {
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

export function heapConfiguration(): HeapConfiguration {
  const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return {
    heapSizeLimitBytes: v8.getHeapStatistics().heap_size_limit,
    newSpaceCapacityBytes: newSpace?.space_size ?? 0,
  };
}
