/**
 * The one catalogue of a mode's figures: every column a reporter shows for a mode, with its name
 * (for `--columns`), heading and cell, in the order a table reads left to right. The terminal shows
 * the `figures` columns as its width allows (core ones first, because throughput, GC pause,
 * allocation and heap growth are what the tool exists to report); markdown and the page's Figures
 * table show every one of them in text; the page's second table adds the `detail` columns.
 */
import type { ModeResult } from '../../results/result.js';
import { formatBytes, formatCount, formatMs, formatNs } from '../../text/format.js';
import { pauseSparkline, SPARKLINE_HEADING } from './pause-bins.js';

export interface ModeColumn {
  name: string;
  heading: string;
  cell: (mode: ModeResult) => string;
  /** `figures`: in every reporter's table of a mode; `detail`: on the page's memory table only. */
  shown: 'figures' | 'detail';
  /** A picture drawn in characters (the pause sparkline): the terminal shows it, markdown leaves it out, the page draws a chart. */
  picture?: true;
  /** What a reader needs to read the column, said under the terminal's tables when it is shown. */
  legend?: string;
}

/**
 * Retained heap moves by ±100–300 KiB between runs with the JIT's own metadata
 * (docs/measurement.md), so a smaller value, negative ones included, is not a measurement of the
 * operation: it reads "≈0". The result file keeps the raw value.
 */
const RETAINED_RESOLUTION_BYTES = 256 * 1024;

export function formatRetained(bytes: number): string {
  return Math.abs(bytes) < RETAINED_RESOLUTION_BYTES ? '≈0' : formatBytes(bytes);
}

/** Left to right, as the tables read. */
const MODE_COLUMNS: readonly ModeColumn[] = [
  { name: 'ops', heading: 'ops/s', shown: 'figures', cell: ({ summary }) => formatCount(summary.opsPerSec.median) },
  {
    name: 'interval',
    heading: 'interval',
    shown: 'figures',
    cell: ({ summary }) => `${formatCount(summary.opsPerSec.ci95[0])}–${formatCount(summary.opsPerSec.ci95[1])}`,
  },
  { name: 'p50', heading: 'p50', shown: 'figures', cell: ({ summary }) => formatNs(summary.latencyNs.p50) },
  { name: 'p99', heading: 'p99', shown: 'figures', cell: ({ summary }) => formatNs(summary.latencyNs.p99) },
  { name: 'gcs', heading: 'GCs', shown: 'figures', cell: ({ summary }) => String(summary.gc.count) },
  {
    name: 'pause-total',
    heading: 'pause total',
    shown: 'figures',
    cell: ({ summary }) => formatMs(summary.gc.pauseMs.total),
  },
  {
    name: 'pause-max',
    heading: 'pause max',
    shown: 'figures',
    cell: ({ summary }) => formatMs(summary.gc.pauseMs.max),
  },
  {
    name: 'pause-p99',
    heading: 'pause p99',
    shown: 'figures',
    cell: ({ summary }) => formatMs(summary.gc.pauseMs.p99),
  },
  {
    name: 'pauses',
    heading: SPARKLINE_HEADING,
    shown: 'figures',
    picture: true,
    cell: pauseSparkline,
    legend: 'pauses ≤.1…>10ms: pause count per bin (≤0.1, 0.25, 0.5, 1, 2.5, 5, 10, >10 ms).',
  },
  {
    name: 'alloc',
    heading: 'alloc/op',
    shown: 'figures',
    cell: ({ summary }) => formatBytes(summary.memory.allocatedBytesPerOp),
  },
  {
    name: 'heap-growth',
    heading: 'heap growth',
    shown: 'figures',
    cell: ({ summary }) => formatBytes(summary.memory.heapGrowthBytes),
  },
  {
    name: 'retained',
    heading: 'retained',
    shown: 'figures',
    cell: ({ summary }) => formatRetained(summary.memory.retainedBytes),
    legend: `retained ≈0: below the method's resolution (${RETAINED_RESOLUTION_BYTES / 1024} KiB).`,
  },
  {
    name: 'arraybuffers',
    heading: 'ArrayBuffers',
    shown: 'figures',
    cell: ({ summary }) => formatBytes(summary.memory.arrayBuffersBytes),
  },
  { name: 'cpu', heading: 'CPU per 1000 ops', shown: 'figures', cell: ({ summary }) => formatMs(summary.cpuMsPerKop) },
  {
    name: 'peak-heap',
    heading: 'peak heap',
    shown: 'detail',
    cell: ({ summary }) => formatBytes(summary.memory.peakHeapUsedBytes),
  },
  {
    name: 'external',
    heading: 'external',
    shown: 'detail',
    cell: ({ summary }) => formatBytes(summary.memory.externalBytes),
  },
  { name: 'rss', heading: 'RSS', shown: 'detail', cell: ({ summary }) => formatBytes(summary.memory.rssBytes) },
  {
    name: 'gcs-minor',
    heading: 'GCs: minor',
    shown: 'detail',
    cell: ({ summary }) => String(summary.gc.byKind.minor.count),
  },
  {
    name: 'gcs-major',
    heading: 'major',
    shown: 'detail',
    cell: ({ summary }) => String(summary.gc.byKind.major.count),
  },
  {
    name: 'gcs-other',
    heading: 'other',
    shown: 'detail',
    cell: ({ summary: { gc } }) => String(gc.count - gc.byKind.minor.count - gc.byKind.major.count),
  },
];

export const FIGURE_COLUMNS = MODE_COLUMNS.filter((column) => column.shown === 'figures');
export const DETAIL_COLUMNS = MODE_COLUMNS.filter((column) => column.shown === 'detail');

/** What `--columns` accepts: the figures columns, the ones the terminal can show. */
export const COLUMN_NAMES = FIGURE_COLUMNS.map((column) => column.name);

/** Shown whenever the width allows them at all; without room for these, the table turns into blocks. */
export const CORE_COLUMNS = ['ops', 'interval', 'pause-total', 'alloc', 'heap-growth'];

/** The core columns that give way, in this order, before a name is broken or the table turns into blocks. */
export const CORE_COLUMNS_DROPPED_FIRST = ['heap-growth', 'interval'];

/** Who gets room next once the core columns are in: the others, in reading order. */
export const EXTRA_COLUMNS = COLUMN_NAMES.filter((name) => !CORE_COLUMNS.includes(name));

/** The named figures columns in reading order; names not known are left out (the CLI refuses them first). */
export function columnsNamed(names: readonly string[]): ModeColumn[] {
  return FIGURE_COLUMNS.filter((column) => names.includes(column.name));
}

/** What is wrong with a `--columns` value, or undefined: `all`, or known names separated by commas. */
export function columnsProblem(names: readonly string[]): string | undefined {
  if (names.length === 0) return 'no column named';
  const unknown = names.filter((name) => name !== 'all' && !COLUMN_NAMES.includes(name));
  if (unknown.length)
    return `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}`;
  if (names.includes('all') && names.length > 1) return '"all" stands alone';
  return undefined;
}
