/**
 * What one child measures in one run, as it is stored in the result file (results/result.ts holds
 * the rest of the file's shape). Field names carry their units.
 */
export type GcKind = 'minor' | 'minorMarkSweep' | 'major' | 'incremental' | 'weakcb';

/**
 * How the bytes were counted: 'gc-profiler' over a pass of operations, or 'used-heap-per-operation'
 * (the used heap read around each operation) for a mode with hooks around every operation.
 * 'counter' (V8's running allocation counter) is only in older files, and is read so they still load.
 */
export type AllocatedMethod = 'counter' | 'gc-profiler' | 'used-heap-per-operation';

export interface GcKindTotals {
  count: number;
  pauseMs: number;
}

/** Collections inside the measured window; forced ones (`gc()`) are excluded. */
export interface GcFigures {
  count: number;
  pauseMs: { total: number; max: number; p99: number };
  /** Pause per 1000 operations: comparable across runs of different length. */
  pauseMsPerKop: number;
  byKind: Record<GcKind, GcKindTotals>;
}

export interface MemoryFigures {
  allocatedBytesPerOp: number;
  allocatedMethod: AllocatedMethod;
  /** Used heap after a final full GC minus used heap after setup: what the operations left alive. */
  retainedBytes: number;
  /** Highest used heap seen in the allocation pass (just before a collection, or at its end). */
  peakHeapUsedBytes: number;
  /** Committed heap at the end of the timed pass minus before it. */
  heapGrowthBytes: number;
  /** Off-heap memory at the end of the timed pass: arena slabs live here, not in the heap. */
  arrayBuffersBytes: number;
  externalBytes: number;
  rssBytes: number;
}

/** One child process's measurement of one mode. */
export interface RunSample {
  ops: number;
  elapsedMs: number;
  /** Process CPU time (user + system) over the timed pass, all threads: GC helper threads show here, not in pauses. */
  cpuMs: number;
  opsPerSec: number;
  latencyNs: { p50: number; p99: number; max: number };
  /** Operations per latency sample, on average: one operation in about `latencyStride` is timed, to keep the timer out of the heap. */
  latencyStride: number;
  latencySamples: number;
  gc: GcFigures;
  /** Main-thread pauses in the window, in the order they happened. */
  gcPausesMs: number[];
  memory: MemoryFigures;
  /** Operations run in the separate allocation pass. */
  allocationPassOps: number;
  /** Pauses and heap over the timed pass, for pictures; absent with `--timeline-points 0` and in older files. */
  timeline?: RunTimeline;
  /** Milliseconds the child process was stopped (SIGSTOP, Ctrl-Z, a paused machine) during the job; absent when it never was. */
  suspendedMs?: number;
  /** Under `run --against`: the round this run was measured in, shared with the other tree's run it was measured beside. Set by the parent. */
  pair?: number;
  /** Under `run --against`'s same-process pairing: this run was timed in slices alternating with the other tree's, in one process. */
  duet?: DuetRecord;
}

/**
 * How the two sides of a duet share its process: `shared`, one V8 isolate and heap, GC pauses
 * counted in the slice they fell in; `worker`, a `worker_threads` Worker, isolate and heap each.
 */
export type DuetIsolation = 'shared' | 'worker';

/** How a run shared its process with the other tree's run of the same pair. */
export interface DuetRecord {
  isolation: DuetIsolation;
  /** Timed slices (the warm-up slices before them are not counted). */
  slices: number;
  sliceMs: number;
  /** Slices in which this side ran before the other side's slice of the same pair. */
  wentFirst: number;
}

/**
 * One run's timed pass in time (see src/measure/child/timeline.ts). Columns, not rows, to keep the file small;
 * times are ms from the start of the measured window.
 */
export interface RunTimeline {
  /** When each heap sample was taken: evenly spread over the window's operations, at most `--timeline-points`. */
  atMs: number[];
  /** `used_heap_size` from v8.getHeapStatistics() at each sample. */
  heapUsedBytes: number[];
  /** V8's `external_memory` at each sample: ArrayBuffer backing stores (arena slabs) and other off-heap memory. */
  externalBytes: number[];
  /** Unforced GC pauses in the window, in time order: the longest `--timeline-points` of them. */
  pauses: { startMs: number[]; durationMs: number[]; kind: GcKind[] };
  /** Pauses left out to stay within the bound (always the shortest); `gcPausesMs` still lists them all. */
  omittedPauses: number;
}

/** V8's heap as a child saw it: young-generation sizes differ between Node versions and flags. */
export interface HeapConfiguration {
  heapSizeLimitBytes: number;
  /** New space committed at the end of a run: V8 grows it only when objects survive. */
  newSpaceCapacityBytes: number;
}
