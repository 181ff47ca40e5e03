/**
 * One-sample tests on the log-ratios of paired runs (`run --against`: the base and the head measured
 * side by side, in one process or back to back). A pair's log-ratio cancels whatever the machine did to both runs of
 * the pair; what is left is tested with the Tukey–McLaughlin trimmed-mean t (Tukey & McLaughlin
 * 1963; Wilcox, "Introduction to Robust Estimation and Hypothesis Testing", 3rd ed. 2012, §4.5.3,
 * his `trimci`), whose variance is moderated across the cases of one metric as limma moderates
 * sample variances (Smyth 2004). Why: docs/statistics.md, "Paired runs".
 */
import { mean, variance } from './descriptive.js';
import { sortedCopy } from './order.js';
import { fitVariancePrior, type TwoSampleTest, tTest, untestable, winsorize } from './tests.js';

/**
 * A trimmed mean and its spread, in the form the moderation needs: `variance` is s²_w / (1 − 2γ)²,
 * so that the squared standard error is variance / n (Wilcox's `trimci`), and `df` is h − 1 for the
 * h values kept.
 */
export interface TrimmedSpread {
  centre: number;
  variance: number;
  df: number;
  n: number;
}

export function trimmedSpread(values: readonly number[], trim: number): TrimmedSpread {
  const n = values.length;
  const g = Math.floor(trim * n);
  const sorted = sortedCopy(values);
  const centre = n === 0 ? NaN : mean(sorted.slice(g, n - g));
  // Exactly zero for equal values, where the winsorized variance may round to a tiny positive number.
  const constant = sorted.every((value) => value === sorted[0]);
  const spread = n < 2 || constant ? 0 : variance(winsorize(sorted, trim)) / (1 - 2 * trim) ** 2;
  return { centre, variance: spread, df: n - 2 * g - 1, n };
}

/**
 * The Tukey–McLaughlin test that the trimmed mean of `values` is 0: t = (1 − 2γ)·√n·x̄_t / s_w with
 * h − 1 degrees of freedom. Fewer than two values kept: untested (NaN).
 */
export function trimmedMeanTest(values: readonly number[], trim = 0.2, confidence = 0.95): TwoSampleTest {
  const spread = trimmedSpread(values, trim);
  if (spread.df < 1) return untestable(spread.centre, confidence);
  return tTest(spread.centre, Math.sqrt(spread.variance / spread.n), spread.df, confidence);
}

/**
 * One trimmed-mean test per row (one case's pair log-ratios of one metric), each row's variance
 * shrunk toward the prior fitted to all rows: ṽ = (d₀s₀² + d·v) / (d₀ + d), with d₀ + d degrees of
 * freedom capped at the rows' total, as `moderatedTTests` does for two samples. The winsorized
 * variance stands in for the sample variance of limma's model; with fewer than three rows that vary
 * there is no prior and each row gets its own test.
 */
export function moderatedTrimmedMeanTests(
  rows: readonly (readonly number[])[],
  trim = 0.2,
  confidence = 0.95,
): TwoSampleTest[] {
  const spreads = rows.map((values) => trimmedSpread(values, trim));
  const fitted = spreads.filter((spread) => spread.df >= 1);
  const prior = fitVariancePrior(
    fitted.map((spread) => spread.variance),
    fitted.map((spread) => spread.df),
  ) ?? { variance: 0, df: 0 };
  const totalDf = fitted.reduce((total, spread) => total + spread.df, 0);
  return spreads.map((spread) => {
    if (spread.df < 1) return untestable(spread.centre, confidence);
    const moderated =
      prior.df === Infinity
        ? prior.variance
        : (prior.df * prior.variance + spread.df * spread.variance) / (prior.df + spread.df);
    return tTest(spread.centre, Math.sqrt(moderated / spread.n), Math.min(prior.df + spread.df, totalDf), confidence);
  });
}
