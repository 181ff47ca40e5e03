/**
 * The headline metrics a comparison tests, and the constants of its tests. Why each metric's floor,
 * threshold and drift: docs/statistics.md, "How a verdict is reached" and "Measured error rates".
 */
import type { RunSample } from '../results/result.js';

export type MetricName =
  | 'opsPerSec'
  | 'cpuNsPerOp'
  | 'latencyP99Ns'
  | 'gcPauseMsPerKop'
  | 'gcMaxPauseMs'
  | 'allocatedBytesPerOp'
  | 'retainedBytes';

export interface MetricDefinition {
  name: MetricName;
  label: string;
  better: 'higher' | 'lower';
  /** `time` metrics depend on the CPU and runtime; `memory` metrics barely do, so they gate across environments too. */
  kind: 'time' | 'memory';
  /**
   * Added to every value before logs are taken, in the metric's unit: the size below which a
   * difference means nothing, so that 0 → 2 bytes is not an infinite regression. Zero where values
   * are always positive.
   */
  floor: number;
  /** Default threshold in percent: smaller changes are never regressions, however significant. */
  thresholdPercent: number;
  /** Default threshold for paired runs (`run --against`), where pairing resolves smaller changes; `thresholdPercent` when absent. */
  pairedThresholdPercent?: number;
  /**
   * Drift of a session's mean between measuring sessions (standard deviation, percent): the part
   * of the noise the runs of one session cannot show, because they share the machine's state. The
   * test on runs adds it as a known variance; sessions compared as units show it themselves.
   */
  driftPercent: number;
  read(run: RunSample): number;
}

/**
 * Drift and thresholds come from sessions of the built-in suite measured on a shared 2-core machine;
 * the drift assumed is near the 90th percentile of what was measured or above
 * (docs/statistics.md, "Measured error rates" and "Checked by simulation").
 */
export const METRICS: readonly MetricDefinition[] = [
  {
    name: 'opsPerSec',
    label: 'ops/s',
    better: 'higher',
    kind: 'time',
    floor: 0,
    thresholdPercent: 8,
    pairedThresholdPercent: 3,
    driftPercent: 4,
    read: (run) => run.opsPerSec,
  },
  // Process CPU time (all threads, GC helpers included) per operation: time another process takes
  // from a shared machine is not in it, so it stays steady where ops/s swings (README).
  {
    name: 'cpuNsPerOp',
    label: 'CPU time per op',
    better: 'lower',
    kind: 'time',
    floor: 0,
    thresholdPercent: 8,
    pairedThresholdPercent: 3,
    driftPercent: 6,
    read: (run) => (run.ops > 0 ? (run.cpuMs * 1e6) / run.ops : 0),
  },
  {
    name: 'latencyP99Ns',
    label: 'latency p99',
    better: 'lower',
    kind: 'time',
    floor: 100,
    thresholdPercent: 20,
    driftPercent: 20,
    read: (run) => run.latencyNs.p99,
  },
  // 0.01 ms per 1000 operations is 10 ns an operation.
  {
    name: 'gcPauseMsPerKop',
    label: 'GC pause per 1000 ops',
    better: 'lower',
    kind: 'time',
    floor: 0.01,
    thresholdPercent: 15,
    driftPercent: 15,
    read: (run) => run.gc.pauseMsPerKop,
  },
  // A pause under 0.1 ms is no one's latency problem.
  {
    name: 'gcMaxPauseMs',
    label: 'GC max pause',
    better: 'lower',
    kind: 'time',
    floor: 0.1,
    thresholdPercent: 30,
    driftPercent: 40,
    read: (run) => run.gc.pauseMs.max,
  },
  // 16 bytes is V8's smallest heap object: one more of them per operation is the smallest real change.
  {
    name: 'allocatedBytesPerOp',
    label: 'allocated per op',
    better: 'lower',
    kind: 'memory',
    floor: 16,
    thresholdPercent: 5,
    driftPercent: 0.5,
    read: (run) => run.memory.allocatedBytesPerOp,
  },
  // Retained heap moves by ±100–300 KiB with the JIT's own metadata, alike for runs of one session
  // (README); below zero is that noise too. Against a 4 MiB floor, that stays within the threshold.
  {
    name: 'retainedBytes',
    label: 'retained heap',
    better: 'lower',
    kind: 'memory',
    floor: 4 * 1024 * 1024,
    thresholdPercent: 10,
    driftPercent: 3,
    read: (run) => Math.max(0, run.memory.retainedBytes),
  },
];

export const METRIC_NAMES = METRICS.map((metric) => metric.name);

export function metricDefinition(name: MetricName): MetricDefinition {
  return METRICS.find((metric) => metric.name === name)!;
}

/**
 * The metrics that decide the exit code unless `--gate` names others: the time a pull request costs
 * and the allocation that drives GC. The rest are reported without gating, in a family of their own,
 * so that each gated test does not pay for them (docs/statistics.md, "The gate's family").
 */
export const DEFAULT_GATE: readonly MetricName[] = ['opsPerSec', 'allocatedBytesPerOp'];

export const DEFAULT_THRESHOLDS = Object.fromEntries(
  METRICS.map((metric) => [metric.name, metric.thresholdPercent]),
) as Record<MetricName, number>;

export const DEFAULT_PAIRED_THRESHOLDS = Object.fromEntries(
  METRICS.map((metric) => [metric.name, metric.pairedThresholdPercent ?? metric.thresholdPercent]),
) as Record<MetricName, number>;

/**
 * Share of runs trimmed at each end of each side by the test on runs: a run slowed by a neighbour
 * is an outlier on one side, and on a busy 2-core machine one run in six or so was one
 * (docs/statistics.md, "Measured error rates").
 */
export const TRIM = 0.2;
