import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pauseFigures } from '../src/measure/child/pauses.js';
import type { ModeResult, RunSample } from '../src/results/result.js';
import { measurementWarnings, modeRatios, summarizeMode } from '../src/results/summary.js';

function run(opsPerSec: number, allocatedBytesPerOp: number, pausesMs: number[]): RunSample {
  const ops = opsPerSec / 2;
  return {
    ops,
    elapsedMs: 500,
    cpuMs: 600,
    opsPerSec,
    latencyNs: { p50: 1e9 / opsPerSec, p99: 2e9 / opsPerSec, max: 4e9 / opsPerSec },
    latencyStride: 1,
    latencySamples: ops,
    gc: pauseFigures(
      pausesMs.map((durationMs) => ({ durationMs, kind: 'minor' as const })),
      ops,
    ),
    gcPausesMs: pausesMs,
    memory: {
      allocatedBytesPerOp,
      allocatedMethod: 'gc-profiler',
      retainedBytes: 0,
      peakHeapUsedBytes: 1e6,
      heapGrowthBytes: 0,
      arrayBuffersBytes: 0,
      externalBytes: 0,
      rssBytes: 5e7,
    },
    allocationPassOps: ops / 16,
  };
}

function mode(runs: RunSample[]): ModeResult {
  return { checksum: '1', runs, summary: summarizeMode(runs) };
}

test('pauses pool across runs: counts and totals add up, max and p99 over every pause', () => {
  const summary = summarizeMode([run(1000, 100, [1, 2]), run(1000, 100, [4])]);
  assert.equal(summary.ops, 1000);
  assert.deepEqual(summary.gc.pauseMs, { total: 7, max: 4, p99: 3.96 });
  assert.equal(summary.gc.pauseMsPerKop, 7);
  assert.deepEqual(summary.gc.byKind.minor, { count: 3, pauseMs: 7 });
  assert.equal(summary.cpuMsPerKop, 1200);
});

test('a mode against heap: throughput ratio, pause and allocation ratios', () => {
  const heap = mode([run(1000, 200, [2]), run(1000, 200, [2])]);
  const arena = mode([run(3000, 0, []), run(3000, 0, [])]);
  const comparison = modeRatios(heap, arena);
  assert.equal(comparison.opsPerSecRatio.median, 3);
  assert.equal(comparison.gcPauseRatio, 0);
  assert.equal(comparison.allocatedBytesRatio, 0);
  // From nothing to something has no finite ratio.
  assert.equal(modeRatios(arena, heap).gcPauseRatio, null);
});

for (const [name, heapRuns, arenaRuns, expected] of [
  ['clean measurements', [run(1000, 200, [1])], [run(2000, 0, [])], []],
  ['a heap mode V8 optimised away', [run(1000, 0, [])], [run(2000, 0, [])], [/^heap mode shows no allocation/]],
  [
    'collections with no allocation',
    [run(1000, 200, [1])],
    [run(2000, 0, [0.5, 0.5])],
    [/^arena mode collected 2 times while timed but allocated nothing/],
  ],
] as [string, RunSample[], RunSample[], RegExp[]][]) {
  test(`warnings for ${name}`, () => {
    const warnings = measurementWarnings({ heap: mode(heapRuns), arena: mode(arenaRuns) }, 'heap');
    assert.equal(warnings.length, expected.length, warnings.join('\n'));
    expected.forEach((pattern, i) => assert.match(warnings[i]!, pattern));
  });
}

test('a single mode that allocates nothing is no escape-analysis trap; hooks explain its collections', () => {
  assert.deepEqual(measurementWarnings({ heap: mode([run(1000, 0, [])]) }, 'heap'), []);
  const hooked = mode([run(1000, 0, [0.5])]);
  hooked.summary.memory.allocatedMethod = 'used-heap-per-operation';
  assert.deepEqual(measurementWarnings({ heap: mode([run(1000, 200, [1])]), drain: hooked }, 'heap'), []);
  assert.deepEqual(measurementWarnings({ drain: hooked, heap: mode([run(1000, 200, [1])]) }, 'drain'), []);
});
