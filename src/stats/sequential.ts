/**
 * A group-sequential rule for paired log-ratios that arrive a few at a time: look after each group,
 * stop a metric once it is decided, and keep the chance of a false verdict over all looks at most
 * the test's share of α.
 *
 * Each of the family's `gatedTests` tests gets α/m (Bonferroni across tests: no test waits for the
 * others). That share is spent over the looks by an alpha-spending function (Lan & DeMets 1983,
 * "Discrete sequential boundaries for clinical trials", Biometrika 70) of the Kim–DeMets power
 * family α(t) = (α/m)·t^ρ (Kim & DeMets 1987, "Design and analysis of group sequential tests based
 * on the type I error spending rate function", Biometrika 74), t = n / maxPairs the information
 * fraction; ρ = 3 is close to O'Brien–Fleming's boundary, which spends almost nothing early
 * (Jennison & Turnbull, "Group Sequential Methods with Applications to Clinical Trials", 2000,
 * ch. 7). The levels of the looks are the increments α(tₖ) − α(tₖ₋₁), and they are combined by the
 * union bound, not by the joint distribution of the looks' statistics: conservative, and valid
 * under any dependence, which a trimmed-mean t on overlapping data does not make easy to model.
 *
 * A look decides when its test is significant at the look's level ℓ and the change is beyond the
 * threshold (regressed or improved), or when the 1 − 2ℓ interval lies inside ±threshold (unchanged:
 * the two one-sided tests of an equivalence at level ℓ, Schuirmann 1987, J. Pharmacokinet.
 * Biopharm. 15). Each look tests its pairs with the Tukey–McLaughlin trimmed-mean t (./paired.ts).
 * Why: docs/statistics.md, "Sequential decisions".
 */
import { studentTCdf } from './distributions.js';
import { trimmedSpread } from './paired.js';
import { tTest } from './tests.js';

export interface SequentialDesign {
  /** The family-wise error rate of the whole gate. */
  alpha: number;
  /** How many tests share α: every gated metric of every mode of every case the invocation decides. */
  gatedTests: number;
  /** The first look; the trimmed-mean t needs two pairs at least. */
  minPairs: number;
  /** The last scheduled look: all of a test's α is spent there. */
  maxPairs: number;
  /** The power of the spending function α·t^ρ: higher spends later. */
  rho: number;
}

/** The power of the spending function by default: close to O'Brien–Fleming (Jennison & Turnbull 2000, ch. 7). */
export const DEFAULT_RHO = 3;
/** Looks grow by at most this factor: frequent enough to stop soon after a change is clear, few enough to spend little each. */
export const LOOK_GROWTH = 1.4;
/** Share trimmed at each end of the pairs' log-ratios, as compare's paired test. */
const TRIM = 0.2;

function checkDesign({ alpha, gatedTests, minPairs, maxPairs, rho }: SequentialDesign): void {
  const valid =
    alpha > 0 &&
    alpha < 1 &&
    Number.isInteger(gatedTests) &&
    gatedTests >= 1 &&
    Number.isInteger(minPairs) &&
    minPairs >= 2 &&
    Number.isInteger(maxPairs) &&
    maxPairs >= minPairs &&
    rho > 0;
  if (!valid)
    throw new RangeError(`invalid sequential design ${JSON.stringify({ alpha, gatedTests, minPairs, maxPairs, rho })}`);
}

/**
 * The pair counts at which the rule looks: minPairs, then geometric steps of at most ×1.4 that end
 * exactly at maxPairs (4 → 32: 4, 5, 7, 10, 13, 18, 24, 32).
 */
export function lookSchedule(design: SequentialDesign): number[] {
  checkDesign(design);
  const { minPairs, maxPairs } = design;
  const steps = Math.max(1, Math.ceil(Math.log(maxPairs / minPairs) / Math.log(LOOK_GROWTH)));
  const looks: number[] = [];
  for (let i = 0; i <= steps; i++) {
    const pairs = i === steps ? maxPairs : Math.round(minPairs * (maxPairs / minPairs) ** (i / steps));
    if (pairs > (looks.at(-1) ?? 0)) looks.push(pairs);
  }
  return looks;
}

/** α spent by one test once it has `pairs` pairs: (α/m)·min(1, n/maxPairs)^ρ. */
function spent({ alpha, gatedTests, maxPairs, rho }: SequentialDesign, pairs: number): number {
  return (alpha / gatedTests) * Math.min(1, pairs / maxPairs) ** rho;
}

