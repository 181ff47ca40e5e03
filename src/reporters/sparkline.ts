/**
 * The pause distribution as a sparkline for the terminal table: one block character per duration
 * bin (PAUSE_BIN_EDGES_MS, the same bins as the HTML report), as tall as the bin's share of the
 * mode's pauses. Block elements (U+2581–2588) render wherever the table's box-drawing lines do, so
 * the table uses them whether or not it is coloured; the markdown reporter leaves them out and
 * keeps its tables narrow for pull-request comments.
 */
import { pauseHistogram } from '../measure/child/timeline.js';
import type { ScenarioGroup } from './describe.js';

const BLOCKS = '▁▂▃▄▅▆▇█';

/** Counts → "█▃▁  ▁  ": the fullest bin a full block, any other non-empty bin at least ▁, an empty bin a space. */
export function sparkline(counts: readonly number[]): string {
  const most = Math.max(0, ...counts);
  if (most === 0) return '';
  return counts.map((count) => (count <= 0 ? ' ' : BLOCKS[Math.max(0, Math.ceil((count / most) * BLOCKS.length) - 1)])).join('');
}

export const SPARKLINE_HEADING = 'pauses ≤.1…>10ms';

/** The line under the tables that says what the column shows. */
export const SPARKLINE_NOTE = `${SPARKLINE_HEADING}: pauses per duration bin (≤0.1, 0.25, 0.5, 1, 2.5, 5, 10, >10 ms), each bin as tall as its count relative to the fullest one.`;

/** The group's table with a pause-distribution column after "pause p99" (or last, if that column is absent). */
export function withPauseSparklines(group: ScenarioGroup, headings: string[], rows: string[][]): { headings: string[]; rows: string[][] } {
  const at = headings.includes('pause p99') ? headings.indexOf('pause p99') + 1 : headings.length;
  const lines = group.entries.flatMap(({ scenario }) =>
    Object.values(scenario.modes).map((mode) => sparkline(pauseHistogram(mode.runs.flatMap((run) => run.gcPausesMs))) || 'none'),
  );
  return {
    headings: [...headings.slice(0, at), SPARKLINE_HEADING, ...headings.slice(at)],
    rows: rows.map((row, i) => [...row.slice(0, at), lines[i] ?? '', ...row.slice(at)]),
  };
}
