/** The statistics behind `compare`, against values R prints for the same inputs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benjaminiHochbergAdjust, holmAdjust } from '../src/stats/corrections.js';
import { variance } from '../src/stats/descriptive.js';
import {
  digamma,
  normalCdf,
  studentTCdf,
  studentTQuantile,
  trigamma,
  trigammaInverse,
} from '../src/stats/distributions.js';
import { fitVariancePrior, moderatedTTests, winsorize, yuenTest } from '../src/stats/tests.js';

/** Welch's t-test (Welch 1947), what Node.js core's benchmark/compare.R uses: Yuen's test with no trimming. */
const welchTest = (baseline: number[], current: number[], confidence = 0.95, knownVariance = 0) =>
  yuenTest(baseline, current, 0, confidence, knownVariance);

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

// R's sleep data (Cushny & Peebles 1905): extra hours of sleep under two drugs.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

test("Welch's t-test on R's sleep data matches t.test(extra ~ group, data = sleep)", () => {
  // R 4.x prints: t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832 0.2054832.
  const result = welchTest(SLEEP_2, SLEEP_1);
  close(result.difference, -1.58, 1e-12, 'mean difference');
  close(result.t, -1.8608, 5e-5, 't');
  close(result.df, 17.776, 5e-4, 'df');
  close(result.pValue, 0.07939, 5e-6, 'p');
  close(result.interval.low, -3.3654832, 5e-8, 'interval low');
  close(result.interval.high, 0.2054832, 5e-8, 'interval high');
});

for (const [t, df, expected] of [
  [2.262157, 9, 0.975], // qt(0.975, 9) = 2.262157
  [-2, 5, 0.05096974], // pt(-2, 5)
  [12.7062, 1, 0.975], // qt(0.975, 1) = 12.7062
  [1.959964, Infinity, 0.975], // the normal limit
  [0, 3.5, 0.5],
] as [number, number, number][]) {
  test(`Student's t CDF at ${t} with ${df} df is ${expected} (R's pt)`, () =>
    close(studentTCdf(t, df), expected, 1e-6, 'pt'));
}

for (const [p, df, expected] of [
  [0.975, 9, 2.262157],
  [0.975, 1, 12.7062],
  // R's sleep interval above: half-width 1.7854832 over the standard error 1.58 / 1.8608134675.
  [0.025, 17.776473516, -1.7854832 / (1.58 / 1.8608134675)],
  [0.995, 1e9, 2.575829],
] as [number, number, number][]) {
  test(`Student's t quantile ${p} with ${df} df is ${expected} (R's qt)`, () =>
    close(studentTQuantile(p, df), expected, 5e-4 * Math.abs(expected), 'qt'));
}

for (const [z, expected] of [
  [-3, 0.001349898], // pnorm(-3)
  [1.959964, 0.975],
  [0, 0.5],
] as [number, number][]) {
  test(`normal CDF at ${z} is ${expected} (R's pnorm)`, () =>
    close(normalCdf(z), expected, 2e-7 * Math.max(expected, 1e-3) + 1e-10, 'pnorm'));
}

test('a known variance widens the test and needs no degrees of freedom: [0, 0] vs [1, 1] with 0.25 is z = 2', () => {
  const result = welchTest([0, 0], [1, 1], 0.95, 0.25);
  assert.equal(result.t, 2);
  assert.equal(result.df, Infinity);
  close(result.pValue, 0.04550026, 1e-7, 'p = 2·pnorm(-2)');
  close(result.interval.low, 1 - 1.959964 * 0.5, 1e-5, 'interval low');
});

test('constant sides are certain: equal means p = 1, different means p = 0; one run a side cannot be tested', () => {
  assert.equal(welchTest([5, 5, 5], [5, 5]).pValue, 1);
  assert.equal(welchTest([5, 5, 5], [6, 6]).pValue, 0);
  assert.ok(Number.isNaN(welchTest([5], [6, 7]).pValue));
});

for (const [p, holm, bh] of [
  // p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm") and "BH"
  [
    [0.01, 0.02, 0.03, 0.04, 0.05],
    [0.05, 0.08, 0.09, 0.09, 0.09],
    [0.05, 0.05, 0.05, 0.05, 0.05],
  ],
  // p.adjust(c(0.04, 0.01, 0.03, 0.005), …): the order of the input is kept
  [
    [0.04, 0.01, 0.03, 0.005],
    [0.06, 0.03, 0.06, 0.02],
    [0.04, 0.02, 0.04, 0.02],
  ],
  // adjusted values never exceed 1
  [
    [0.5, 0.9],
    [1, 1],
    [0.9, 0.9],
  ],
  [[], [], []],
] as [number[], number[], number[]][]) {
  test(`Holm and Benjamini–Hochberg of [${p}] match R's p.adjust`, () => {
    holmAdjust(p).forEach((value, i) => close(value, holm[i]!, 1e-12, `holm[${i}]`));
    benjaminiHochbergAdjust(p).forEach((value, i) => close(value, bh[i]!, 1e-12, `BH[${i}]`));
  });
}

