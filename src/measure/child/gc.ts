/**
 * Everything about reading GC entries and heap statistics correctly. The traps it avoids are
 * described in docs/measurement.md; the comments here say which one each line is for.
 */
import { type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import v8 from 'node:v8';
import type { HookedOperation } from '../../plan/scenario.js';
import type { AllocatedMethod, GcKind } from './sample.js';

/** `entry.detail.kind` values (entry.kind is deprecated and gone in Node 25). */
const GC_KINDS: Record<number, GcKind> = {
  1: 'minor',
  2: 'minorMarkSweep',
  4: 'major',
  8: 'incremental',
  16: 'weakcb',
};

/** `entry.detail.flags` bit set on collections a `gc()` call forced. */
const FORCED_FLAG = 4;

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export interface GcPause {
  startMs: number;
  durationMs: number;
  kind: GcKind;
}

/** Collects GC entries and hands out the ones that fall inside a measured window. */
export class GcRecorder {
  #entries: PerformanceEntry[] = [];
  #observer = new PerformanceObserver((list) => {
    this.#entries.push(...list.getEntries());
  });

  constructor() {
    this.#observer.observe({ entryTypes: ['gc'] });
  }

  /** Entries arrive two event-loop hops after the collection; wait for them, then take the rest. */
  async flush(): Promise<void> {
    await nextTurn();
    await nextTurn();
    this.#entries.push(...this.#observer.takeRecords());
  }

  /** Flush, then drop everything seen so far (the forced collection before a window among it). */
  async discard(): Promise<void> {
    await this.flush();
    this.#entries = [];
  }

  /**
   * Unforced pauses that started inside [startMs, endMs]; call after `flush()`. The recorder stops
   * and lets go of its entries, so they do not count as heap the scenario retained.
   */
  takePausesIn(startMs: number, endMs: number): GcPause[] {
    const pauses = this.pausesWithin([{ startMs, endMs }]);
    this.stop();
    return pauses;
  }

  /** Unforced pauses that started inside any of `windows`, in the order they happened; call after `flush()`. */
  pausesWithin(windows: readonly TimeWindow[]): GcPause[] {
    const pauses: GcPause[] = [];
    for (const entry of this.#entries) {
      const { detail } = entry as PerformanceEntry & { detail?: { kind: number; flags: number } };
      if (!windows.some((window) => entry.startTime >= window.startMs && entry.startTime <= window.endMs)) continue;
      if (detail === undefined || (detail.flags & FORCED_FLAG) !== 0) continue;
      pauses.push({ startMs: entry.startTime, durationMs: entry.duration, kind: GC_KINDS[detail.kind] ?? 'minor' });
    }
    return pauses;
  }

  /** Stop recording and let go of the entries. */
  stop(): void {
    this.#observer.disconnect();
    this.#entries = [];
  }
}

/** A full, synchronous collection. `gc({ type: 'major' })` runs a minor GC on Node 18 and 20. */
export function collectGarbage(): void {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('gc() is not exposed: the child must be started with --expose-gc');
  gc();
}

export function usedHeapBytes(): number {
  return v8.getHeapStatistics().used_heap_size;
}

/**
 * A space that holds what V8 compiles, not a program's data: machine code, and from Node 22 on the
 * "trusted" spaces (bytecode, deoptimisation data). A loaded machine can leave V8 installing
 * optimised code in them after the warm-up.
 */
export function holdsCompiledCode(spaceName: string): boolean {
  return spaceName.startsWith('code') || spaceName.includes('trusted');
}

function usedDataBytesOf(spaces: readonly { spaceName: string; spaceUsedSize: number }[]): number {
  let used = 0;
  for (const space of spaces) if (!holdsCompiledCode(space.spaceName)) used += space.spaceUsedSize;
  return used;
}

/** Used heap without compiled code: what a scenario's data occupies, not what the JIT produced for it. */
export function usedDataHeapBytes(): number {
  // The same sum as usedDataBytesOf, over Node's own field names: a mapped copy would allocate inside every counting pass.
  let used = 0;
  for (const space of v8.getHeapSpaceStatistics())
    if (!holdsCompiledCode(space.space_name)) used += space.space_used_size;
  return used;
}

/**
 * Counting has a fixed cost of its own (statistics objects, the profiler, the pass's promise) that
 * still moves by a few words between tries once warm; a pass that allocates less than this beyond
 * that cost is reported as allocating nothing.
 */
