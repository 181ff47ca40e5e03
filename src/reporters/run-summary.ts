/**
 * The answer a run ends with: one row per case (scenario × params × variant) and mode other than
 * the case's baseline, with the throughput ratio and its interval, the change in GC pause and in
 * allocation, and a verdict. The table, markdown and HTML reporters all print these rows.
 */
import type { ResultFile } from '../results/result.js';
import { groupScenarios } from './describe.js';
import { visible } from './escape.js';
import { formatChange, formatRatio } from './format.js';

export type SummaryVerdict = 'faster' | 'slower' | 'no measurable difference' | 'failed';

export interface SummaryRow {
  /** "message-buffering messages=1000 retain=0", with the variant after a " · " when a group has several. */
  caseLabel: string;
  mode: string;
  /** The mode the ratios are against, as the result names it (`comparison.baseline`). */
  baseline: string;
  /** "4.82× [2.93–7.32×]"; empty for a failed case. */
  throughput: string;
  gcPause: string;
  allocated: string;
  verdict: SummaryVerdict;
}

/** Faster or slower only when the whole interval of the ratio is on one side of 1. */
export function throughputVerdict([low, high]: readonly [number, number]): SummaryVerdict {
  if (low > 1) return 'faster';
  if (high < 1) return 'slower';
  return 'no measurable difference';
}

export function summaryRows(result: ResultFile): SummaryRow[] {
  return groupScenarios(result.scenarios).flatMap((group) =>
    group.entries.flatMap(({ label, scenario }): SummaryRow[] => {
      const caseLabel = label ? `${group.title} · ${label}` : group.title;
      if (scenario.status === 'failed')
        return [{ caseLabel, mode: '', baseline: '', throughput: '', gcPause: '', allocated: '', verdict: 'failed' }];
      const baseline = visible(scenario.comparison?.baseline ?? '');
      return Object.entries(scenario.comparison?.against ?? {}).map(([mode, comparison]) => {
        const { median, ci95 } = comparison.opsPerSecRatio;
        return {
          caseLabel,
          mode: visible(mode),
          baseline,
          throughput: `${formatRatio(median)} [${formatRatio(ci95[0]).replace('×', '')}–${formatRatio(ci95[1])}]`,
          gcPause: formatChange(comparison.gcPauseRatio),
          allocated: formatChange(comparison.allocatedBytesRatio),
          verdict: throughputVerdict(ci95),
        };
      });
    }),
  );
}

/**
 * A run of one case has its answer under its one table already; the summary is for more, and only
 * where some case has modes to set against each other (or failed).
 */
export function hasSummary(result: ResultFile): boolean {
  return result.scenarios.length > 1 && summaryRows(result).length > 0;
}

export const SUMMARY_TABLE_HEADINGS = ['case', 'mode', 'ops/s ratio', 'GC pause', 'alloc/op', 'verdict'];

/**
 * The rows as table cells. When every case has the same baseline, the sentence above the table
 * names it; otherwise each mode cell says what it is against.
 */
export function summaryTable(result: ResultFile): { intro: string; rows: string[][] } {
  const rows = summaryRows(result);
  const baselines = [...new Set(rows.filter((row) => row.verdict !== 'failed').map((row) => row.baseline))];
  const shared = baselines.length === 1 ? baselines[0] : undefined;
  const levels = result.scenarios.flatMap((scenario) =>
    Object.values(scenario.comparison?.against ?? {}).map((comparison) => comparison.opsPerSecRatio.ciLevel),
  );
  const level = levels.length ? Math.min(...levels) : undefined;
  const intro =
    `Each mode against ${shared ? `the ${shared} mode` : "its case's baseline mode"}: ops/s ratio with its ` +
    `${level === undefined ? '' : `${Number((level * 100).toFixed(1))}% `}interval, change in GC pause and in bytes allocated per operation.`;
  return {
    intro,
    rows: rows.map((row) => [
      row.caseLabel,
      shared || row.verdict === 'failed' ? row.mode : `${row.mode} vs ${row.baseline}`,
      row.throughput,
      row.gcPause,
      row.allocated,
      row.verdict,
    ]),
  };
}
