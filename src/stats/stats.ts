/**
 * Pure statistics: numbers in, numbers out. Every method names its source so a figure in the
 * output can be traced to something a reader can look up.
 */

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

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.max(...values);
}

/** P(X ≤ k) for X ~ Binomial(n, 1/2). */
function binomialHalfCdf(n: number, k: number): number {
  let term = Math.pow(0.5, n);
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
 * Hodges–Lehmann estimate of the ratio `treatment / baseline` with Moses' distribution-free
 * confidence interval (Hollander & Wolfe, Nonparametric Statistical Methods, §4.3), computed on
 * the n·m pairwise ratios: the estimate is their median, the interval runs from the C-th smallest
 * to the C-th largest, C taken from the exact Mann–Whitney null distribution. For five runs a
 * side that is the 3rd and 23rd of 25 ratios, a 96.8% interval.
 */
export function ratioEstimate(
  baseline: readonly number[],
  treatment: readonly number[],
  confidence = 0.95,
): { median: number; interval: Interval } {
  const n = baseline.length;
  const m = treatment.length;
  const ratios: number[] = [];
  for (const b of baseline) for (const t of treatment) ratios.push(t / b);
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

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

// Comparing two sets of runs (`compare`, `run --baseline`).

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : sum(values) / values.length;
}

/** Sample variance, n − 1 in the denominator. */
export function variance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  const centre = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - centre) ** 2;
  return squares / (n - 1);
}

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, nine coefficients; about 15 significant digits). */
function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let series = g[0]!;
  for (let i = 1; i < 9; i++) series += g[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/** Continued fraction of the incomplete beta function, by the modified Lentz method (Numerical Recipes, 3rd ed., §6.4). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b) (Numerical Recipes, 3rd ed., §6.4). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast only below (a + 1) / (a + b + 2); use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) above it.
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(Z ≤ z) for the standard normal, from erfc by its Chebyshev fit (Numerical Recipes, 2nd ed., §6.2; relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom; `df` may be fractional, as Welch's is, or infinite (the normal). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  if (df > 1e7) return normalCdf(t);
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t: the CDF above, inverted by bisection (it is monotone; 200 halvings reach double precision). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  if (p === 0.5) return 0;
  if (df > 1e7) return normalQuantile(p);
  let low = -1;
  let high = 1;
  while (studentTCdf(low, df) > p) low *= 2;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-13 * Math.max(1, Math.abs(low)); i++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** What a two-sample test found: Welch's, Yuen's or a moderated t-test. */
export interface TwoSampleTest {
  /** mean(treatment) − mean(baseline) (trimmed means for Yuen's test). */
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
function tTest(difference: number, standardError: number, df: number, confidence: number): TwoSampleTest {
  if (standardError === 0) {
    return { difference, interval: { low: difference, high: difference, level: 1 }, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df, pValue: difference === 0 ? 1 : 0 };
  }
  const t = difference / standardError;
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return { difference, interval: { low: difference - half, high: difference + half, level: confidence }, t, df, pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)) };
}

/** Too few values to estimate a variance: the difference stands, untested. */
function untestable(difference: number, confidence: number): TwoSampleTest {
  return { difference, interval: { low: -Infinity, high: Infinity, level: confidence }, t: NaN, df: NaN, pValue: NaN };
}

/** Welch's unequal-variances t-test (Welch 1947): what Node.js core's benchmark/compare.R uses. Yuen's test below with no trimming. */
export function welchTest(baseline: readonly number[], treatment: readonly number[], confidence = 0.95, knownVariance = 0): TwoSampleTest {
  return yuenTest(baseline, treatment, 0, confidence, knownVariance);
}

/** The values with the `trim` share at each end replaced by the nearest value kept (winsorized), in sorted order. */
export function winsorize(values: readonly number[], trim: number): number[] {
  const sorted = sortedCopy(values);
  const g = Math.floor(trim * sorted.length);
  return sorted.map((value, i) => (i < g ? sorted[g]! : i >= sorted.length - g ? sorted[sorted.length - g - 1]! : value));
}

/** Trimmed mean, the squared standard error Yuen gives it, and how many values it keeps. */
function trimmedSummary(values: readonly number[], trim: number): { centre: number; squaredError: number; kept: number } {
  const n = values.length;
  const g = Math.floor(trim * n);
  const kept = n - 2 * g;
  const sorted = sortedCopy(values);
  return { centre: mean(sorted.slice(g, n - g)), squaredError: ((n - 1) * variance(winsorize(sorted, trim))) / (kept * (kept - 1)), kept };
}

