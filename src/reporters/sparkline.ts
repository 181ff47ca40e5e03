/**
 * The pause distribution as a sparkline for the terminal table: one block character per duration
 * bin (PAUSE_BIN_EDGES_MS, the same bins as the HTML report), as tall as the bin's share of the
 * mode's pauses. Block elements (U+2581–2588) render wherever the table's box-drawing lines do, so
 * the table uses them whether or not it is coloured; the markdown reporter leaves them out and
 * keeps its tables narrow for pull-request comments.
 */

import type { ModeResult } from '../results/result.js';
import { pauseHistogram } from './pause-bins.js';

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