/** The level of the test at a look with `pairs` pairs after one with `previousPairs` (0 at the first): what it spends. */
export function lookLevel(design: SequentialDesign, previousPairs: number, pairs: number): number {
  checkDesign(design);
  return Math.max(0, spent(design, pairs) - spent(design, previousPairs));
}

export type SequentialVerdict = 'regressed' | 'improved' | 'unchanged' | 'undecided';

export interface SequentialDecision {
  /** `inconclusive`: the last look, and still undecided. */
  verdict: SequentialVerdict | 'inconclusive';
  /** The pairs of the look that decided, or of the last look. */
  pairs: number;
  /** That look's level ℓ. */
  level: number;
  /** Relative change of the trimmed mean of the log-ratios: 0.1 is 10% higher. */
  change: number;
  /** Relative; the 1 − 2ℓ interval when unchanged (the equivalence's), otherwise the 1 − ℓ interval. */
  interval: [number, number];
  /** Half the width of the 1 − ℓ interval on the log scale, relative: the change the look could resolve. */
  halfWidth: number;
  /** Two-sided p-value of the look's test, unadjusted. */
  pValue: number;
}

/** One look at the first `pairs` log-ratios, spending `level`. */
function look(
  logRatios: readonly number[],
  pairs: number,
  level: number,
  thresholdPercent: number,
  better: 'higher' | 'lower',
): SequentialDecision {
  const spread = trimmedSpread(logRatios.slice(0, pairs), TRIM);
  const { centre } = spread;
  const untested = { pairs, level, change: Math.expm1(centre), pValue: NaN };
  if (spread.df < 1 || !(level > 0)) {
    return { ...untested, verdict: 'undecided', interval: [-1, Infinity], halfWidth: Infinity };
  }
  const standardError = Math.sqrt(spread.variance / spread.n);
  const test = tTest(centre, standardError, spread.df, 1 - level);
  const relative = (low: number, high: number): [number, number] => [Math.expm1(low), Math.expm1(high)];
  const tested = {
    ...untested,
    interval: relative(test.interval.low, test.interval.high),
    halfWidth: Math.expm1((test.interval.high - test.interval.low) / 2),
    pValue: test.pValue,
  };
  const beyond = Math.abs(tested.change) * 100 >= thresholdPercent;
  if (test.pValue < level && beyond) {
    const worse = better === 'higher' ? centre < 0 : centre > 0;
    return { ...tested, verdict: worse ? 'regressed' : 'improved' };
  }
  // The two one-sided tests at ℓ, against log(1 − threshold) and log(1 + threshold).
  const low = thresholdPercent < 100 ? Math.log1p(-thresholdPercent / 100) : -Infinity;
  const high = Math.log1p(thresholdPercent / 100);
  const equivalent =
    standardError === 0
      ? centre >= low && centre <= high
      : studentTCdf((low - centre) / standardError, spread.df) <= level &&
        studentTCdf((centre - high) / standardError, spread.df) <= level;
  if (equivalent) {
    const interval = tTest(centre, standardError, spread.df, 1 - 2 * level).interval;
    return { ...tested, verdict: 'unchanged', interval: relative(interval.low, interval.high) };
  }
  return { ...tested, verdict: 'undecided' };
}

/**
 * Replay every look the log-ratios (in pair order) have reached, and return the first that decided,
 * or the last. `final`: the case ends here (its budget, or maxPairs), so its last n is a look too,
 * and it spends all of the test's α/m that the looks before it left; a metric still undecided there
 * is inconclusive. The union bound holds for that look when where the budget stops does not depend
 * on these log-ratios (the clock's, and weakly the case's other modes', whose decisions shorten its
 * rounds); stopping because a metric is decided only ends its looks.
 */
export function sequentialDecision(
  design: SequentialDesign,
  logRatios: readonly number[],
  thresholdPercent: number,
  better: 'higher' | 'lower',
  final: boolean,
): SequentialDecision {
  const n = logRatios.length;
  const looks = lookSchedule(design).filter((pairs) => pairs <= n);
  if (final && n > (looks.at(-1) ?? 0)) looks.push(n);
  let previous = 0;
  let last: SequentialDecision | undefined;
  for (const [index, pairs] of looks.entries()) {
    const level =
      final && index === looks.length - 1
        ? design.alpha / design.gatedTests - spent(design, previous)
        : lookLevel(design, previous, pairs);
    last = look(logRatios, pairs, level, thresholdPercent, better);
    if (last.verdict !== 'undecided') return last;
    previous = pairs;
  }
  const result = last ?? look(logRatios, n, 0, thresholdPercent, better);
  return { ...result, verdict: final ? 'inconclusive' : 'undecided' };
}