/**
 * Yuen's test (Yuen 1974; Wilcox, Introduction to Robust Estimation and Hypothesis Testing, §5.3):
 * Welch's test on trimmed means, with winsorized variances and Welch–Satterthwaite degrees of
 * freedom on the values kept. A run slowed by a neighbour on a shared machine is an outlier on one
 * side only; trimming 20% at each end keeps such runs from swamping a real shift, at a small cost
 * in power when the noise is normal. With `trim` 0 it is exactly Welch's test. When both sides are
 * constant the answer is certain: p = 1 if they are equal, 0 if not.
 *
 * `knownVariance` is added to the variance of the difference as a component known in advance, not
 * estimated, so it adds no uncertainty to the degrees of freedom (a random-effects model with a
 * known between-session variance; Satterthwaite 1946 for the degrees of freedom of the estimated
 * part): `compare` puts there the drift between measuring sessions that runs of one session cannot show.
 */
export function yuenTest(baseline: readonly number[], treatment: readonly number[], trim = 0.2, confidence = 0.95, knownVariance = 0): TwoSampleTest {
  const n = baseline.length;
  const m = treatment.length;
  const a = trimmedSummary(baseline, trim);
  const b = trimmedSummary(treatment, trim);
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

/** ψ(x), the digamma function, x > 0: recurrence up to x ≥ 10, then the asymptotic series (Abramowitz & Stegun 6.3.18). */
export function digamma(x: number): number {
  let shift = 0;
  for (; x < 10; x++) shift -= 1 / x;
  const f = 1 / (x * x);
  return shift + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/** ψ′(x), the trigamma function, x > 0 (Abramowitz & Stegun 6.4.12, with the recurrence 6.4.6). */
export function trigamma(x: number): number {
  let shift = 0;
  for (; x < 10; x++) shift += 1 / (x * x);
  const f = 1 / (x * x);
  return shift + 1 / x + f / 2 + (f / x) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f / 30)));
}

/** ψ″(x), x > 0 (the series above, differentiated once more). */
function tetragamma(x: number): number {
  let shift = 0;
  for (; x < 10; x++) shift -= 2 / (x * x * x);
  const f = 1 / (x * x);
  return shift - f * (1 + 1 / x + f * (1 / 2 - f * (1 / 6 - f * (1 / 6 - (3 / 10) * f))));
}

/** The x > 0 with ψ′(x) = y, by Newton's method on 1/ψ′ as limma's trigammaInverse does (Smyth 2004). */
export function trigammaInverse(y: number): number {
  if (y > 1e7) return 1 / Math.sqrt(y);
  if (y < 1e-6) return 1 / y;
  let x = 0.5 + 1 / y;
  for (let i = 0; i < 50; i++) {
    const tri = trigamma(x);
    const step = (tri * (1 - tri / y)) / tetragamma(x);
    x += step;
    if (-step / x < 1e-8) break;
  }
  return x;
}

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
export interface SamplePair {
  baseline: readonly number[];
  treatment: readonly number[];
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
export function moderatedTTests(rows: readonly SamplePair[], confidence = 0.95): TwoSampleTest[] {
  const testable = ({ baseline, treatment }: SamplePair) => baseline.length >= 2 && treatment.length >= 2;
  // Squares about the mean; exactly zero for equal values, where the mean itself may have rounded.
  const squares = (values: readonly number[]) => (values.every((value) => value === values[0]) ? 0 : variance(values) * (values.length - 1));
  const pooled = rows.map((row) => {
    const df = row.baseline.length + row.treatment.length - 2;
    return { df, variance: testable(row) ? (squares(row.baseline) + squares(row.treatment)) / df : NaN };
  });
  const fitted = pooled.filter((_, i) => testable(rows[i]!));
  const prior = fitVariancePrior(
    fitted.map(({ variance }) => variance),
    fitted.map(({ df }) => df),
  ) ?? { variance: 0, df: 0 };
  const totalDf = fitted.reduce((total, { df }) => total + df, 0);
  return rows.map((row, i) => {
    const { baseline, treatment } = row;
    const difference = mean(treatment) - mean(baseline);
    if (!testable(row)) return untestable(difference, confidence);
    const { df, variance: own } = pooled[i]!;
    const moderated = prior.df === Infinity ? prior.variance : (prior.df * prior.variance + df * own) / (prior.df + df);
    const standardError = Math.sqrt(moderated * (1 / baseline.length + 1 / treatment.length));
    return tTest(difference, standardError, Math.min(prior.df + df, totalDf), confidence);
  });
}

/**
 * Holm's step-down adjustment (Holm 1979; R's p.adjust "holm"): controls the chance of even one false
 * finding among all tests, whatever their dependence. Adjusted p = max over j ≤ i of (m − j + 1)·p(j).
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjustment (Benjamini & Hochberg 1995; R's p.adjust "BH"): controls the
 * expected share of false findings among the findings. Adjusted p = min over j ≥ i of m·p(j)/j.
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[b]! - pValues[a]!);
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach((index, reverseRank) => {
    running = Math.min(running, (m * pValues[index]!) / (m - reverseRank));
    adjusted[index] = running;
  });
  return adjusted;
}
