import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalQuantile } from '../src/stats/distributions.js';
import { median, medianInterval, quantile, ratioEstimate } from '../src/stats/order.js';

for (const [values, q, expected] of [
  [[1, 2, 3, 4], 0.5, 2.5],
  [[1, 2, 3, 4], 0.99, 3.97],
  [[1, 2, 3, 4], 0, 1],
  [[1, 2, 3, 4], 1, 4],
  [[5], 0.99, 5],
  [[4, 1, 3, 2], 0.25, 1.75],
] as [number[], number, number][]) {
  test(`quantile ${q} of [${values}] is ${expected} (type 7)`, () => {
    assert.ok(Math.abs(quantile(values, q) - expected) < 1e-12);
  });
}

test('quantile of nothing is NaN, median of an odd count is the middle value', () => {
  assert.ok(Number.isNaN(quantile([], 0.5)));
  assert.equal(median([9, 1, 5]), 5);
});

for (const [values, low, high, level] of [
  // Five values cannot reach 95%: [min, max] covers the median with 1 − 2/32.
  [[10, 11, 12, 13, 14], 10, 14, 0.9375],
  // Six values: [x(1), x(6)] reaches 1 − 2/64.
  [[1, 2, 3, 4, 5, 6], 1, 6, 0.96875],
  // Ten values: [x(2), x(9)], 1 − 2·11/1024.
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2, 9, 1 - 22 / 1024],
] as [number[], number, number, number][]) {
  test(`median interval of ${values.length} values is [${low}, ${high}] at ${level}`, () => {
    const interval = medianInterval(values);
    assert.deepEqual(interval, { low, high, level });
  });
}

test('ratio estimate of 5 vs 5: median of 25 pairwise ratios, Moses interval from the 3rd to the 23rd', () => {
  const baseline = [100, 100, 100, 100, 100];
  const current = [190, 195, 200, 205, 210];
  const { median: estimate, interval } = ratioEstimate(baseline, current);
  assert.equal(estimate, 2);
  // Sorted ratios are 1.9×5, 1.95×5, …; the 3rd is 1.9 and the 23rd is 2.1.
  assert.deepEqual([interval.low, interval.high], [1.9, 2.1]);
  // P(U ≤ 2) = 4/252 for n = m = 5.
  assert.ok(Math.abs(interval.level - (1 - 8 / 252)) < 1e-12);
});

test('ratio estimate with too few runs to reach 95% falls back to the full range and says its level', () => {
  const { interval } = ratioEstimate([10, 20], [30, 40]);
  assert.deepEqual([interval.low, interval.high], [1.5, 4]);
  assert.ok(Math.abs(interval.level - (1 - 2 / 6)) < 1e-12);
});

for (const [p, z] of [
  [0.975, 1.959963984540054],
  [0.5, 0],
  [0.01, -2.3263478740408408],
] as [number, number][]) {
  test(`normal quantile of ${p} is ${z}`, () => {
    assert.ok(Math.abs(normalQuantile(p) - z) < 1e-8);
  });
}
