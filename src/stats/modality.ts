/**
 * Whether a handful of runs look like one population or two. BenchmarkDotNet's mvalue (Brendan
 * Gregg's modality value) reads a histogram, which needs dozens of samples; a mode has five or six
 * runs, so this is a gap test instead.
 *
 * Split: the two clusters single linkage gives for one-dimensional data, i.e. the cut at the
 * widest gap between neighbouring sorted values (cutting the longest edge of the minimum spanning
 * tree; Gower & Ross 1969), among the cuts that leave at least two runs on each side, so one
 * outlying run is an outlier and not a second mode.
 * Test: the gap is at least GAP_TO_SPREAD times the wider cluster's range, and at least
 * MIN_RELATIVE_GAP of the median, so tight clusters a fraction of a percent apart are not news.
 * Calibrated by simulation (10⁵ draws of normal noise per row): at 5% relative standard deviation
 * it fires on 0.5% of five-run and 0.2% of six-run samples, at 10% on 2.6% and 1.1%; it finds two
 * runs at 1.7× the other three or four in 83–85% of samples at 5% noise.
 */
import { median, sortedCopy } from './order.js';

const GAP_TO_SPREAD = 3;
const MIN_RELATIVE_GAP = 0.1;
/** Two clusters of at least two runs each. */
const MIN_CLUSTER = 2;

export interface Clusters {
  /** Sorted values below the gap. */
  lower: number[];
  /** Sorted values above the gap. */
  upper: number[];
}

/** The two clusters `values` fall into when they are not one population; undefined when they are (or are too few to tell). */
export function detectClusters(values: readonly number[]): Clusters | undefined {
  const sorted = sortedCopy(values);
  let widest = -1;
  let cut = -1;
  for (let i = MIN_CLUSTER; i <= sorted.length - MIN_CLUSTER; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap > widest) {
      widest = gap;
      cut = i;
    }
  }
  if (cut < 0) return undefined;
  const lower = sorted.slice(0, cut);
  const upper = sorted.slice(cut);
  const spread = Math.max(lower[lower.length - 1]! - lower[0]!, upper[upper.length - 1]! - upper[0]!);
  const separated = widest >= GAP_TO_SPREAD * spread && widest >= MIN_RELATIVE_GAP * Math.abs(median(sorted));
  return separated && widest > 0 ? { lower, upper } : undefined;
}
