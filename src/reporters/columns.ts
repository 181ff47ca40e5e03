/**
 * The columns the terminal table can show for a mode, by name (for `--columns`), in the order they
 * read left to right, and the order they are given room in when the width is limited: throughput,
 * GC pause, allocation and heap growth first, because those are what the tool exists to report.
 */
import type { ModeResult } from '../results/result.js';
import { formatRetained } from './describe.js';
import { formatBytes, formatCount, formatMs, formatNs } from './format.js';
import { pauseSparkline, SPARKLINE_HEADING } from './sparkline.js';

export interface ModeColumn {
  name: string;
  heading: string;
  cell: (mode: ModeResult) => string;
}

/** Left to right, as the table reads. */
export const MODE_COLUMNS: readonly ModeColumn[] = [
  { name: 'ops', heading: 'ops/s', cell: ({ summary }) => formatCount(summary.opsPerSec.median) },
  {
    name: 'interval',
    heading: 'interval',
    cell: ({ summary }) => `${formatCount(summary.opsPerSec.ci95[0])}–${formatCount(summary.opsPerSec.ci95[1])}`,
  },
  { name: 'p50', heading: 'p50', cell: ({ summary }) => formatNs(summary.latencyNs.p50) },
  { name: 'p99', heading: 'p99', cell: ({ summary }) => formatNs(summary.latencyNs.p99) },
  { name: 'gcs', heading: 'GCs', cell: ({ summary }) => String(summary.gc.count) },
  { name: 'pause-total', heading: 'pause total', cell: ({ summary }) => formatMs(summary.gc.pauseMs.total) },
  { name: 'pause-max', heading: 'pause max', cell: ({ summary }) => formatMs(summary.gc.pauseMs.max) },
  { name: 'pause-p99', heading: 'pause p99', cell: ({ summary }) => formatMs(summary.gc.pauseMs.p99) },
  { name: 'pauses', heading: SPARKLINE_HEADING, cell: pauseSparkline },
  { name: 'alloc', heading: 'alloc/op', cell: ({ summary }) => formatBytes(summary.memory.allocatedBytesPerOp) },
  { name: 'heap-growth', heading: 'heap growth', cell: ({ summary }) => formatBytes(summary.memory.heapGrowthBytes) },
  { name: 'retained', heading: 'retained', cell: ({ summary }) => formatRetained(summary.memory.retainedBytes) },
  {
    name: 'arraybuffers',
    heading: 'ArrayBuffers',
    cell: ({ summary }) => formatBytes(summary.memory.arrayBuffersBytes),
  },
  { name: 'cpu', heading: 'CPU per 1000 ops', cell: ({ summary }) => formatMs(summary.cpuMsPerKop) },
];

export const COLUMN_NAMES = MODE_COLUMNS.map((column) => column.name);

/** Shown whenever the width allows them at all; without room for these, the table turns into blocks. */
export const CORE_COLUMNS = ['ops', 'interval', 'pause-total', 'alloc', 'heap-growth'];

/** The core columns that give way, in this order, before a name is broken or the table turns into blocks. */
export const CORE_COLUMNS_DROPPED_FIRST = ['heap-growth', 'interval'];

/** Who gets room next once the core columns are in. */
export const EXTRA_COLUMNS = [
  'p50',
  'p99',
  'gcs',
  'pause-max',
  'pause-p99',
  'pauses',
  'retained',
  'arraybuffers',
  'cpu',
];

/** The named columns in reading order; names not known are left out (the CLI refuses them first). */
export function columnsNamed(names: readonly string[]): ModeColumn[] {
  return MODE_COLUMNS.filter((column) => names.includes(column.name));
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
