import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeapSampler } from '../src/measure/child/timeline.js';
import { LATENCY_CAPACITY, nextStride, timeSync } from '../src/measure/child/timing.js';

for (const [stride, sinceLastMs, expected] of [
  [1, 0.01, 2], // readings far too frequent: time twice as few operations
  [8, 0.2, 8], // within a factor of two of the interval: keep
  [8, 0.9, 4], // too rare: time twice as many
  [1, 5, 1], // already timing every operation
  [3, 0.6, 2],
] as [number, number, number][]) {
  test(`stride ${stride}, ${sinceLastMs} ms since the last reading (interval 0.25 ms) → ${expected}`, () => {
    assert.equal(nextStride(stride, sinceLastMs, 0.25), expected);
  });
}

test('a wildly wrong starting stride still ends with a bounded number of timer readings', () => {
  const cell = new Float64Array(1);
  const fast = () => (cell[0] = cell[0]! + 1);
  const latencies = new Float64Array(LATENCY_CAPACITY);
  // Stride 1 on a ~10 ns operation would time every one of millions of calls.
  const pass = timeSync(fast, 50, 1, latencies, new HeapSampler(0, 0));
  assert.ok(pass.latencySamples <= LATENCY_CAPACITY);
  assert.ok(pass.ops > 10 * pass.latencySamples, `${pass.ops} operations, ${pass.latencySamples} timed`);
});