test("Yuen's test trims 20% at each end: [1, 2, 3, 4, 100] vs [2, 3, 4, 5, 6], worked by hand", () => {
  // Trimmed means 3 and 4; winsorized [2, 2, 3, 4, 4] and [3, 3, 4, 5, 5] both have variance 1, so
  // each d = (n − 1)·1 / (h·(h − 1)) = 4 / 6; t = 1 / √(4/3); df = (4/3)² / (2·(2/3)² / 2) = 4.
  const result = yuenTest([1, 2, 3, 4, 100], [2, 3, 4, 5, 6]);
  close(result.difference, 1, 1e-12, 'difference of trimmed means');
  close(result.t, 1 / Math.sqrt(4 / 3), 1e-12, 't');
  close(result.df, 4, 1e-12, 'df');
  close(result.pValue, 2 * studentTCdf(-1 / Math.sqrt(4 / 3), 4), 1e-12, 'p');
  // Welch on the same values is swamped by the one outlier.
  assert.ok(welchTest([1, 2, 3, 4, 100], [2, 3, 4, 5, 6]).difference < -15);
});

test('winsorizing replaces the outer 20% by the nearest kept value', () => {
  assert.deepEqual(winsorize([5, 1, 100, 3, 2, 4, 6, 7, 8, 9], 0.2), [3, 3, 3, 4, 5, 6, 7, 8, 8, 8]);
});

for (const [x, psi, psi1] of [
  [1, -0.5772156649015329, Math.PI ** 2 / 6], // −γ and ζ(2)
  [0.5, -1.9635100260214235, Math.PI ** 2 / 2], // −γ − 2 ln 2 and 3ζ(2)
  [10, 2.251752589066721, 0.10516633568168575], // R: digamma(10), trigamma(10)
] as [number, number, number][]) {
  test(`digamma(${x}) = ${psi.toFixed(6)} and trigamma(${x}) = ${psi1.toFixed(6)}`, () => {
    close(digamma(x), psi, 1e-11, 'digamma');
    close(trigamma(x), psi1, 1e-11, 'trigamma');
  });
}

test('trigammaInverse undoes trigamma', () => {
  for (const x of [0.01, 0.3, 1, 2.5, 40, 5000]) close(trigammaInverse(trigamma(x)), x, 1e-6 * x, `x = ${x}`);
});

test('a variance prior needs three positive variances; equal variances give it infinite weight', () => {
  assert.equal(fitVariancePrior([1, 2], [4, 4]), undefined);
  assert.equal(fitVariancePrior([1, 0, 2], [4, 4, 4]), undefined);
  const equal = fitVariancePrior([2, 2, 2, 2], [8, 8, 8, 8])!;
  assert.equal(equal.df, Infinity);
  assert.equal(equal.variance, 2);
});

test("without a prior, a moderated test is Student's: R's t.test(extra ~ group, data = sleep, var.equal = TRUE)", () => {
  // R 4.x prints: t = -1.8608, df = 18, p-value = 0.07919, 95% CI -3.363874 0.203874.
  const [result] = moderatedTTests([{ baseline: SLEEP_2, current: SLEEP_1 }]);
  close(result!.difference, -1.58, 1e-12, 'mean difference');
  close(result!.t, -1.8608, 5e-5, 't');
  assert.equal(result!.df, 18);
  close(result!.pValue, 0.07919, 5e-6, 'p');
  close(result!.interval.low, -3.363874, 5e-7, 'interval low');
  close(result!.interval.high, 0.203874, 5e-7, 'interval high');
});

test("moderated t-tests match limma's eBayes on five rows of 3 vs 3", () => {
  // R 4.2, limma 3.54: y <- rbind(…rows below…); fit <- eBayes(lmFit(y, model.matrix(~factor(c(0,0,0,1,1,1)))))
  // df.prior 2.677731735, s2.prior 0.1903535164; coefficient 2's t, p and topTable(confint = TRUE).
  const rows = [
    [1, 2, 3, 4, 5, 6.5],
    [2, 2.5, 2.2, 2.1, 2.9, 2.4],
    [0, 1, 0.5, 1.5, 1.2, 2],
    [3, 3.1, 2.9, 3.5, 3.4, 3.9],
    [5, 5.5, 4, 5, 6, 5.2],
  ].map((row) => ({ baseline: row.slice(0, 3), current: row.slice(3) }));
  const prior = fitVariancePrior(
    rows.map(({ baseline, current }) => (variance(baseline) + variance(current)) / 2),
    rows.map(() => 4),
  )!;
  close(prior.df, 2.677731735, 1e-8, 'df.prior');
  close(prior.variance, 0.1903535164, 1e-9, 's2.prior');
  const expected = [
    { t: 4.2065557096, p: 0.004447328804, low: 1.36902977019, high: 4.9643035631 },
    { t: 0.7525107526, p: 0.477425719284, low: -0.50710746955, high: 0.9737741362 },
    { t: 2.9202731589, p: 0.023548360854, low: 0.19443567337, high: 1.93889766 },
    { t: 2.3204175395, p: 0.055104988492, low: -0.01746362542, high: 1.2174636254 },
    { t: 1.1992638847, p: 0.271242478583, low: -0.56167124129, high: 1.6950045746 },
  ];
  moderatedTTests(rows).forEach((result, i) => {
    close(result.t, expected[i]!.t, 1e-8, `t of row ${i + 1}`);
    close(result.df, 6.677731735, 1e-8, `df of row ${i + 1}`);
    close(result.pValue, expected[i]!.p, 1e-9, `p of row ${i + 1}`);
    close(result.interval.low, expected[i]!.low, 1e-8, `interval low of row ${i + 1}`);
    close(result.interval.high, expected[i]!.high, 1e-8, `interval high of row ${i + 1}`);
  });
});
