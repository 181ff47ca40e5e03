/**
 * The words and numbers every comparison reporter prints, in one place, so the terminal table, the
 * markdown comment and the GitHub annotations never tell different stories.
 */

import { METRICS, type MetricName, metricDefinition, TRIM } from '../../compare/metrics.js';
import {
  type CaseKey,
  type Comparison,
  findings,
  type MetricComparison,
  type SideOverview,
  type SidesTest,
  VERDICTS,
} from '../../compare/model.js';
import { quantileOfSorted } from '../../stats/order.js';
import { lookSchedule } from '../../stats/sequential.js';
import {
  formatBytes,
  formatCount,
  formatMs,
  formatNs,
  formatParams,
  formatPercent,
  formatRunCounts,
} from '../../text/format.js';
import { visible } from '../../text/visible.js';

const VALUE_FORMAT: Record<MetricName, (value: number) => string> = {
  opsPerSec: formatCount,
  cpuNsPerOp: formatNs,
  latencyP99Ns: formatNs,
  gcPauseMsPerKop: formatMs,
  gcMaxPauseMs: formatMs,
  allocatedBytesPerOp: formatBytes,
  retainedBytes: formatBytes,
};

export function formatMetricValue(metric: MetricName, value: number): string {
  return Number.isFinite(value) ? VALUE_FORMAT[metric](value) : '–';
}

/** "+12.3% [+5.1%, +19.8%]", or "–" when the metric was not tested. */
export function formatChangeWithInterval(metric: MetricComparison): string {
  if (metric.change === null) return '–';
  if (!metric.interval) return formatPercent(metric.change, 1);
  return `${formatPercent(metric.change, 1)} [${formatPercent(metric.interval[0], 1)}, ${formatPercent(metric.interval[1], 1)}]`;
}

export function formatPValue(p: number | null): string {
  if (p === null) return '–';
  if (p < 0.0001) return '<0.0001';
  return p >= 0.01 ? p.toFixed(2) : p.toPrecision(2);
}

export function metricLabel(metric: MetricName): string {
  return metricDefinition(metric).label;
}

/** "message-buffering messages=1000 [--max-semi-space-size=64]": a case as one short line. */
export function describeCase(key: CaseKey): string {
  const parts = [visible(key.name)];
  if (Object.keys(key.params).length) parts.push(formatParams(key.params));
  const variant = describeVariant(key.variant);
  if (variant) parts.push(`[${variant}]`);
  return parts.join(' ');
}

