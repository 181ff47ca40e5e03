import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteChanges } from '../src/compare/allocation-sites.js';
import type { AllocationSite, AllocationSites } from '../src/results/result.js';

const site = (functionName: string, url: string, line: number, bytesPerOp: number): AllocationSite => ({
  functionName,
  url,
  line,
  column: 1,
  bytesPerOp,
  share: 0,
  stack: [],
});
const sites = (list: AllocationSite[]): AllocationSites => ({
  samplingIntervalBytes: 4096,
  profiledOps: 1000,
  sampledBytesPerOp: list.reduce((total, entry) => total + entry.bytesPerOp, 0),
  sites: list,
});

test('new sites and sites grown beyond the threshold, most bytes added first; moved lines and folders still match', () => {
  const baseline = sites([
    site('build', 'file:///ci/main/src/batch.mjs', 20, 1000),
    site('parse', 'file:///ci/main/src/batch.mjs', 40, 1000),
    site('tiny', 'file:///ci/main/a.mjs', 1, 10),
  ]);
  const current = sites([
    site('build', 'file:///ci/pr/src/batch.mjs', 24, 1040),
    site('parse', 'file:///ci/pr/src/batch.mjs', 44, 1500),
    site('parseHeader', 'file:///ci/pr/src/http.mjs', 40, 2000),
    site('tiny', 'file:///ci/pr/a.mjs', 1, 30),
  ]);
  assert.deepEqual(
    siteChanges(baseline, current, 5).map(({ site: changed, baselineBytesPerOp }) => [
      changed.functionName,
      baselineBytesPerOp,
    ]),
    [
      ['parseHeader', null],
      ['parse', 1000],
    ],
  );
});
