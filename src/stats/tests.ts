/**
 * Two-sample tests on the log scale of a metric: Yuen's (Welch's on trimmed means) for the runs of
 * one session, the moderated t-test for sessions. Why which: docs/statistics.md, "How a verdict is
 * reached".
 */
import { mean, variance } from './descriptive.js';
import { digamma, studentTCdf, studentTQuantile, trigamma, trigammaInverse } from './distributions.js';
import { type Interval, sortedCopy } from './order.js';

/** What a two-sample test found: Welch's, Yuen's or a moderated t-test. */
export interface TwoSampleTest {
  /** mean(current) − mean(baseline) (trimmed means for Yuen's test). */
  difference: number;
  /** Confidence interval for the difference of means. */
  interval: Interval;
  t: number;
  /** Welch–Satterthwaite degrees of freedom; min(d₀ + d, Σd) for a moderated test. */
  df: number;
  /** Two-sided. NaN when a side has fewer than two values and so no variance. */
  pValue: number;
}

/** What a t-test of `difference` with this standard error and these degrees of freedom finds; a zero standard error is certain. */
export function tTest(difference: number, standardError: number, df: number, confidence: number): TwoSampleTest {
  if (standardError === 0) {
    return {
      difference,
      interval: { low: difference, high: difference, level: 1 },
      t: difference === 0 ? 0 : Math.sign(difference) * Infinity,
      df,
      pValue: difference === 0 ? 1 : 0,
    };
  }
  const t = difference / standardError;
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return {
    difference,
    interval: { low: difference - half, high: difference + half, level: confidence },
    t,
    df,
    pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)),
  };
}

/** Too few values to estimate a variance: the difference stands, untested. */
export function untestable(difference: number, confidence: number): TwoSampleTest {
  return { difference, interval: { low: -Infinity, high: Infinity, level: confidence }, t: NaN, df: NaN, pValue: NaN };
}

/** The values with the `trim` share at each end replaced by the nearest value kept (winsorized), in sorted order. */
export function winsorize(values: readonly number[], trim: number): number[] {
  const sorted = sortedCopy(values);
  const g = Math.floor(trim * sorted.length);
  return sorted.map((value, i) =>
    i < g ? sorted[g]! : i >= sorted.length - g ? sorted[sorted.length - g - 1]! : value,
  );
}

/** Trimmed mean, the squared standard error Yuen gives it, and how many values it keeps. */
function trimmedEstimate(
  values: readonly number[],
  trim: number,
): { centre: number; squaredError: number; kept: number } {
  const n = values.length;
  const g = Math.floor(trim * n);
  const kept = n - 2 * g;
  const sorted = sortedCopy(values);
  return {
    centre: mean(sorted.slice(g, n - g)),
    squaredError: ((n - 1) * variance(winsorize(sorted, trim))) / (kept * (kept - 1)),
    kept,
  };
}

/**
 * Yuen's test (Yuen 1974; Wilcox, Introduction to Robust Estimation and Hypothesis Testing, §5.3):
 * Welch's test on trimmed means, with winsorized variances and Welch–Satterthwaite degrees of
 * freedom on the values kept; with `trim` 0 it is exactly Welch's test. Constant sides are certain:
 * p = 1 if equal, 0 if not. `knownVariance` joins the variance of the difference as known, not
 * estimated (a random-effects model with a known between-session variance), so it adds nothing to
 * the degrees of freedom: `compare` puts there the session drift that runs of one session cannot
 * show (docs/statistics.md, "How a verdict is reached").
 */
export function yuenTest(
  baseline: readonly number[],
  current: readonly number[],
  trim = 0.2,
  confidence = 0.95,
  knownVariance = 0,
): TwoSampleTest {
  const n = baseline.length;
  const m = current.length;
  const a = trimmedEstimate(baseline, trim);
  const b = trimmedEstimate(current, trim);
  const difference = b.centre - a.centre;
  if (a.kept < 2 || b.kept < 2) return untestable(difference, confidence);
  const vn = a.squaredError;
  const vm = b.squaredError;
  const standardError = Math.sqrt(vn + vm + knownVariance);
  if (standardError === 0) return tTest(difference, 0, n + m - 2, confidence);
  const estimated = vn ** 2 / (a.kept - 1) + vm ** 2 / (b.kept - 1);
  return tTest(difference, standardError, estimated === 0 ? Infinity : standardError ** 4 / estimated, confidence);
}

