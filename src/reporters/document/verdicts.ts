/**
 * The verdicts a run of several cases ends with: one row per case (scenario × params × variant)
 * and mode other than the case's baseline, with the throughput ratio and its interval, the change
 * in GC pause and in allocation, and a verdict. Every reporter prints these rows.
 */
import type { ResultFile } from '../../results/result.js';
import { formatChange, formatRatio } from '../../text/format.js';
import { visible } from '../../text/visible.js';
import type { TableColumn, VerdictsBlock, VerdictWord } from './blocks.js';
import { groupCases } from './cases.js';

export interface VerdictRow {
  /** "message-buffering messages=1000 retain=0", with the variant after a " · " when a group has several. */
  caseLabel: string;
  mode: string;
  /** The mode the ratios are against, as the result names it (`comparison.baseline`). */
  baseline: string;
  /** "4.82× [2.93–7.32×]"; empty for a failed case. */
  throughput: string;
  gcPause: string;
  allocated: string;
  verdict: VerdictWord;
}

/** Faster or slower only when the whole interval of the ratio is on one side of 1. */
export function throughputVerdict([low, high]: readonly [number, number]): VerdictWord {
  if (low > 1) return 'faster';
  if (high < 1) return 'slower';
  return 'no measurable difference';
}

export function verdictRows(result: ResultFile): VerdictRow[] {
  return groupCases(result.scenarios).flatMap((group) =>
    group.entries.flatMap(({ label, caseResult }): VerdictRow[] => {
      const caseLabel = label ? `${group.title} · ${label}` : group.title;
      if (caseResult.status === 'failed')
        return [{ caseLabel, mode: '', baseline: '', throughput: '', gcPause: '', allocated: '', verdict: 'failed' }];
      const baseline = visible(caseResult.comparison?.baseline ?? '');
      return Object.entries(caseResult.comparison?.against ?? {}).map(([mode, comparison]) => {
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

/** Case and mode name a row; the figures read right-aligned; case, mode and verdict may wrap. */
const VERDICTS_COLUMNS: TableColumn[] = [
  { heading: 'case', align: 'left', wrap: true },
  { heading: 'mode', align: 'left', wrap: true },
  { heading: 'ops/s ratio', align: 'right' },
  { heading: 'GC pause', align: 'right' },
  { heading: 'alloc/op', align: 'right' },
  { heading: 'verdict', align: 'left', wrap: true },
];

/**
 * The verdicts as a block, or undefined where they would say nothing new: a run of one case has its
 * answer under its one table already, and a run whose cases have no modes to set against each other
 * (and no failure) has none. When every case has the same baseline, the sentence above the table
 * names it; otherwise each mode cell says what it is against.
 */
export function verdictsBlock(result: ResultFile): VerdictsBlock | undefined {
  const rows = verdictRows(result);
  if (result.scenarios.length <= 1 || rows.length === 0) return undefined;
  const baselines = [...new Set(rows.filter((row) => row.verdict !== 'failed').map((row) => row.baseline))];
  const shared = baselines.length === 1 ? baselines[0] : undefined;
  const levels = result.scenarios.flatMap((caseResult) =>
    Object.values(caseResult.comparison?.against ?? {}).map((comparison) => comparison.opsPerSecRatio.ciLevel),
  );
  const level = levels.length ? Math.min(...levels) : undefined;
  const intro =
    `Each mode against ${shared ? `the ${shared} mode` : "its case's baseline mode"}: ops/s ratio with its ` +
    `${level === undefined ? '' : `${Number((level * 100).toFixed(1))}% `}interval, change in GC pause and in bytes allocated per operation.`;
  return {
    kind: 'verdicts',
    title: 'Summary',
    intro,
    columns: VERDICTS_COLUMNS,
    rows: rows.map((row) => ({
      cells: [
        row.caseLabel,
        shared || row.verdict === 'failed' ? row.mode : `${row.mode} vs ${row.baseline}`,
        row.throughput,
        row.gcPause,
        row.allocated,
        row.verdict,
      ],
      verdict: row.verdict,
    })),
  };
}
