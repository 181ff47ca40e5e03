/**
 * The sentences every reporter prints about a scenario (its comparisons and its methods), kept in
 * one place so the table and the markdown never tell two different stories.
 */
import {
  type CaseResult,
  type ModeRatios,
  type ModeSummary,
  ownRunTimes,
  type ResultFile,
  runsPerMode,
} from '../results/result.js';
import { visible } from './escape.js';
import {
  describeRunProcesses,
  describeStops,
  formatBytes,
  formatChange,
  formatCount,
  formatMs,
  formatNs,
  formatParams,
  formatRatio,
  formatRunCounts,
} from './format.js';

/** Entries of one scenario with one parameter set, one per variant (V8 flag set × runtime). */
export interface ScenarioGroup {
  title: string;
  entries: { label: string; scenario: CaseResult }[];
}

/** "node v26.10.0 · --max-semi-space-size=64": what distinguishes one variant from the others of its group. */
function variantLabel(scenario: CaseResult, showRuntime: boolean, showFlags: boolean): string {
  const parts: string[] = [];
  // Older files have no per-scenario runtime; the binary given with --node names it then.
  if (showRuntime) parts.push(`node ${scenario.runtime?.node ?? scenario.variant.node}`);
  if (showFlags) parts.push(scenario.variant.v8Flags.length ? scenario.variant.v8Flags.join(' ') : 'default flags');
  return visible(parts.join(' · '));
}

/** Group a result's cases so that the variants of one scenario show side by side. */
export function groupScenarios(scenarios: readonly CaseResult[]): ScenarioGroup[] {
  const groups = new Map<string, CaseResult[]>();
  for (const scenario of scenarios) {
    const key = `${scenario.name}\0${formatParams(scenario.params)}`;
    groups.set(key, [...(groups.get(key) ?? []), scenario]);
  }
  return [...groups.values()].map((entries) => {
    const distinct = (pick: (scenario: CaseResult) => string) => new Set(entries.map(pick)).size > 1;
    const showRuntime = distinct((scenario) => `${scenario.variant.node}`);
    const showFlags = distinct((scenario) => scenario.variant.v8Flags.join(' '));
    const first = entries[0]!;
    const params = formatParams(first.params);
    return {
      title: params ? `${visible(first.name)}  ${params}` : visible(first.name),
      entries: entries.map((scenario) => ({ label: variantLabel(scenario, showRuntime, showFlags), scenario })),
    };
  });
}

/** The lines under a group's table: failures, comparisons and warnings, each tagged with its variant. */
export function describeOutcomes(
  group: ScenarioGroup,
): { kind: 'failure' | 'comparison' | 'warning'; text: string; faster?: boolean; slower?: boolean }[] {
  const lines: ReturnType<typeof describeOutcomes> = [];
  for (const { label, scenario } of group.entries) {
    const tag = label ? `${label}: ` : '';
    if (scenario.status === 'failed')
      lines.push({ kind: 'failure', text: `${tag}failed: ${visible(scenario.error ?? 'unknown error')}` });
    for (const [mode, comparison] of Object.entries(scenario.comparison?.against ?? {})) {
      const [low, high] = comparison.opsPerSecRatio.ci95;
      const text = tag + describeComparison(mode, comparison, scenario.comparison!.baseline);
      lines.push({ kind: 'comparison', text, faster: low > 1, slower: high < 1 });
    }
    for (const warning of scenario.warnings)
      lines.push({ kind: 'warning', text: `${tag}warning: ${visible(warning)}` });
  }
  return lines;
}

/**
 * "arena: 3.10× ops/s [2.90–3.30], −97% GC pause, −99% allocated" against `heap`, the default
 * baseline; "msgpackr vs json: …" when the scenario named another.
 */
export function describeComparison(mode: string, comparison: ModeRatios, baseline = 'heap'): string {
  const { median, ci95 } = comparison.opsPerSecRatio;
  const interval = `[${formatRatio(ci95[0]).replace('×', '')}–${formatRatio(ci95[1])}]`;
  return (
    `${visible(mode)}${baseline === 'heap' ? '' : ` vs ${visible(baseline)}`}: ${formatRatio(median)} ops/s ${interval}, ` +
    `${formatChange(comparison.gcPauseRatio)} GC pause, ${formatChange(comparison.allocatedBytesRatio)} allocated`
  );
}

