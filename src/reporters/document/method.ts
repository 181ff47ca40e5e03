/**
 * How a result's figures were measured, in the words each reporter prints under them: a short
 * legend on the terminal (the method behind each figure is in docs/measurement.md, so it points
 * there instead of repeating it after every run), the method notes in markdown and on the page.
 */
import { ownRunTimes, type PairingStop, type ResultFile, runsPerMode, type Settings } from '../../results/result.js';
import { formatRunCounts } from '../../text/format.js';
import { visible } from '../../text/visible.js';
import type { MethodBlock } from './blocks.js';

/**
 * Where a file's runs were measured: in a fresh process each, or (same-process pairing) each beside
 * the other tree's run of its pair, in alternating slices of one process.
 */
export function describeRunProcesses(settings: Pick<Settings, 'pairing'>): string {
  const { pairing } = settings;
  if (!pairing) return 'each in a fresh process';
  const heap =
    pairing.isolation === 'shared'
      ? 'one V8 heap: GC pauses counted in the slice they fell in'
      : 'a Worker and V8 heap each';
  return `each timed beside the other tree's run of its pair, in alternating ${pairing.sliceMs} ms slices of one process (${heap})`;
}

/** "stopped: 2 decided, 7 at the budget (6–14 pairs)", or nothing when no case recorded a stop. */
function describeStops(result: Pick<ResultFile, 'scenarios'>): string | undefined {
  const stops = result.scenarios.flatMap((entry) => (entry.stopped ? [entry.stopped] : []));
  if (stops.length === 0) return undefined;
  const words: Record<PairingStop['reason'], string> = {
    decided: 'decided',
    budget: 'at the budget',
    'most-pairs': 'at --max-runs',
  };
  const counts = (Object.keys(words) as PairingStop['reason'][])
    .map((reason) => [reason, stops.filter((stop) => stop.reason === reason).length] as const)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${count} ${words[reason]}`);
  const pairs = stops.map((stop) => stop.pairs);
  const fewest = Math.min(...pairs);
  const most = Math.max(...pairs);
  return `cases stopped: ${counts.join(', ')} (${fewest === most ? most : `${fewest}–${most}`} pairs)`;
}

/** NODE_OPTIONS reached every child as flags it was not given on the command line: said wherever a result is shown. */
function nodeOptionsNote(result: ResultFile): string[] {
  const { nodeOptions } = result.environment;
  return nodeOptions ? [`NODE_OPTIONS=${JSON.stringify(visible(nodeOptions))} applied to every child process.`] : [];
}

/** The lowest confidence level of any mode's ops/s interval in the result, or undefined without modes. */
function lowestLevel(result: ResultFile): number | undefined {
  const levels = result.scenarios.flatMap((caseResult) =>
    Object.values(caseResult.modes).map((mode) => mode.summary.opsPerSec.ciLevel),
  );
  return levels.length ? Math.min(...levels) : undefined;
}

/** The terminal's legend: two short lines, the second led by the legends of the columns shown. */
function legendLines(result: ResultFile): MethodBlock['lines'] {
  const level = lowestLevel(result) ?? 0.95;
  const longer = ownRunTimes(result);
  const stops = describeStops(result);
  return [
    `${formatRunCounts(runsPerMode(result))} per mode of ${result.settings.timeMs} ms${longer.length ? ` (longer: ${longer.join(', ')})` : ''}, ${describeRunProcesses(result.settings)}. ` +
      (stops ? `${stops}. ` : '') +
      `ops/s: median, ${Number((level * 100).toFixed(1))}% interval${level < 0.95 ? ' (--runs 6 or more for 95%)' : ''}; ` +
      'GC pauses: main thread, timed window only.',
    { key: 'How each figure is measured: docs/measurement.md' },
    ...nodeOptionsNote(result),
  ];
}

/** What the numbers are, and their limits, in a few lines under the tables. */
function describeMethods(result: ResultFile): string[] {
  const allocatedMethods = new Set(
    result.scenarios.flatMap((caseResult) =>
      Object.values(caseResult.modes).map((mode) => mode.summary.memory.allocatedMethod),
    ),
  );
  const allocatedBy = [
    allocatedMethods.has('counter') ? "V8's total_allocated_bytes counter" : '',
    allocatedMethods.has('gc-profiler') ? 'v8.GCProfiler accounting (heap gained between collections)' : '',
    allocatedMethods.has('used-heap-per-operation')
      ? 'the used heap read around each operation, outside its hooks (operations a collection ran in left out)'
      : '',
  ].filter(Boolean);
  const level = lowestLevel(result) ?? Number.POSITIVE_INFINITY;
  const runs = result.settings.runs;
  const longer = ownRunTimes(result);
  return [
    `${formatRunCounts(runsPerMode(result))} per mode, ${describeRunProcesses(result.settings)}; ${result.settings.timeMs} ms timed per run` +
      (longer.length ? ` (longer where a scenario sets its minimum: ${longer.join(', ')}).` : '.'),
    ...[describeStops(result)].filter((line) => line !== undefined).map((line) => `${line}.`),
    'GC pauses: main-thread pauses from perf_hooks inside the timed window, forced collections excluded; concurrent marking on helper threads is not a pause (see CPU time in the result file).',
    'ops/s: median of the runs, interval from their order statistics' +
      (level < 0.95
        ? ` (${runs} run${runs === 1 ? ' reaches' : 's reach'} only ${(level * 100).toFixed(1)}% confidence; use --runs 6 or more for 95%)`
        : ' (95%)') +
      "; ratios: Hodges–Lehmann estimate with Moses' interval.",
    ...(allocatedBy.length ? [`Allocated bytes: ${allocatedBy.join(' and ')}, in a separate untimed pass.`] : []),
    ...nodeOptionsNote(result),
  ];
}

/** What the page adds about its pictures. */
function pictureNotes(result: ResultFile): string[] {
  return [
    'Timeline: one run per mode (the median by ops/s); used heap and V8 external memory sampled inside the timed loop with v8.getHeapStatistics(), ' +
      'at most settings.timelinePoints samples and pauses per run (the longest pauses when there are more).',
    `Pause distribution: every unforced pause of every run, per run on average. arena-bench ${result.tool.version}.`,
  ];
}

/**
 * The method block of a result: the terminal's legend (short, since it follows every run), the
 * full notes in markdown, and on the page the notes with what its pictures show.
 */
export function resultMethod(result: ResultFile, target: 'terminal' | 'markdown' | 'html'): MethodBlock {
  const lines =
    target === 'terminal'
      ? legendLines(result)
      : [...describeMethods(result), ...(target === 'html' ? pictureNotes(result) : [])];
  return { kind: 'method', of: 'result', lines };
}
