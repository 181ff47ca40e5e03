/**
 * Order statistics: sorting, quantiles, medians with distribution-free intervals, the ratio of two
 * sets of runs. What summaries and the child's pause and latency figures use. Every method names
 * its source so a figure in the output can be traced to something a reader can look up.
 */
import { normalQuantile } from './distributions.js';

/** An interval with the confidence it actually achieves (small samples cannot always reach 95%). */
export interface Interval {
  low: number;
  high: number;
  level: number;
}

const ascending = (a: number, b: number) => a - b;

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort(ascending);
}

/** Quantile of sorted data by linear interpolation between order statistics (Hyndman & Fan type 7, R's default). */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export function quantile(values: readonly number[], q: number): number {
  return quantileOfSorted(sortedCopy(values), q);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** P(X ≤ k) for X ~ Binomial(n, 1/2). */
function binomialHalfCdf(n: number, k: number): number {
  let term = 0.5 ** n;
  let total = 0;
  for (let i = 0; i <= k; i++) {
    total += term;
    term = (term * (n - i)) / (i + 1);
  }
  return total;
}

/**
 * Distribution-free confidence interval for a median from order statistics: [x(k), x(n+1−k)] covers
 * the median with probability 1 − 2·P(Binomial(n, ½) < k) (Conover, Practical Nonparametric
 * Statistics, §3.2). Below six values no k reaches 95%, so the interval is [min, max] and `level`
 * says what it achieves (93.75% for five).
 */
export function medianInterval(values: readonly number[], confidence = 0.95): Interval {
  const sorted = sortedCopy(values);
  const n = sorted.length;
  if (n === 0) return { low: NaN, high: NaN, level: 0 };
  let k = 1;
  while (k + 1 <= n / 2 && 2 * binomialHalfCdf(n, k) <= 1 - confidence) k++;
  return { low: sorted[k - 1]!, high: sorted[n - k]!, level: 1 - 2 * binomialHalfCdf(n, k - 1) };
}

/**
 * Null distribution of the Mann–Whitney U statistic for sample sizes n and m without ties:
 * `probabilities[u] = P(U = u)`, by the recurrence of Mann & Whitney (1947),
 * p(n, m, u) = n/(n+m)·p(n−1, m, u−m) + m/(n+m)·p(n, m−1, u).
 */
function mannWhitneyNullDistribution(n: number, m: number): Float64Array {
  // rows[j] holds the distribution for (i, j) while i sweeps 0..n.
  let previous: Float64Array[] = [];
  for (let i = 0; i <= n; i++) {
    const current: Float64Array[] = [];
    for (let j = 0; j <= m; j++) {
      const distribution = new Float64Array(i * j + 1);
      if (i === 0 || j === 0) distribution[0] = 1;
      else {
        const fromI = previous[j]!;
        const fromJ = current[j - 1]!;
        for (let u = 0; u <= i * j; u++) {
          const a = u - j >= 0 && u - j < fromI.length ? fromI[u - j]! : 0;
          const b = u < fromJ.length ? fromJ[u]! : 0;
          distribution[u] = (i / (i + j)) * a + (j / (i + j)) * b;
        }
      }
      current.push(distribution);
    }
    previous = current;
  }
  return previous[m]!;
}

/** Largest sample sizes for which exact Mann–Whitney probabilities are computed. */
const EXACT_LIMIT = 50;

/**
 * Hodges–Lehmann estimate of the ratio `current / baseline` with Moses' distribution-free
 * confidence interval (Hollander & Wolfe, Nonparametric Statistical Methods, §4.3), computed on
 * the n·m pairwise ratios: the estimate is their median, the interval runs from the C-th smallest
 * to the C-th largest, C taken from the exact Mann–Whitney null distribution. For five runs a
 * side that is the 3rd and 23rd of 25 ratios, a 96.8% interval.
 */
export function ratioEstimate(
  baseline: readonly number[],
  current: readonly number[],
  confidence = 0.95,
): { median: number; interval: Interval } {
  const n = baseline.length;
  const m = current.length;
  const ratios: number[] = [];
  for (const b of baseline) for (const c of current) ratios.push(c / b);
  ratios.sort(ascending);
  const estimate = quantileOfSorted(ratios, 0.5);
  if (n === 0 || m === 0) return { median: NaN, interval: { low: NaN, high: NaN, level: 0 } };

  let count: number; // C: the interval is [ratios[C−1], ratios[n·m − C]]
  let tail: number; // P(U < C), one side
  if (n <= EXACT_LIMIT && m <= EXACT_LIMIT) {
    const null_ = mannWhitneyNullDistribution(n, m);
    count = 0;
    tail = 0;
    while (count < (n * m) / 2 && tail + null_[count]! <= (1 - confidence) / 2) tail += null_[count++]!;
  } else {
    const z = normalQuantile(1 - (1 - confidence) / 2);
    count = Math.floor((n * m) / 2 - z * Math.sqrt((n * m * (n + m + 1)) / 12));
    tail = (1 - confidence) / 2;
  }
  // With too few values no pair of order statistics reaches the level: the widest interval is all we can say.
  if (count === 0) {
    const null_ = n <= EXACT_LIMIT && m <= EXACT_LIMIT ? mannWhitneyNullDistribution(n, m) : undefined;
    const level = null_ ? 1 - 2 * null_[0]! : 0;
    return { median: estimate, interval: { low: ratios[0]!, high: ratios[n * m - 1]!, level } };
  }
  return {
    median: estimate,
    interval: { low: ratios[count - 1]!, high: ratios[n * m - count]!, level: 1 - 2 * tail },
  };
}
