/**
 * The timed loops: run the operation until the time is up, timing a few operations along the way,
 * allocating nothing of their own but those few timer readings.
 */
import type { HookedOperation, Operation } from '../../plan/scenario.js';
import type { HeapSampler } from './timeline.js';

/**
 * Latency samples kept per run. Each timed operation costs ~32 B of timer readings (performance.now
 * boxes its result), so the readings are kept to ~64–128 KiB a run: far below what would trigger a
 * scavenge, so an operation that allocates nothing still reports zero collections.
 */
export const LATENCY_SAMPLES_TARGET = 2_000;
export const LATENCY_CAPACITY = 2 * LATENCY_SAMPLES_TARGET;

/** Where every operation's result goes, so V8 cannot drop the work as dead code. */
const sink: { result: unknown } = { result: undefined };

export interface TimedPass {
  ops: number;
  startMs: number;
  endMs: number;
  latencySamples: number;
  /** With per-operation hooks: the time inside the operations alone, the hooks' left out. */
  operationsMs?: number;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Operations between two timed ones, steered so timer readings stay near one per `intervalMs`
 * whatever the warm-up estimated: on a loaded machine that estimate can be 100× off, and every
 * reading allocates. Doubling or halving converges in a few readings.
 */
export function nextStride(stride: number, sinceLastReadingMs: number, intervalMs: number): number {
  if (sinceLastReadingMs < intervalMs / 2) return stride * 2;
  if (sinceLastReadingMs > intervalMs * 2 && stride > 1) return Math.ceil(stride / 2);
  return stride;
}

// The two timed loops differ only in `await`; keeping them apart keeps the sync one free of promises.
// `intervalMs`: the time between two latency readings; a duet's slice passes the whole run's.
// The heap is sampled at every k-th latency point only (timeline.ts), after the timed operation.
export function timeSync(
  operation: Operation,
  timeMs: number,
  stride: number,
  latencies: Float64Array,
  heap: HeapSampler,
  intervalMs = timeMs / LATENCY_SAMPLES_TARGET,
): TimedPass {
  let ops = 0;
  let samples = 0;
  const startMs = performance.now();
  heap.record(startMs);
  const deadline = startMs + timeMs;
  let endMs = startMs;
  while (endMs < deadline) {
    for (let i = 1; i < stride; i++) sink.result = operation();
    const before = performance.now();
    sink.result = operation();
    const previousEndMs = endMs;
    endMs = performance.now();
    ops += stride;
    if (samples < latencies.length) latencies[samples++] = endMs - before;
    stride = nextStride(stride, endMs - previousEndMs, intervalMs);
    if (--heap.countdown === 0) heap.record(endMs);
  }
  heap.record(endMs);
  return { ops, startMs, endMs, latencySamples: samples };
}

export async function timeAsync(
  operation: Operation,
  timeMs: number,
  stride: number,
  latencies: Float64Array,
  heap: HeapSampler,
  intervalMs = timeMs / LATENCY_SAMPLES_TARGET,
): Promise<TimedPass> {
  let ops = 0;
  let samples = 0;
  const startMs = performance.now();
  heap.record(startMs);
  const deadline = startMs + timeMs;
  let endMs = startMs;
  while (endMs < deadline) {
    for (let i = 1; i < stride; i++) sink.result = await operation();
    const before = performance.now();
    sink.result = await operation();
    const previousEndMs = endMs;
    endMs = performance.now();
    ops += stride;
    if (samples < latencies.length) latencies[samples++] = endMs - before;
    stride = nextStride(stride, endMs - previousEndMs, intervalMs);
    if (--heap.countdown === 0) heap.record(endMs);
  }
  heap.record(endMs);
  return { ops, startMs, endMs, latencySamples: samples };
}

/**
 * The timed loop of a mode with per-operation hooks: the hooks run between two clock readings, so
 * every operation is timed on its own and the pass's time is their sum. Those two readings per
 * operation are garbage in the window (about 32 B), the price of leaving the hooks out. The window
 * itself, and the collections in it, span the hooks too. Awaits only what returns a promise.
 */
export async function timeHooked(
  hooked: HookedOperation,
  timeMs: number,
  stride: number,
  latencies: Float64Array,
  heap: HeapSampler,
): Promise<TimedPass> {
  const { operation, beforeEach, afterEach } = hooked;
  let ops = 0;
  let samples = 0;
  let operationsMs = 0;
  const startMs = performance.now();
  heap.record(startMs);
  const deadline = startMs + timeMs;
  let endMs = startMs;
  while (endMs < deadline) {
    const prepared = beforeEach?.();
    if (isThenable(prepared)) await prepared;
    const before = performance.now();
    const result = operation();
    sink.result = isThenable(result) ? await result : result;
    endMs = performance.now();
    const finished = afterEach?.();
    if (isThenable(finished)) await finished;
    operationsMs += endMs - before;
    if (++ops % stride === 0) {
      if (samples < latencies.length) latencies[samples++] = endMs - before;
      if (--heap.countdown === 0) heap.record(endMs);
    }
  }
  heap.record(endMs);
  return { ops, startMs, endMs, latencySamples: samples, operationsMs };
}

export async function runOps(operation: Operation, count: number, isAsync: boolean): Promise<void> {
  if (isAsync) for (let i = 0; i < count; i++) sink.result = await operation();
  else for (let i = 0; i < count; i++) sink.result = operation();
}