/** NODE_OPTIONS reached every child as flags it was not given on the command line: said wherever a result is shown. */
export function nodeOptionsNote(result: ResultFile): string[] {
  const { nodeOptions } = result.environment;
  return nodeOptions ? [`NODE_OPTIONS=${JSON.stringify(visible(nodeOptions))} applied to every child process.`] : [];
}

/** What the numbers are, and their limits, in a few lines under the tables. */
export function describeMethods(result: ResultFile): string[] {
  const allocatedMethods = new Set(
    result.scenarios.flatMap((scenario) =>
      Object.values(scenario.modes).map((mode) => mode.summary.memory.allocatedMethod),
    ),
  );
  const allocatedBy = [
    allocatedMethods.has('counter') ? "V8's total_allocated_bytes counter" : '',
    allocatedMethods.has('gc-profiler') ? 'v8.GCProfiler accounting (heap gained between collections)' : '',
    allocatedMethods.has('used-heap-per-operation')
      ? 'the used heap read around each operation, outside its hooks (operations a collection ran in left out)'
      : '',
  ].filter(Boolean);
  const levels = result.scenarios.flatMap((scenario) =>
    Object.values(scenario.modes).map((mode) => mode.summary.opsPerSec.ciLevel),
  );
  const lowestLevel = Math.min(...levels);
  const runs = result.settings.runs;
  const longer = ownRunTimes(result);
  return [
    `${formatRunCounts(runsPerMode(result))} per mode, ${describeRunProcesses(result.settings)}; ${result.settings.timeMs} ms timed per run` +
      (longer.length ? ` (longer where a scenario sets its minimum: ${longer.join(', ')}).` : '.'),
    ...[describeStops(result)].filter((line) => line !== undefined).map((line) => `${line}.`),
    'GC pauses: main-thread pauses from perf_hooks inside the timed window, forced collections excluded; concurrent marking on helper threads is not a pause (see CPU time in the result file).',
    'ops/s: median of the runs, interval from their order statistics' +
      (lowestLevel < 0.95
        ? ` (${runs} run${runs === 1 ? ' reaches' : 's reach'} only ${(lowestLevel * 100).toFixed(1)}% confidence; use --runs 6 or more for 95%)`
        : ' (95%)') +
      "; ratios: Hodges–Lehmann estimate with Moses' interval.",
    ...(allocatedBy.length ? [`Allocated bytes: ${allocatedBy.join(' and ')}, in a separate untimed pass.`] : []),
    ...nodeOptionsNote(result),
  ];
}

export const SUMMARY_HEADINGS = [
  'mode',
  'ops/s',
  'interval',
  'p50',
  'p99',
  'GCs',
  'pause total',
  'pause max',
  'pause p99',
  'alloc/op',
  'retained',
  'ArrayBuffers',
];

/** The table rows of a group: one per mode and variant, led by the variant when there are several. */
export function groupRows(group: ScenarioGroup): { headings: string[]; rows: string[][] } {
  const labelled = group.entries.some(({ label }) => label !== '');
  const rows = group.entries.flatMap(({ label, scenario }) =>
    Object.entries(scenario.modes).map(([mode, { summary }]) => [
      ...(labelled ? [label] : []),
      ...summaryCells(mode, summary),
    ]),
  );
  return { headings: labelled ? ['variant', ...SUMMARY_HEADINGS] : SUMMARY_HEADINGS, rows };
}

/**
 * Retained heap moves by ±100–300 KiB between runs with the JIT's own metadata
 * (docs/measurement.md), so a smaller value, negative ones included, is not a measurement of the
 * operation: it reads "≈0". The result file keeps the raw value.
 */
export const RETAINED_RESOLUTION_BYTES = 256 * 1024;

export function formatRetained(bytes: number): string {
  return Math.abs(bytes) < RETAINED_RESOLUTION_BYTES ? '≈0' : formatBytes(bytes);
}

/** One mode's row, in the order of SUMMARY_HEADINGS. */
export function summaryCells(mode: string, { opsPerSec, latencyNs, gc, memory }: ModeSummary): string[] {
  return [
    visible(mode),
    formatCount(opsPerSec.median),
    `${formatCount(opsPerSec.ci95[0])}–${formatCount(opsPerSec.ci95[1])}`,
    formatNs(latencyNs.p50),
    formatNs(latencyNs.p99),
    String(gc.count),
    formatMs(gc.pauseMs.total),
    formatMs(gc.pauseMs.max),
    formatMs(gc.pauseMs.p99),
    formatBytes(memory.allocatedBytesPerOp),
    formatRetained(memory.retainedBytes),
    formatBytes(memory.arrayBuffersBytes),
  ];
}