function describeVariant(variant: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(variant)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length) parts.push(value.join(' '));
    } else if (name === 'node') parts.push(`node ${String(value)}`);
    else parts.push(`${name}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  return parts.join(', ');
}

const CORRECTION_NAMES = { holm: 'Holm', bh: 'Benjamini–Hochberg' } as const;

/** "1 regressed, 2 improved, 40 unchanged, 3 inconclusive"; regressions of metrics outside the gate apart. */
export function countsLine(comparison: Comparison): string {
  const { counts, gatingRegressions } = comparison;
  // Regressed and improved are always said, even at 0: they are what a reader looks for.
  const shown: [number, string, boolean][] = [
    [gatingRegressions, 'regressed', true],
    [counts.regressed - gatingRegressions, 'regressed (not gating)', false],
    [counts.improved, 'improved', true],
    [counts.unchanged, 'unchanged', false],
    [counts.inconclusive, 'inconclusive', false],
    [counts['not-compared'], 'not compared', false],
  ];
  return shown
    .filter(([count, , always]) => always || count > 0)
    .map(([count, words]) => `${count} ${words}`)
    .join(', ');
}

/** A metric's verdict in words: a regression of a metric outside the gate says it does not fail the check. */
export function verdictText(metric: MetricComparison): string {
  return metric.verdict === 'regressed' && !metric.gated ? 'regressed (not gating)' : metric.verdict;
}

/** The one-line answer: what a pull-request reviewer reads first. */
export function headline(comparison: Comparison): string {
  const regressed = comparison.gatingRegressions;
  const verdict = regressed > 0 ? `${regressed} regression${regressed === 1 ? '' : 's'}` : 'no regression';
  return `arena-bench: ${verdict} (${countsLine(comparison)})`;
}

/**
 * What a reporter says when no row is shown. Inconclusive metrics did move beyond their threshold,
 * only not significantly, so "nothing changed beyond its threshold" would not be true of them.
 */
export function nothingShown(comparison: Comparison): string {
  const inconclusive = comparison.counts.inconclusive;
  if (inconclusive === 0) return 'Nothing changed beyond its threshold';
  return inconclusive === 1
    ? 'Nothing changed significantly; 1 metric inconclusive: beyond its threshold, but within the noise'
    : `Nothing changed significantly; ${inconclusive} metrics inconclusive: beyond their threshold, but within the noise`;
}

/** Half the width of a relative-change interval on the log scale, as a percent: [−10%, +11.1%] → 11.1. */
function halfWidthPercent([low, high]: [number, number]): number {
  return Math.expm1((Math.log1p(high) - Math.log1p(low)) / 2) * 100;
}

/** "±5.4%"; no decimals from 100% up, as formatPercent. */
function plusMinus(percent: number): string {
  return `±${percent >= 100 ? Math.round(percent) : percent.toFixed(1)}%`;
}

/**
 * How finely this comparison resolved throughput: the half-widths of the ops/s intervals. A change
 * smaller than its case's half-width is not told from noise, so "no regression" says nothing about
 * it; the sentence keeps a reader from taking one for the other. Undefined when ops/s was not tested.
 */
export function throughputResolution(comparison: Comparison): string | undefined {
  // Every ops/s that was tested: an untested one (not compared, zero in both) has no interval.
  const widths = findings(comparison, VERDICTS)
    .filter(({ metric }) => metric.metric === 'opsPerSec' && metric.interval !== null)
    .map(({ row, metric }) => ({ row, look: metric.look, percent: halfWidthPercent(metric.interval!) }))
    .sort((a, b) => a.percent - b.percent);
  const widest = widths.at(-1);
  if (!widest) return undefined;
  const where = `${describeCase(widest.row.key)}, ${visible(widest.row.mode)}`;
  // Intervals of the sequential rule are at the level of the look that decided them, not 95%.
  const sequential = widths.filter(({ look }) => look).length;
  const level =
    sequential === 0
      ? '95%'
      : sequential === widths.length
        ? "at their look's level"
        : "95%, or at a sequential look's level";
  // Sequentially decided cases take more pairs from a longer budget; the others from more runs.
  const more =
    sequential > 0 ? 'A longer --budget (or --max-runs)' : 'More runs (--runs, or --max-runs with --precision)';
  if (widths.length === 1)
    return `The ops/s interval (${level}) was ${plusMinus(widest.percent)} (${where}): a smaller change is not told from noise. ${more}, or a quieter machine, narrow it.`;
  const median = quantileOfSorted(
    widths.map((width) => width.percent),
    0.5,
  );
  return (
    `ops/s intervals (${level}) were ${plusMinus(median)} at the median of ${widths.length} cases and ${plusMinus(widest.percent)} at the widest (${where}): ` +
    `a change smaller than its case's interval is not told from noise. ${more}, or a quieter machine, narrow them.`
  );
}

/** Environment differences that stop time metrics from gating, per pair, as sentences. */
export function environmentWarnings(comparison: Comparison): string[] {
  return comparison.pairs
    .filter((pair) => pair.environmentDifferences.length > 0)
    .map((pair) => {
      const what = `${pair.baseline.label} and ${pair.current.label} come from different environments: ${pair.environmentDifferences.join('; ')}.`;
      return comparison.allowEnvironmentMismatch
        ? `${what} Time metrics are compared anyway (--allow-env-mismatch): read them with care.`
        : `${what} Time metrics (ops/s, latency, GC pauses) are not compared; allocation metrics still gate. Add --allow-env-mismatch to compare them anyway.`;
    })
    .map(visible);
}

/** Lines about what could not be compared: scenarios in one file only, failures, incomplete files. */
export function coverageNotes(comparison: Comparison): string[] {
  const notes: string[] = [];
  for (const pair of comparison.pairs) {
    for (const failed of pair.failed)
      notes.push(
        `${describeCase(failed.key)} failed in the ${failed.side} (${pair[failed.side].label}): ${failed.error}`,
      );
    const only = (side: 'baseline' | 'current') =>
      pair.unmatched
        .filter((entry) => entry.side === side)
        .map((entry) => describeCase(entry.key) + (entry.mode ? ` (mode ${entry.mode})` : ''));
    const inBaseline = only('baseline');
    const inCurrent = only('current');
    if (inBaseline.length) notes.push(`only in the baseline ${pair.baseline.label}: ${inBaseline.join(', ')}`);
    if (inCurrent.length) notes.push(`only in the current ${pair.current.label}: ${inCurrent.join(', ')}`);
    for (const side of ['baseline', 'current'] as const) {
      if (!pair[side].complete)
        notes.push(
          `${pair[side].label} is incomplete (the run was interrupted or is still going): only what it holds is compared`,
        );
    }
    if (pair.settingsDifferences.length)
      notes.push(
        `settings differ between ${pair.baseline.label} and ${pair.current.label}: ${pair.settingsDifferences.join(', ')}`,
      );
  }
  return notes.map(visible);
}

