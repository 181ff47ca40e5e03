import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTimeline, evenlySpacedIndices, HeapSampler, type TimelinePause } from '../src/measure/child/timeline.js';
import { pauseHistogram, sparkline } from '../src/reporters/document/pause-bins.js';

for (const [length, max, expected] of [
  [5, 10, [0, 1, 2, 3, 4]],
  [5, 5, [0, 1, 2, 3, 4]],
  [10, 4, [0, 3, 6, 9]],
  [11, 3, [0, 5, 10]],
  [400, 2, [0, 399]],
  [7, 1, [0]],
  [0, 5, []],
  [5, 0, []],
] as [number, number, number[]][]) {
  test(`evenlySpacedIndices(${length}, ${max}) keeps the ends and spreads the rest`, () => {
    assert.deepEqual(evenlySpacedIndices(length, max), expected);
  });
}

/** Drive a sampler the way the timed loop does: `iterations` passes, a sample whenever the countdown hits 0. */
function drive(sampler: HeapSampler, iterations: number): number[] {
  sampler.record(0);
  for (let i = 1; i <= iterations; i++) if (--sampler.countdown === 0) sampler.record(i);
  sampler.record(iterations + 1);
  return Array.from(sampler.atMs.subarray(0, sampler.length));
}

for (const [maxPoints, expected, iterations, lengthAtMost] of [
  [10, 100, 100, 20],
  [10, 100, 10_000, 20],
  [10, 10_000, 100, 20],
  [200, 5_000, 37_000, 400],
  [1_000_000, 100, 100, 204],
] as [number, number, number, number][]) {
  test(`a sampler for ${maxPoints} points, expecting ${expected} iterations, over ${iterations}: bounded, spanning the whole loop`, () => {
    const sampler = new HeapSampler(maxPoints, expected);
    const times = drive(sampler, iterations);
    assert.ok(times.length <= lengthAtMost, `${times.length} samples kept, at most ${lengthAtMost}`);
    assert.ok(times.length >= 2, 'at least the first and the last');
    assert.equal(times[0], 0, 'the window start is kept through every halving');
    assert.equal(times[times.length - 1], iterations + 1, 'the last sample is the window end');
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'in time order',
    );
    assert.ok(
      Array.from(sampler.heapUsedBytes.subarray(0, sampler.length)).every((bytes) => bytes > 0),
      'real heap readings',
    );
  });
}

test('a sampler for 0 points records nothing and never counts down to a sample', () => {
  const sampler = new HeapSampler(0, 5_000);
  assert.deepEqual(drive(sampler, 1_000), []);
  assert.equal(sampler.countdown, Infinity);
});

const pauses: TimelinePause[] = [
  { startMs: 1000.5, durationMs: 0.2, kind: 'minor' },
  { startMs: 1010, durationMs: 3.25, kind: 'major' },
  { startMs: 1020, durationMs: 0.1, kind: 'minor' },
  { startMs: 1030.1234567, durationMs: 1.5, kind: 'incremental' },
];

test('buildTimeline: times from the window start, at most maxPoints samples, the longest pauses in time order', () => {
  const sampler = new HeapSampler(10, 10);
  drive(sampler, 30);
  const timeline = buildTimeline(1000, sampler, pauses, 3)!;
  assert.equal(timeline.atMs.length, 3);
  assert.equal(timeline.heapUsedBytes.length, 3);
  assert.equal(timeline.externalBytes.length, 3);
  assert.deepEqual(timeline.atMs, [-1000, timeline.atMs[1], 31 - 1000]);
  assert.deepEqual(timeline.pauses, {
    startMs: [0.5, 10, 30.123],
    durationMs: [0.2, 3.25, 1.5],
    kind: ['minor', 'major', 'incremental'],
  });
  assert.equal(timeline.omittedPauses, 1);
});

test('buildTimeline keeps every pause within the bound, and is absent for 0 points', () => {
  const sampler = new HeapSampler(10, 10);
  drive(sampler, 5);
  assert.equal(buildTimeline(1000, sampler, pauses, 10)!.pauses.startMs.length, 4);
  assert.equal(buildTimeline(1000, sampler, pauses, 10)!.omittedPauses, 0);
  assert.equal(buildTimeline(1000, sampler, pauses, 0), undefined);
});

for (const [pausesMs, counts] of [
  [[], [0, 0, 0, 0, 0, 0, 0, 0]],
  [
    [0.05, 0.1, 0.11, 0.3, 0.9, 1, 2, 4, 9.9, 10, 10.1, 250],
    [2, 1, 1, 2, 1, 1, 2, 2],
  ],
] as [number[], number[]][]) {
  test(`pauseHistogram(${JSON.stringify(pausesMs)}): an edge belongs to the bin below it`, () => {
    assert.deepEqual(pauseHistogram(pausesMs), counts);
  });
}

for (const [counts, line] of [
  [[0, 0, 0], ''],
  [[8, 4, 1, 0, 0, 2], '█▄▁  ▂'],
  [[1, 1000], '▁█'],
  [[3], '█'],
  [[5, 10, 0, 0, 0, 0, 0, 10], '▄█     █'],
] as [number[], string][]) {
  test(`sparkline(${JSON.stringify(counts)}) is "${line}"`, () => {
    assert.equal(sparkline(counts), line);
  });
}
