/**
 * The sentences every reporter prints about a scenario (its comparisons and its methods), kept in
 * one place so the table and the markdown never tell two different stories.
 */
import type { ModeComparison, ModeSummary, ResultFile } from '../result.js';
import { formatBytes, formatChange, formatCount, formatMs, formatNs, formatRatio } from './format.js';

/** "arena: 3.10× ops/s [2.90–3.30], −97% GC pause, −99% allocated". */
export function describeComparison(mode: string, comparison: ModeComparison): string {
  const { median, ci95 } = comparison.opsPerSecRatio;
  const interval = `[${formatRatio(ci95[0]).replace('×', '')}–${formatRatio(ci95[1])}]`;
  return (
    `${mode}: ${formatRatio(median)} ops/s ${interval}, ` +
    `${formatChange(comparison.gcPauseRatio)} GC pause, ${formatChange(comparison.allocatedBytesRatio)} allocated`
  );
}

/** What the numbers are, and their limits, in a few lines under the tables. */
export function describeMethods(result: ResultFile): string[] {
  const allocatedMethods = new Set(
    result.scenarios.flatMap((scenario) => Object.values(scenario.modes).map((mode) => mode.summary.memory.allocatedMethod)),
  );
  const allocatedBy = [
    allocatedMethods.has('counter') ? "V8's total_allocated_bytes counter" : '',
    allocatedMethods.has('gc-profiler') ? 'v8.GCProfiler accounting (heap gained between collections)' : '',
  ].filter(Boolean);
  const levels = result.scenarios.flatMap((scenario) => Object.values(scenario.modes).map((mode) => mode.summary.opsPerSec.ciLevel));
  const lowestLevel = Math.min(...levels);
  const runs = result.settings.runs;
  return [
    `${runs} run${runs === 1 ? '' : 's'} per mode, each in a fresh process; ${result.settings.timeMs} ms timed per run.`,
    'GC pauses: main-thread pauses from perf_hooks inside the timed window, forced collections excluded; concurrent marking on helper threads is not a pause (see CPU time in the result file).',
    'ops/s: median of the runs, interval from their order statistics' +
      (lowestLevel < 0.95 ? ` (${runs} runs reach only ${(lowestLevel * 100).toFixed(1)}% confidence; use --runs 6 or more for 95%)` : ' (95%)') +
      "; ratios: Hodges–Lehmann estimate with Moses' interval.",
    ...(allocatedBy.length ? [`Allocated bytes: ${allocatedBy.join(' and ')}, in a separate untimed pass.`] : []),
  ];
}

export const SUMMARY_HEADINGS = ['mode', 'ops/s', 'interval', 'p50', 'p99', 'GCs', 'pause total', 'pause max', 'pause p99', 'alloc/op', 'retained', 'ArrayBuffers'];

/** One mode's row, in the order of SUMMARY_HEADINGS. */
export function summaryCells(mode: string, { opsPerSec, latencyNs, gc, memory }: ModeSummary): string[] {
  return [
    mode,
    formatCount(opsPerSec.median),
    `${formatCount(opsPerSec.ci95[0])}–${formatCount(opsPerSec.ci95[1])}`,
    formatNs(latencyNs.p50),
    formatNs(latencyNs.p99),
    String(gc.count),
    formatMs(gc.pauseMs.total),
    formatMs(gc.pauseMs.max),
    formatMs(gc.pauseMs.p99),
    formatBytes(memory.allocatedBytesPerOp),
    formatBytes(memory.retainedBytes),
    formatBytes(memory.arrayBuffersBytes),
  ];
}