/** How the verdicts were reached, in sentences a reader can look up. */
export function methodNotes(comparison: Comparison): string[] {
  const { method, thresholds } = comparison;
  const side = ({ runsPerMode, sessions }: SideOverview) =>
    `${formatRunCounts(runsPerMode)}${sessions > 1 ? ` in ${sessions} sessions` : ''}`;
  const described = (test: SidesTest) => {
    const sides = comparison.pairs
      .filter((pair) => pair.test === test)
      .map((pair) => `${side(pair.baseline)} vs ${side(pair.current)}`);
    return sides.length ? `${TEST_NAMES[test]} (${[...new Set(sides)].join('; ')})` : [];
  };
  const thresholdText = (percents: typeof thresholds) =>
    METRICS.map((metric) => `${metric.label} ${percents[metric.name]}%`).join(', ');
  const { pairedThresholds } = comparison;
  const designs = new Map(
    comparison.pairs.flatMap((pair) => (pair.sequential ? [[JSON.stringify(pair.sequential), pair.sequential]] : [])),
  );
  const sequential = [...designs.values()].map(
    (design) =>
      `Paired runs stopped by the sequential rule: each gated metric decided at the first look (${lookSchedule(design).join(', ')} pairs, and where the run stopped) ` +
      `significant at the look's level and beyond its threshold, or whose 1 − 2ℓ interval lies inside ±threshold; ` +
      `α/${design.gatedTests} a test spent as (n/${design.maxPairs})^${design.rho} (Lan & DeMets 1983), the looks by the union bound; its interval and p (× α/ℓ) are the look's.`,
  );
  return [
    `On log values per metric: ${[described('sessions'), described('runs'), described('paired')].flat().join('; ')}; 95% intervals; ` +
      `p-values ${CORRECTION_NAMES[method.correction]}-adjusted over the ${method.gatedTests} gated tests and apart over the ${method.tests - method.gatedTests} others, α = ${method.alpha}.`,
    `Gate: ${method.gate.map(metricLabel).join(', ')}; other metrics reported, not gating.`,
    ...sequential,
    ...(comparison.pairs.some((pair) => pair.sharedHeap)
      ? [
          'Paired runs in one V8 heap (same-process pairing, shared isolation): a GC pause counts for the side whose slice it fell in, ' +
            "a side that keeps more alive slows the other's collections too, and retained heap is what each side left alive while it ran alone.",
        ]
      : []),
    `A change is a regression only when significant and beyond its threshold: ` +
      (!pairedThresholds
        ? `${thresholdText(thresholds)}.`
        : comparison.pairs.every((pair) => pair.test === 'paired')
          ? `${thresholdText(pairedThresholds)}.`
          : `${thresholdText(thresholds)}; for paired runs ${thresholdText(pairedThresholds)}.`),
  ];
}

const TEST_NAMES: Record<SidesTest, string> = {
  sessions: "each session's best run (time) or mean (memory), moderated t-test across the suite (Smyth 2004)",
  runs: `Yuen's test (Welch's t on ${TRIM * 100}%-trimmed means) with session drift added to the variance`,
  paired: `time metrics: the ${TRIM * 100}%-trimmed mean of the pairs' log-ratios, Tukey–McLaughlin t with the variance moderated across the suite (Smyth 2004); memory metrics: Yuen's test`,
};

/** The rows a reporter shows: only what changed, unless verbose. */
export function shownFindings(comparison: Comparison, verbose: boolean) {
  return findings(
    comparison,
    verbose ? ['regressed', 'improved', 'inconclusive', 'unchanged', 'not-compared'] : ['regressed', 'improved'],
  );
}

type Finding = ReturnType<typeof shownFindings>[number];

/** Column headings of a findings table; the last one, the verdict, each reporter renders its own way. */
export function findingHeadings(severalPairs: boolean): string[] {
  return [
    ...(severalPairs ? ['pair'] : []),
    'scenario',
    'mode',
    'metric',
    'baseline',
    'current',
    'change [95% CI]',
    'p (adj.)',
    'verdict',
  ];
}

/** The numeric columns (baseline through p) are the four before the verdict. */
export function isNumericFindingColumn(index: number, columns: number): boolean {
  return index >= columns - 5 && index < columns - 1;
}

/** One finding's cells, in the order of findingHeadings, without the verdict. */
export function findingCells({ pair, row, metric }: Finding, severalPairs: boolean): string[] {
  return [
    ...(severalPairs ? [visible(`${pair.baseline.label} → ${pair.current.label}`)] : []),
    describeCase(row.key),
    visible(row.mode),
    metricLabel(metric.metric),
    formatMetricValue(metric.metric, metric.baseline),
    formatMetricValue(metric.metric, metric.current),
    formatChangeWithInterval(metric),
    formatPValue(metric.adjustedPValue),
  ];
}