export const COUNTING_RESOLUTION_BYTES = 64;

export interface AllocationCount {
  allocatedBytes: number;
  /** Highest used heap seen: just before a collection, or at the end. */
  peakHeapUsedBytes: number;
  method: AllocatedMethod;
}

/**
 * Bytes allocated while `work` runs, by GC-profiler accounting: what the heap's data gained between
 * collections, Σ(usedBefore[i] − usedAfter[i−1]) + (usedEnd − usedAfterLast), compiled code left
 * out (what V8 compiles while the pass runs is not the operation's). Not a live-heap delta, which
 * goes negative whenever a GC runs. The profiler costs ~50 µs per GC, so this runs in its own pass,
 * never the timed one.
 *
 * V8's running counter (`total_allocated_bytes`, Node 26+) would be the other way, but it also
 * moves with background work: measured on Node 26.10, passes of an operation that allocates
 * nothing read anywhere from 2 KB to 1.5 MB, so it is not used.
 */
export async function countAllocations(work: () => Promise<void> | void): Promise<AllocationCount> {
  const profiler = new v8.GCProfiler();
  profiler.start();
  const startUsed = usedDataHeapBytes();
  await work();
  const endUsed = usedDataHeapBytes();
  const { statistics } = profiler.stop();

  let peak = Math.max(startUsed, endUsed);
  let gained = 0;
  let usedAfterPrevious = startUsed;
  for (const collection of statistics) {
    const before = usedDataBytesOf(collection.beforeGC.heapSpaceStatistics);
    gained += before - usedAfterPrevious;
    usedAfterPrevious = usedDataBytesOf(collection.afterGC.heapSpaceStatistics);
    peak = Math.max(peak, before);
  }
  gained += endUsed - usedAfterPrevious;

  return { allocatedBytes: gained, peakHeapUsedBytes: peak, method: 'gc-profiler' };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** The used heap gained while `work` runs, the two readings' own cost included. */
async function heapGainedDuring(work: () => unknown): Promise<number> {
  const before = usedHeapBytes();
  const returned = work();
  if (isThenable(returned)) await returned;
  return usedHeapBytes() - before;
}

const nothing = () => 0;

/** The share of the largest per-operation readings left out: V8's own bookkeeping, not the operation's. */
const OUTLIER_SHARE = 0.005;

/**
 * Bytes one operation allocates when hooks run around every operation: the used heap read just
 * before and just after each operation, so what the hooks allocate is not counted, less the same
 * two readings around nothing, taken right after (what a reading allocates depends on how V8 has
 * compiled it, which differs between Node versions). An operation where either reads negative had
 * a collection run in it and is left out. So is the largest half-percent of the rest: around an
 * operation that allocates nothing, Node 24 read 0 B for 1,400 operations and 2–229 KB for a few,
 * the heap's own bookkeeping. When a collection ran in every operation, the operation's bytes
 * cannot be told from the hooks' and the pass counts both, by GC-profiler accounting.
 */
export async function countAllocationsPerOperation(hooked: HookedOperation, ops: number): Promise<AllocationCount> {
  const { operation, beforeEach, afterEach } = hooked;
  // The readings' first calls allocate while V8 compiles them.
  for (let i = 0; i < 100; i++) await heapGainedDuring(nothing);
  const gains = new Float64Array(ops);
  let counted = 0;
  const whole = await countAllocations(async () => {
    for (let i = 0; i < ops; i++) {
      const prepared = beforeEach?.();
      if (isThenable(prepared)) await prepared;
      const during = await heapGainedDuring(operation);
      const reading = await heapGainedDuring(nothing);
      const finished = afterEach?.();
      if (isThenable(finished)) await finished;
      if (during >= 0 && reading >= 0) gains[counted++] = during - reading;
    }
  });
  if (counted === 0) return whole;
  const kept = gains
    .subarray(0, counted)
    .sort()
    .subarray(0, counted - Math.floor(counted * OUTLIER_SHARE));
  const gained = kept.reduce((total, bytes) => total + bytes, 0);
  return {
    allocatedBytes: gained <= COUNTING_RESOLUTION_BYTES ? 0 : gained / kept.length,
    peakHeapUsedBytes: whole.peakHeapUsedBytes,
    method: 'used-heap-per-operation',
  };
}
