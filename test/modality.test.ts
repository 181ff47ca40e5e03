import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModeResult, RunSample } from '../src/results/result.js';
import { measurementWarnings, multimodalityWarning } from '../src/results/summary.js';
import { detectClusters } from '../src/stats/modality.js';

test('the five heap runs of the report: two clusters, split at the widest gap', () => {
  assert.deepEqual(detectClusters([3660, 3890, 3710, 6620, 6390]), { lower: [3660, 3710, 3890], upper: [6390, 6620] });
});

test('six runs, four and two', () => {
  assert.deepEqual(detectClusters([101, 99, 150, 100, 148, 102]), { lower: [99, 100, 101, 102], upper: [148, 150] });
});

for (const [name, values] of [
  ['±5% noise', [100, 95, 105, 97, 103]],
  ['±10% noise', [92, 95, 100, 105, 108, 110]],
  ['one slow run is an outlier, not a second population', [100, 101, 99, 102, 60]],
  ['two tight clusters less than 10% apart', [100, 100.2, 100.1, 104, 104.1]],
  ['too few runs to tell', [100, 101, 200]],
  ['identical runs', [100, 100, 100, 100, 100]],
  ['a gap under three times the wider cluster', [100, 110, 140, 150, 170]],
] as [string, number[]][]) {
  test(`one population: ${name}`, () => assert.equal(detectClusters(values), undefined));
}

test('a gap of exactly three times the wider cluster is two populations', () => {
  assert.deepEqual(detectClusters([100, 110, 140, 150]), { lower: [100, 110], upper: [140, 150] });
});

const runs = (opsPerSec: number[]) => opsPerSec.map((value) => ({ opsPerSec: value }) as RunSample);

test('the warning names the mode, both clusters and what to do', () => {
  assert.equal(
    multimodalityWarning('heap', runs([3660, 3890, 3710, 6620, 6390])),
    "heap mode's runs are not one population: 3.66 k, 3.71 k, 3.89 k ops/s and 6.39 k, 6.62 k ops/s, so its median and interval " +
      'describe neither. Run more (--runs 10) to see how often each happens, pin the heap sizes ' +
      '(--v8-flags "--min-semi-space-size=16 --max-semi-space-size=16"), or time the scenario longer (its minTimeMs).',
  );
  assert.equal(multimodalityWarning('heap', runs([3660, 3890, 3710, 3620, 3790])), undefined);
});

test("a result's warnings include a multimodal mode's", () => {
  const mode = (values: number[]) =>
    ({
      runs: runs(values),
      summary: { gc: { count: 0 }, memory: { allocatedBytesPerOp: 100 } },
    }) as unknown as ModeResult;
  const warnings = measurementWarnings(
    { heap: mode([100, 101, 99, 100, 102]), arena: mode([200, 204, 300, 305, 202]) },
    'heap',
  );
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^arena mode's runs are not one population: 200, 202, 204 ops\/s and 300, 305 ops\/s/);
});
