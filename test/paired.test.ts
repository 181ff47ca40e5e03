import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basePathOf } from '../src/cli/run/result-file.js';
import { enoughRounds } from '../src/measure/execute.js';
import { pairRatioHalfWidthPercent, treeChecksumDisagreement } from '../src/measure/paired.js';
import { shardOf } from '../src/plan/shard.js';
import type { RunSample } from '../src/results/result.js';
import { moderatedTrimmedMeanTests, trimmedMeanTest, trimmedSpread } from '../src/stats/paired.js';

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

// Reference values from SciPy 1.17: stats.trim_mean, mstats.winsorize, stats.t (the trimci recipe).
const LOG_RATIOS = [0.01, -0.02, 0.03, 0.05, -0.01, 0.02, 0.04, 0.0, 0.1, -0.05];

test('the Tukey–McLaughlin trimmed-mean t matches the reference values', () => {
  const spread = trimmedSpread(LOG_RATIOS, 0.2);
  close(spread.centre, 0.015, 'trimmed mean of the 6 middle values');
  close(spread.variance * 0.36, 0.00047222222222222224, 'winsorized variance');
  assert.equal(spread.df, 5);
  const result = trimmedMeanTest(LOG_RATIOS, 0.2);
  close(result.t, 1.309692375196198, 't');
  close(result.pValue, 0.24724591587920686, 'p');
  close(result.interval.low, -0.014441056743396283, 'interval low');
  close(result.interval.high, 0.04444105674339628, 'interval high');
});

test('equal log-ratios are certain, one pair is untested', () => {
  assert.equal(trimmedMeanTest([0.05, 0.05, 0.05]).pValue, 0);
  assert.equal(trimmedMeanTest([0, 0, 0]).pValue, 1);
  assert.ok(Number.isNaN(trimmedMeanTest([0.1]).pValue));
});

test('the moderated trimmed-mean tests shrink each case toward the prior fitted across cases', () => {
  const rows = [
    LOG_RATIOS,
    [0.001, 0.002, 0.0, 0.003, -0.001],
    [0.2, -0.1, 0.05, 0.3, -0.2, 0.1],
    [0.02, 0.021, 0.019, 0.022, 0.018],
  ];
  // Prior from Smyth's moments: d₀ = 0.449468216677984, s₀² = 9.350217261030982e-06.
  const expected = [
    { t: 1.366854417188295, df: 5.4494682166779835, p: 0.225366345439991 },
    { t: 1.1203055075870765, df: 2.449468216677984, p: 0.3603223736837125 },
    { t: 0.7257898316234439, df: 3.449468216677984, p: 0.5141195501663358 },
    { t: 22.406110151741515, df: 2.449468216677984, p: 0.0006775750265365147 },
  ];
  moderatedTrimmedMeanTests(rows, 0.2).forEach((result, i) => {
    close(result.t, expected[i]!.t, `row ${i} t`);
    close(result.df, expected[i]!.df, `row ${i} df`);
    close(result.pValue, expected[i]!.p, `row ${i} p`);
  });
});

test('shards balance planned time by longest processing time first, deterministically', () => {
  const ms = { a: 10, b: 7, c: 6, d: 5, e: 4 } as Record<string, number>;
  const items = Object.keys(ms);
  // a → 1; b → 2; c → 3; d → 3 (6 < 7 < 10); e → 2 (7 < 10 < 11).
  assert.deepEqual(
    shardOf(items, (item) => ms[item]!, 1, 3),
    ['a'],
  );
  assert.deepEqual(
    shardOf(items, (item) => ms[item]!, 2, 3),
    ['b', 'e'],
  );
  assert.deepEqual(
    shardOf(items, (item) => ms[item]!, 3, 3),
    ['c', 'd'],
  );
  assert.deepEqual(
    shardOf(items, () => 1, 2, 2),
    ['b', 'd'],
    'equal times: round robin in order',
  );
  assert.deepEqual(
    shardOf(['a'], () => 1, 2, 2),
    [],
    'more shards than cases leaves some empty',
  );
});

test('rounds: --runs first, then until precise or --max-runs', () => {
  const fixed = { runs: 3 };
  assert.equal(
    enoughRounds(2, fixed, () => true),
    false,
  );
  assert.equal(
    enoughRounds(3, fixed, () => false),
    true,
    'without --precision, --runs is all',
  );
  const adaptive = { runs: 3, precisionPercent: 2, maxRuns: 5 };
  assert.equal(
    enoughRounds(3, adaptive, () => false),
    false,
  );
  assert.equal(
    enoughRounds(4, adaptive, () => true),
    true,
  );
  assert.equal(
    enoughRounds(5, adaptive, () => false),
    true,
    '--max-runs ends it',
  );
});

function run(opsPerSec: number, pair: number): RunSample {
  return { opsPerSec, pair } as RunSample;
}

test('the paired stopping rule reads the interval of the head/base ratio over matched pairs', () => {
  const base = [run(100, 0), run(200, 1), run(50, 2), run(100, 3)];
  const head = [run(101, 0), run(202, 1), run(50.5, 2), run(101, 3)];
  // Every pair's ratio is 1.01: the interval has no width, whatever the runs' own spread.
  close(pairRatioHalfWidthPercent(base, head), 0, 'half-width');
  assert.equal(pairRatioHalfWidthPercent(base.slice(0, 1), head), Infinity, 'one pair: no interval yet');
});

test('the two trees computing different results is said, per mode', () => {
  assert.equal(treeChecksumDisagreement({ heap: ['1'], arena: ['1'] }, { heap: ['1'], arena: ['1'] }), undefined);
  assert.match(
    treeChecksumDisagreement({ heap: ['1'], arena: ['1'] }, { heap: ['2'], arena: ['2'] })!,
    /modes heap, arena \(first checksum 1 → 2, 1 → 2\)/,
  );
});

test("the base's result file goes beside the head's", () => {
  assert.equal(basePathOf('/r/result.json'), '/r/result.base.json');
  assert.equal(basePathOf('/r.d/result'), '/r.d/result.base');
});
