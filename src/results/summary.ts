/**
 * From raw run samples to what a reader compares: per-mode summaries, each mode against the
 * scenario's baseline mode, and warnings about measurements that cannot be trusted as they stand.
 */

import { emptyByKind, gcFigures } from '../measure/child/pauses.js';
import { max, sum } from '../stats/descriptive.js';
import { detectClusters } from '../stats/modality.js';
import { median, medianInterval, ratioEstimate } from '../stats/order.js';
import { formatCount } from '../text/format.js';
import type { GcFigures, GcKind, ModeRatios, ModeResult, ModeSummary, RunSample } from './result.js';

/** Pool the pauses of every run: counts and totals add up, max and p99 are over all pauses. */
function poolGc(runs: readonly RunSample[], ops: number): GcFigures {
  const byKind = emptyByKind();
  for (const run of runs) {
    for (const kind of Object.keys(byKind) as GcKind[]) {
      byKind[kind].count += run.gc.byKind[kind].count;
      byKind[kind].pauseMs += run.gc.byKind[kind].pauseMs;
    }
  }
  return gcFigures(
    runs.flatMap((run) => run.gcPausesMs),
    byKind,
    ops,
  );
}

const medianOf = (runs: readonly RunSample[], pick: (run: RunSample) => number) => median(runs.map(pick));

export function summarizeMode(runs: readonly RunSample[]): ModeSummary {
  const ops = sum(runs.map((run) => run.ops));
  const throughput = runs.map((run) => run.opsPerSec);
  const interval = medianInterval(throughput);
  return {
    ops,
    opsPerSec: { median: median(throughput), ci95: [interval.low, interval.high], ciLevel: interval.level },
    latencyNs: {
      p50: medianOf(runs, (run) => run.latencyNs.p50),
      p99: medianOf(runs, (run) => run.latencyNs.p99),
      max: max(runs.map((run) => run.latencyNs.max)),
    },
    cpuMsPerKop: (sum(runs.map((run) => run.cpuMs)) / ops) * 1000,
    gc: poolGc(runs, ops),
    memory: {
      allocatedBytesPerOp: medianOf(runs, (run) => run.memory.allocatedBytesPerOp),
      allocatedMethod: runs[0]!.memory.allocatedMethod,
      retainedBytes: medianOf(runs, (run) => run.memory.retainedBytes),
      peakHeapUsedBytes: medianOf(runs, (run) => run.memory.peakHeapUsedBytes),
      heapGrowthBytes: medianOf(runs, (run) => run.memory.heapGrowthBytes),
      arrayBuffersBytes: medianOf(runs, (run) => run.memory.arrayBuffersBytes),
      externalBytes: medianOf(runs, (run) => run.memory.externalBytes),
      rssBytes: medianOf(runs, (run) => run.memory.rssBytes),
    },
  };
}

/** `value / reference`: 1 when both are zero ("no change"), null when only the reference is (no finite ratio). */
function ratio(value: number, reference: number): number | null {
  if (reference === 0) return value === 0 ? 1 : null;
  return value / reference;
}

export function modeRatios(baseline: ModeResult, mode: ModeResult): ModeRatios {
  const throughput = ratioEstimate(
    baseline.runs.map((run) => run.opsPerSec),
    mode.runs.map((run) => run.opsPerSec),
  );
  return {
    opsPerSecRatio: {
      median: throughput.median,
      ci95: [throughput.interval.low, throughput.interval.high],
      ciLevel: throughput.interval.level,
    },
    gcPauseRatio: ratio(mode.summary.gc.pauseMsPerKop, baseline.summary.gc.pauseMsPerKop),
    allocatedBytesRatio: ratio(mode.summary.memory.allocatedBytesPerOp, baseline.summary.memory.allocatedBytesPerOp),
  };
}

/** Below this, an operation "allocates nothing": counting itself leaves a few bytes of noise. */
const NO_ALLOCATION_BYTES_PER_OP = 1;

/** "arena mode's runs are not one population: …" when a mode's throughputs fall into two clusters. */
export function multimodalityWarning(mode: string, runs: readonly RunSample[]): string | undefined {
  const clusters = detectClusters(runs.map((run) => run.opsPerSec));
  if (!clusters) return undefined;
  const listed = (values: number[]) => values.map(formatCount).join(', ');
  return (
    `${mode} mode's runs are not one population: ${listed(clusters.lower)} ops/s and ${listed(clusters.upper)} ops/s, ` +
    'so its median and interval describe neither. Run more (--runs 10) to see how often each happens, pin the heap sizes ' +
    '(--v8-flags "--min-semi-space-size=16 --max-semi-space-size=16"), or time the scenario longer (its minTimeMs).'
  );
}

export function measurementWarnings(modes: Record<string, ModeResult>, baselineMode: string): string[] {
  const warnings: string[] = [];
  for (const [mode, { runs }] of Object.entries(modes)) {
    const multimodal = multimodalityWarning(mode, runs);
    if (multimodal) warnings.push(multimodal);
  }
  for (const [mode, { summary }] of Object.entries(modes)) {
    // With per-operation hooks the window holds the hooks' garbage too: their collections are expected.
    const hooked = summary.memory.allocatedMethod === 'used-heap-per-operation';
    if (summary.gc.count > 0 && summary.memory.allocatedBytesPerOp === 0 && !hooked) {
      warnings.push(
        `${mode} mode collected ${summary.gc.count} times while timed but allocated nothing in the allocation pass: ` +
          'something other than the operation allocated in the window, most often V8 still compiling it. Raise --warmup.',
      );
    }
  }
  // Without a mode to set it against, an operation that allocates nothing is no trap; nor behind
  // per-operation hooks, which are there to build what the operation consumes.
  const baseline = Object.keys(modes).length > 1 ? modes[baselineMode]?.summary.memory : undefined;
  if (
    baseline &&
    baseline.allocatedBytesPerOp < NO_ALLOCATION_BYTES_PER_OP &&
    baseline.allocatedMethod !== 'used-heap-per-operation'
  ) {
    warnings.push(
      `${baselineMode} mode shows no allocation: V8 probably optimised its objects away (escape analysis). ` +
        'Keep what it builds reachable, e.g. in a module-level array, so the GC cost is really measured.',
    );
  }
  return warnings;
}
