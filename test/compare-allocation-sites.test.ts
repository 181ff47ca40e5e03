import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteChanges, survivorChanges } from '../src/compare/allocation-sites.js';
import { compareResults } from '../src/compare/compare.js';
import { DEFAULT_COMPARE_OPTIONS } from '../src/compare/model.js';
import { allocationRegressionNotes } from '../src/reporters/document/allocation-notes.js';
import type { AllocationSite, AllocationSites, ResultFile } from '../src/results/result.js';
import { around, resultFile } from './fixtures/results.js';

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

const surviving = (functionName: string, bytesPerOp: number, survivedBytesPerOp: number): AllocationSite => ({
  ...site(functionName, 'file:///app/src/batch.mjs', 10, bytesPerOp),
  survivedBytesPerOp,
  survival: survivedBytesPerOp / bytesPerOp,
});
const withSurvival = (list: AllocationSite[]): AllocationSites => ({
  ...sites(list),
  survival: {
    profiledOps: 1000,
    sampledBytesPerOp: list.reduce((total, entry) => total + entry.survivedBytesPerOp!, 0),
    majorCollections: 0,
    youngBytesPerOpAtMajors: 0,
    youngBytesPerOpAtEnd: 0,
  },
});

test('sites whose surviving bytes are new or grew beyond the threshold; none without survival on both sides', () => {
  const baseline = withSurvival([
    surviving('keep', 1000, 100),
    surviving('temp', 1000, 0),
    surviving('same', 500, 500),
  ]);
  const current = withSurvival([
    surviving('keep', 1000, 900),
    surviving('temp', 1000, 300),
    surviving('same', 500, 510),
  ]);
  assert.deepEqual(
    survivorChanges(baseline, current, 5)!.map(({ site: changed, baselineBytesPerOp }) => [
      changed.functionName,
      baselineBytesPerOp,
    ]),
    [
      ['keep', 100],
      ['temp', 0],
    ],
  );
  assert.equal(survivorChanges(sites(baseline.sites), current, 5), undefined);
});

/** One heap mode whose sites are `list`, its GC pause per 1000 ops around `pause`. */
function fileWith(list: AllocationSite[], pause: number): ResultFile {
  const file = resultFile([
    { name: 'buffers', modes: { heap: { opsPerSec: around(1000), gcPauseMsPerKop: around(pause) } } },
  ]);
  file.scenarios[0]!.modes.heap!.allocationSites = withSurvival(list);
  return file;
}

for (const [pause, notes] of [
  [
    40,
    [
      'buffers, mode heap: GC pause per 1000 ops +100%: surviving bytes grew at keep (/app/src/batch.mjs:10) 100 B → 900 B/op',
    ],
  ],
  [20, []],
] as const) {
  test(`a GC pause per 1000 ops of 20 → ${pause} ms ${notes.length ? 'names' : 'does not name'} the sites whose survivors grew`, () => {
    const comparison = compareResults(
      [
        {
          baseline: { label: 'base.json', result: fileWith([surviving('keep', 1000, 100)], 20) },
          current: { label: 'head.json', result: fileWith([surviving('keep', 1000, 900)], pause) },
        },
      ],
      DEFAULT_COMPARE_OPTIONS,
    );
    assert.deepEqual(allocationRegressionNotes(comparison), notes);
  });
}
