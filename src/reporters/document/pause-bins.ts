/**
 * A mode's GC pauses by duration, in bins shared by the terminal's sparkline and the page's chart,
 * so every mode of every scenario is drawn on the same scale: upper edges in ms, the last bin
 * open-ended. The sparkline is one block character per bin (U+2581–2588, which render wherever
 * the table's box-drawing lines do), as tall as the bin's share of the mode's pauses.
 */
import type { ModeResult } from '../../results/result.js';

export const PAUSE_BIN_EDGES_MS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** Counts of pauses per bin of `edges` (a pause equal to an edge falls in the bin below it); one more bin than edges. */
export function pauseHistogram(pausesMs: readonly number[], edges: readonly number[] = PAUSE_BIN_EDGES_MS): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const pause of pausesMs) {
    let bin = edges.findIndex((edge) => pause <= edge);
    if (bin < 0) bin = edges.length;
    counts[bin]!++;
  }
  return counts;
}
const BLOCKS = '▁▂▃▄▅▆▇█';

/** Counts → "█▃▁  ▁  ": the fullest bin a full block, any other non-empty bin at least ▁, an empty bin a space. */
export function sparkline(counts: readonly number[]): string {
  const most = Math.max(0, ...counts);
  if (most === 0) return '';
  return counts
    .map((count) => (count <= 0 ? ' ' : BLOCKS[Math.max(0, Math.ceil((count / most) * BLOCKS.length) - 1)]))
    .join('');
}

/** A mode's pauses, all runs pooled, as a sparkline; "none" when it never paused. */
export function pauseSparkline(mode: ModeResult): string {
  return sparkline(pauseHistogram(mode.runs.flatMap((run) => run.gcPausesMs))) || 'none';
}

export const SPARKLINE_HEADING = 'pauses ≤.1…>10ms';
