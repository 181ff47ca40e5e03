/**
 * A run's timeline: the GC pauses of the timed pass in time, and the heap sampled over the same
 * pass, bounded to a number of points the user chooses (`--timeline-points`).
 *
 * The heap is sampled inside the timed loop, at its latency-sample points (every k-th), into
 * preallocated Float64Arrays. The source is `v8.getHeapStatistics()`: ~0.25 µs and ~14 B a call on
 * Node 20, where `process.memoryUsage()` costs ~10 µs (it reads the RSS from /proc) and
 * `v8.getHeapSpaceStatistics()` ~1.3 KB. Its `external_memory` is V8's external memory, which holds
 * ArrayBuffer backing stores (arena slabs). Pauses come from the GC observer that already records
 * the window, so they cost nothing extra. docs/results.md ("The HTML report") gives the measured overhead.
 */
import v8 from 'node:v8';
import type { GcKind, RunTimeline } from './sample.js';

/** Heap samples (and as many pauses) kept per run unless `--timeline-points` says otherwise. */
export const DEFAULT_TIMELINE_POINTS = 200;

/**
 * Records heap samples at evenly spread points of a loop whose length is known only roughly in
 * advance: when the buffer fills, every other sample is dropped and sampling slows to half, so the
 * samples always span the whole window and nothing is allocated after construction.
 */
export class HeapSampler {
  /** Loop iterations left until the next sample; the timed loop decrements it. Infinity: disabled. */
  countdown: number;
  #every: number;
  readonly atMs: Float64Array;
  readonly heapUsedBytes: Float64Array;
  readonly externalBytes: Float64Array;
  length = 0;

  /**
   * @param maxPoints samples wanted at the end (0 disables sampling)
   * @param expectedIterations about how many times the loop will call `tick`
   */
  constructor(maxPoints: number, expectedIterations: number) {
    // Never more room than the loop can fill: a huge --timeline-points must not cost memory for nothing.
    const wanted = Math.min(maxPoints, Math.ceil(expectedIterations) + 2);
    const capacity = maxPoints > 0 ? 2 * Math.max(2, wanted) : 0;
    this.atMs = new Float64Array(capacity);
    this.heapUsedBytes = new Float64Array(capacity);
    this.externalBytes = new Float64Array(capacity);
    this.#every = Math.max(1, Math.floor(expectedIterations / Math.max(1, maxPoints)));
    this.countdown = capacity > 0 ? this.#every : Infinity;
  }

  get enabled(): boolean {
    return this.atMs.length > 0;
  }

  /** Take one sample now, labelled `atMs` (the caller's last clock reading). */
  record(atMs: number): void {
    if (!this.enabled) return;
    if (this.length === this.atMs.length) this.#halve();
    this.countdown = this.#every;
    const statistics = v8.getHeapStatistics();
    this.atMs[this.length] = atMs;
    this.heapUsedBytes[this.length] = statistics.used_heap_size;
    this.externalBytes[this.length] = statistics.external_memory;
    this.length++;
  }

  #halve(): void {
    const kept = this.length >> 1;
    for (let i = 0; i < kept; i++) {
      this.atMs[i] = this.atMs[2 * i]!;
      this.heapUsedBytes[i] = this.heapUsedBytes[2 * i]!;
      this.externalBytes[i] = this.externalBytes[2 * i]!;
    }
    this.length = kept;
    this.#every *= 2;
  }
}

/**
 * `max` indices spread evenly over `0 … length − 1`, first and last included: which of `length`
 * points to keep so that at most `max` remain.
 */
export function evenlySpacedIndices(length: number, max: number): number[] {
  if (length <= 0 || max <= 0) return [];
  if (length <= max) return Array.from({ length }, (_, i) => i);
  if (max === 1) return [0];
  return Array.from({ length: max }, (_, i) => Math.round((i * (length - 1)) / (max - 1)));
}

export interface TimelinePause {
  /** Absolute `performance.now()` time, as the GC observer reports it. */
  startMs: number;
  durationMs: number;
  kind: GcKind;
}

const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The result-file timeline of one run: times relative to the window start (µs resolution), at most
 * `maxPoints` heap samples evenly spread, and at most `maxPoints` pauses (the longest, in time order;
 * the others are counted in `omittedPauses`). Undefined when `maxPoints` is 0.
 */
export function buildTimeline(
  windowStartMs: number,
  sampler: HeapSampler,
  pauses: readonly TimelinePause[],
  maxPoints: number,
): RunTimeline | undefined {
  if (maxPoints <= 0) return undefined;
  const kept = evenlySpacedIndices(sampler.length, maxPoints);
  const longest =
    pauses.length <= maxPoints
      ? [...pauses]
      : [...pauses].sort((a, b) => b.durationMs - a.durationMs).slice(0, maxPoints);
  longest.sort((a, b) => a.startMs - b.startMs);
  return {
    atMs: kept.map((i) => roundTo(sampler.atMs[i]! - windowStartMs, 3)),
    heapUsedBytes: kept.map((i) => sampler.heapUsedBytes[i]!),
    externalBytes: kept.map((i) => sampler.externalBytes[i]!),
    pauses: {
      startMs: longest.map((pause) => roundTo(pause.startMs - windowStartMs, 3)),
      durationMs: longest.map((pause) => roundTo(pause.durationMs, 4)),
      kind: longest.map((pause) => pause.kind),
    },
    omittedPauses: pauses.length - longest.length,
  };
}