// Moderated t-tests: many small comparisons borrowing strength from each other.

/** A scaled inverse-χ² prior for variances: `variance` s₀² with the weight of `df` d₀ degrees of freedom (Infinity: all equal). */
export interface VariancePrior {
  variance: number;
  df: number;
}

/**
 * Smyth's moment estimate of the prior that a set of sample variances s²ᵢ (each with dᵢ degrees of
 * freedom) were drawn from (Smyth 2004, "Linear models and empirical Bayes methods for assessing
 * differential expression in microarray experiments", §6.2; limma's fitFDist without covariates).
 * Zero variances are left out rather than offset from zero as limma does: here they are metrics
 * that did not vary at all, which say nothing about the spread of the others. Undefined with fewer
 * than three positive variances.
 */
export function fitVariancePrior(variances: readonly number[], dfs: readonly number[]): VariancePrior | undefined {
  const used = variances.map((value, i) => ({ value, df: dfs[i]! })).filter(({ value, df }) => value > 0 && df > 0);
  if (used.length < 3) return undefined;
  const e = used.map(({ value, df }) => Math.log(value) - digamma(df / 2) + Math.log(df / 2));
  const centre = mean(e);
  const spread = variance(e) - mean(used.map(({ df }) => trigamma(df / 2)));
  if (spread <= 0) return { variance: mean(used.map(({ value }) => value)), df: Infinity };
  const df = 2 * trigammaInverse(spread);
  return { variance: Math.exp(centre + digamma(df / 2) - Math.log(df / 2)), df };
}

/** Two samples to compare, one row of a moderated test. */
export interface SampleRow {
  baseline: readonly number[];
  current: readonly number[];
}

/**
 * Two-sample t-tests, one per row, whose pooled variances are shrunk toward a prior fitted to all
 * rows (Smyth 2004: limma's moderated t): s̃² = (d₀s₀² + d·s²) / (d₀ + d), with d₀ + d degrees of
 * freedom, capped at the rows' total as limma does. Rows measured alike (one metric across a suite's
 * scenarios) lend each other degrees of freedom, which a test on five values a side sorely lacks at
 * the small significance levels a correction for dozens of tests demands; with fewer than three
 * rows that vary there is no prior, and each row gets Student's t. A row with fewer than two values
 * a side is not tested (NaN) and does not count toward the prior.
 */
export function moderatedTTests(rows: readonly SampleRow[], confidence = 0.95): TwoSampleTest[] {
  const testable = ({ baseline, current }: SampleRow) => baseline.length >= 2 && current.length >= 2;
  // Squares about the mean; exactly zero for equal values, where the mean itself may have rounded.
  const squares = (values: readonly number[]) =>
    values.every((value) => value === values[0]) ? 0 : variance(values) * (values.length - 1);
  const pooled = rows.map((row) => {
    const df = row.baseline.length + row.current.length - 2;
    return { df, variance: testable(row) ? (squares(row.baseline) + squares(row.current)) / df : NaN };
  });
  const fitted = pooled.filter((_, i) => testable(rows[i]!));
  const prior = fitVariancePrior(
    fitted.map(({ variance }) => variance),
    fitted.map(({ df }) => df),
  ) ?? { variance: 0, df: 0 };
  const totalDf = fitted.reduce((total, { df }) => total + df, 0);
  return rows.map((row, i) => {
    const { baseline, current } = row;
    const difference = mean(current) - mean(baseline);
    if (!testable(row)) return untestable(difference, confidence);
    const { df, variance: own } = pooled[i]!;
    const moderated = prior.df === Infinity ? prior.variance : (prior.df * prior.variance + df * own) / (prior.df + df);
    const standardError = Math.sqrt(moderated * (1 / baseline.length + 1 / current.length));
    return tTest(difference, standardError, Math.min(prior.df + df, totalDf), confidence);
  });
}
