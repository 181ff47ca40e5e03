/**
 * A metrics agent's sliding window: each operation ingests `points` latency samples into a ring
 * holding the last `window` of them, evicting the oldest, and reports the window's mean, p50 and
 * p99 from a histogram kept up to date as samples come and go, so a report costs O(points), not
 * O(window). Heap mode keeps one `{ timeMs, value }` object per sample in a ring array; arena mode
 * keeps the window as two Float64 columns carved from one arena. The window is big enough that
 * its samples outlive two scavenges: in heap mode they are promoted and die in old space.
 */
import { Arena, defineScenario } from '../src/index.js';
import { mix } from './support/checksum.js';
import { createRandom, type Random } from './support/random.js';

interface WindowParams extends Record<string, number> {
  points: number;
  window: number;
}

/** 2024-04-25T00:00:00Z; samples are 10 ms apart. */
const EPOCH_MS = 1_714_003_200_000;
const SEED = 0x7153;
/** Histogram buckets of 1/4 ms up to 1024 ms; slower samples share the last bucket. */
const BUCKETS = 4096;
const BUCKETS_PER_MS = 4;

/** A latency in milliseconds: roughly normal around 50 with an occasional slow outlier. */
function nextLatency(random: Random): number {
  const base = 35 + 10 * (random.float() + random.float() + random.float());
  return random.below(50) === 0 ? base * (4 + random.float() * 6) : base;
}

function bucketOf(value: number): number {
  return Math.min(BUCKETS - 1, Math.floor(value * BUCKETS_PER_MS));
}

/** Index of the bucket holding the sample of rank ⌊q·(count − 1)⌋. */
function quantileBucket(histogram: Int32Array, count: number, q: number): number {
  const rank = Math.floor(q * (count - 1));
  let seen = 0;
  for (let b = 0; b < BUCKETS; b++) {
    seen += histogram[b]!;
    if (seen > rank) return b;
  }
  return BUCKETS - 1;
}

/** The report both modes compute: window size, oldest time, mean (µs), p50 and p99 buckets. */
function reportChecksum(count: number, oldestMs: number, sum: number, histogram: Int32Array): number {
  let hash = mix(0, count);
  hash = mix(hash, oldestMs - EPOCH_MS);
  hash = mix(hash, Math.round((sum / count) * 1000));
  hash = mix(hash, quantileBucket(histogram, count, 0.5));
  return mix(hash, quantileBucket(histogram, count, 0.99));
}

/**
 * Fills the window in calls of `points` samples, the size an operation ingests: one call of `window`
 * samples would get `ingest` compiled only for on-stack replacement, and the operation's calls
 * would then run unoptimised code that boxes every double (measured: 45 B a sample).
 */
function fill(ingest: (count: number) => void, window: number, points: number): void {
  for (let left = window; left > 0; left -= points) ingest(Math.min(points, left));
}

interface Sample {
  timeMs: number;
  value: number;
}

/** The window is module-level state, as a long-running agent's would be. */
const heapWindow: { ring: Sample[] } = { ring: [] };

function heapMode({ points, window }: WindowParams) {
  const random = createRandom(SEED);
  const ring: Sample[] = [];
  heapWindow.ring = ring;
  const histogram = new Int32Array(BUCKETS);
  let written = 0;
  const sum = new Float64Array(1);
  // The running sum lives in a Float64Array cell and is summed in a local: kept in the closure's
  // context instead, it made V8 box the local's every update in a fresh HeapNumber (32 B a sample,
  // measured), an allocation neither mode should pay.
  const ingest = (count: number) => {
    let total = sum[0]!;
    for (let i = 0; i < count; i++, written++) {
      const slot = written % window;
      const evicted = ring[slot];
      if (evicted !== undefined) {
        histogram[bucketOf(evicted.value)]!--;
        total -= evicted.value;
      }
      const sample = { timeMs: EPOCH_MS + written * 10, value: nextLatency(random) };
      ring[slot] = sample;
      histogram[bucketOf(sample.value)]!++;
      total += sample.value;
    }
    sum[0] = total;
  };
  fill(ingest, window, points);
  return () => {
    ingest(points);
    return reportChecksum(window, ring[written % window]!.timeMs, sum[0]!, histogram);
  };
}

function arenaMode({ points, window }: WindowParams) {
  const random = createRandom(SEED);
  // The window lives as long as the agent: its columns are carved once and never reset.
  const storage = new Arena({ initialBytes: window * 16 + 64 });
  const times = storage.makeSlice(Float64Array, window);
  const values = storage.makeSlice(Float64Array, window);
  const histogram = new Int32Array(BUCKETS);
  let written = 0;
  const sum = new Float64Array(1);
  const ingest = (count: number) => {
    let total = sum[0]!;
    for (let i = 0; i < count; i++, written++) {
      const slot = written % window;
      if (written >= window) {
        histogram[bucketOf(values[slot]!)]!--;
        total -= values[slot]!;
      }
      const value = nextLatency(random);
      times[slot] = EPOCH_MS + written * 10;
      values[slot] = value;
      histogram[bucketOf(value)]!++;
      total += value;
    }
    sum[0] = total;
  };
  fill(ingest, window, points);
  return () => {
    ingest(points);
    return reportChecksum(window, times[written % window]!, sum[0]!, histogram);
  };
}

export default defineScenario({
  name: 'time-series-window',
  description:
    'A metrics agent ingesting `points` latency samples per report into a sliding window of the last `window`, with ' +
    'mean, p50 and p99 kept by an incrementally updated histogram. Heap: one {timeMs, value} object per sample in a ' +
    'ring array; arena: two Float64 columns carved once from an arena (no reset: the window is long-lived data). ' +
    'Samples outlive two scavenges, so heap mode stresses promotion, old-space growth and major GCs, and its ' +
    'scavenges pay to copy the young part of the window.',
  params: { points: 2000, window: 500_000 },
  // Whether a run holds a major GC moves its throughput by tens of percent; 1 s runs hold several.
  minTimeMs: 1000,
  modes: { heap: heapMode, arena: arenaMode },
});
