/**
 * Pause-duration bins shared by the terminal sparkline and the HTML report, so every mode of every
 * scenario is drawn on the same scale: upper edges in ms, the last bin open-ended.
 */
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
