import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SamplingHeapProfile, SamplingHeapProfileNode } from '../src/measure/child/heap-profile.js';
import { profilePassOps, survivalPassOps } from '../src/measure/child/heap-profile.js';
import {
  allocationSites,
  isUserFrame,
  mergeProfiles,
  sampledTotalDisagrees,
  survivalRatio,
} from '../src/results/allocation-sites.js';
import { heapProfileName, heapProfilesDirectory } from '../src/results/heap-profiles.js';
import type { CaseResult } from '../src/results/result.js';

const TOOL = 'file:///tool/dist/src/';
const ROOTS = {
  tool: new URL(TOOL),
  measuring: new URL(`${TOOL}measure/`),
  profilePass: new URL(`${TOOL}measure/child/heap-profile.js`),
};
const SCENARIO = 'file:///app/my.scenario.mjs';

/** A node: name, url, 0-based line, self size, children; ids are given in the order written. */
function node(
  functionName: string,
  url: string,
  lineNumber: number,
  selfSize: number,
  children: SamplingHeapProfileNode[] = [],
): SamplingHeapProfileNode {
  return { callFrame: { functionName, scriptId: '1', url, lineNumber, columnNumber: 4 }, selfSize, id: 0, children };
}

function numbered(head: SamplingHeapProfileNode): SamplingHeapProfileNode {
  let next = 1;
  const visit = (n: SamplingHeapProfileNode) => {
    n.id = next++;
    n.children.forEach(visit);
  };
  visit(head);
  return head;
}

/**
 * The measuring loop calls the operation, which allocates itself, through Buffer.from in `build`
 * and in `parse` (the same internal frame, two callers); the profile pass, what Node.js allocates
 * for it and the profiler's message are left out.
 */
function fixture(): SamplingHeapProfile {
  const head = numbered(
    node('(root)', '', -1, 0, [
      node('profileAllocations', `${TOOL}measure/child/heap-profile.js`, 70, 700, [
        node('runOps', `${TOOL}measure/child/timing.js`, 73, 100, [
          node('operation', SCENARIO, 9, 3000, [
            node('build', SCENARIO, 19, 0, [
              node('from', 'node:buffer', 300, 0, [node('FastBuffer', 'node:internal/buffer', 959, 4000)]),
            ]),
            node('parse', SCENARIO, 29, 0, [node('FastBuffer', 'node:internal/buffer', 959, 2000)]),
          ]),
        ]),
        node('post', 'node:inspector', 111, 500),
        node('getHeapSpaceStatistics', 'node:v8', 209, 800),
      ]),
    ]),
  );
  return {
    head,
    samples: [
      { size: 4000, nodeId: 7, ordinal: 1 },
      { size: 3000, nodeId: 4, ordinal: 2 },
    ],
  };
}

const frame = (functionName: string, url: string, line: number) => ({ functionName, url, line, column: 5 });

test('a profile folds into sites, heaviest first, internal frames traced to the scenario', () => {
  const sites = allocationSites({ profile: fixture(), ops: 10, samplingIntervalBytes: 4096 }, 3, { roots: ROOTS });
  assert.equal(sites.sampledBytesPerOp, 910);
  assert.equal(sites.profiledOps, 10);
  assert.deepEqual(sites.sites, [
    {
      ...frame('FastBuffer', 'node:internal/buffer', 960),
      bytesPerOp: 400,
      share: 4000 / 9100,
      stack: [frame('from', 'node:buffer', 301), frame('build', SCENARIO, 20), frame('operation', SCENARIO, 10)],
      userFrame: frame('build', SCENARIO, 20),
    },
    { ...frame('operation', SCENARIO, 10), bytesPerOp: 300, share: 3000 / 9100, stack: [] },
    {
      ...frame('FastBuffer', 'node:internal/buffer', 960),
      bytesPerOp: 200,
      share: 2000 / 9100,
      stack: [frame('parse', SCENARIO, 30), frame('operation', SCENARIO, 10)],
      userFrame: frame('parse', SCENARIO, 30),
    },
  ]);
});

/** The survival pass of the fixture: `build`'s Buffers all kept, `operation`'s objects gone, a site only it sampled. */
function survivors(): SamplingHeapProfile {
  const head = numbered(
    node('(root)', '', -1, 0, [
      node('profileAllocations', `${TOOL}measure/child/heap-profile.js`, 70, 0, [
        node('runOps', `${TOOL}measure/child/timing.js`, 73, 0, [
          node('operation', SCENARIO, 9, 0, [
            node('build', SCENARIO, 19, 0, [
              node('from', 'node:buffer', 300, 0, [node('FastBuffer', 'node:internal/buffer', 959, 8000)]),
            ]),
            node('parse', SCENARIO, 29, 0, [node('FastBuffer', 'node:internal/buffer', 959, 200)]),
            node('cache', SCENARIO, 39, 600),
          ]),
        ]),
      ]),
    ]),
  );
  return { head, samples: [] };
}

const SURVIVAL = { majorCollections: 1, youngBytesAtMajors: 4000, youngBytesAtEnd: 2000 };

const BUILD = ['FastBuffer ← build', 400, 400, 1] as const;
const OPERATION = ['operation', 300, 0, 0] as const;
const PARSE = ['FastBuffer ← parse', 200, 10, 0.05] as const;
const LOOP = ['runOps', 10, 0, 0] as const;
const CACHE = ['cache', 0, 30, null] as const;

for (const [rankBy, expected] of [
  ['allocated', [BUILD, OPERATION, PARSE, LOOP, CACHE]],
  // Ties in surviving bytes go by bytes allocated.
  ['survived', [BUILD, CACHE, PARSE, OPERATION, LOOP]],
] as const) {
  test(`with the survival pass, sites carry their survivors, ranked by bytes ${rankBy}`, () => {
    const sites = allocationSites({ profile: fixture(), ops: 10, samplingIntervalBytes: 4096 }, 10, {
      roots: ROOTS,
      survived: { profile: survivors(), ops: 20, samplingIntervalBytes: 4096, ...SURVIVAL },
      rankBy,
    });
    assert.deepEqual(
      sites.sites.map((site) => [
        site.userFrame ? `${site.functionName} ← ${site.userFrame.functionName}` : site.functionName,
        site.bytesPerOp,
        site.survivedBytesPerOp,
        site.survival,
      ]),
      expected,
    );
    assert.equal(sites.rankedBy, rankBy);
    assert.deepEqual(sites.survival, {
      profiledOps: 20,
      sampledBytesPerOp: 440,
      majorCollections: 1,
      youngBytesPerOpAtMajors: 200,
      youngBytesPerOpAtEnd: 100,
    });
  });
}

for (const [allocated, survived, ratio] of [
  [100, 40, 0.4],
  [100, 130, 1],
  [0, 10, null],
] as const) {
  test(`survival of ${survived} B/op out of ${allocated} B/op: ${ratio}`, () =>
    assert.equal(survivalRatio(allocated, survived), ratio));
}

for (const [bytesPerOp, allocationOps, newSpace, timedOps, ops] of [
  // Four young generations of 32 MiB at 1 KiB/op.
  [1024, 10_000, 32 * 2 ** 20, 1_000_000, 131_072],
  [1024, 10_000, 32 * 2 ** 20, 50_000, 50_000],
  [1024, 200_000, 32 * 2 ** 20, 1_000_000, 200_000],
  [0, 50_000, 32 * 2 ** 20, 50_000, 50_000],
] as const) {
  test(`survival pass at ${bytesPerOp} B/op (allocation pass ${allocationOps}, timed ${timedOps}): ${ops} ops`, () =>
    assert.equal(survivalPassOps(bytesPerOp, allocationOps, newSpace, timedOps), ops));
}

test('merging two runs adds sizes by call frame, renumbers ids and keeps every sample on its node', () => {
  const merged = mergeProfiles([fixture(), fixture()]);
  const sites = allocationSites({ profile: merged, ops: 20, samplingIntervalBytes: 4096 }, 10, { roots: ROOTS });
  assert.deepEqual(
    sites.sites.map((site) => [site.functionName, site.bytesPerOp]),
    [
      ['FastBuffer', 400],
      ['operation', 300],
      ['FastBuffer', 200],
      ['runOps', 10],
    ],
  );
  const ids: number[] = [];
  const byId = new Map<number, SamplingHeapProfileNode>();
  const visit = (n: SamplingHeapProfileNode) => {
    ids.push(n.id);
    byId.set(n.id, n);
    n.children.forEach(visit);
  };
  visit(merged.head);
  assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(
    merged.samples.map((sample) => [byId.get(sample.nodeId)!.callFrame.functionName, sample.ordinal]),
    [
      ['FastBuffer', 1],
      ['operation', 2],
      ['FastBuffer', 3],
      ['operation', 4],
    ],
  );
});

for (const [url, user] of [
  [SCENARIO, true],
  ['/app/commonjs.scenario.js', true],
  ['node:internal/buffer', false],
  ['', false],
  ['file:///app/node_modules/lib/index.js', false],
  [`${TOOL}arena/arena.js`, false],
  ['/tool/dist/src/arena/arena.js', false],
] as const) {
  test(`${url || '(no url)'} is ${user ? '' : 'not '}the scenario's own code`, () =>
    assert.equal(isUserFrame(url, ROOTS.tool), user));
}

// At 100 B/op over a million operations, 24 414 samples: 5% + 3/√24 414 = 6.9% may be sampling.
for (const [sampled, exact, profiledOps, runs, disagrees] of [
  [100, 100, 1_000_000, 3, false],
  [106.8, 100, 1_000_000, 3, false],
  [107, 100, 1_000_000, 3, true],
  [93, 100, 1_000_000, 3, true],
  // About 300 samples: 5% + 3/√300 ≈ 22% may be sampling.
  [121, 100, 10_000, 3, false],
  [125, 100, 10_000, 3, true],
  // Two samples per run in an allocation-free mode: below what the profiler can tell.
  [24, 0, 1000, 3, false],
  [25, 0, 1000, 3, true],
  // Beyond two samples a run, but under a byte per operation: no allocation per operation.
  [0.66, 0, 26_000, 2, false],
  [1, 0, 26_000, 2, true],
] as const) {
  test(`sampled ${sampled} B/op against exact ${exact} over ${profiledOps} ops, ${runs} runs: ${disagrees ? 'disagree' : 'agree'}`, () => {
    const sites = { samplingIntervalBytes: 4096, profiledOps, sampledBytesPerOp: sampled, sites: [] };
    assert.equal(sampledTotalDisagrees(sites, exact, runs), disagrees);
  });
}

for (const [bytesPerOp, countingOps, timedOps, ops] of [
  [4096, 100, 100_000, 4000],
  [4096, 5000, 100_000, 5000],
  [1, 100, 100_000, 100_000],
  [0, 100, 50_000, 50_000],
] as const) {
  test(`profile pass at ${bytesPerOp} B/op (counting ${countingOps}, timed ${timedOps}): ${ops} ops`, () => {
    assert.equal(profilePassOps(bytesPerOp, countingOps, timedOps, 4096), ops);
  });
}

for (const [name, params, v8Flags, node, mode, file] of [
  ['fixture-split', {}, [], null, 'heap', 'fixture-split.heap'],
  [
    'message-buffering',
    { messages: 64, label: 'a b/c' },
    ['--max-semi-space-size=64'],
    '/opt/node24/bin/node',
    'arena',
    'message-buffering.messages=64.label=a_b_c.max-semi-space-size=64.node-v24.1.0.arena',
  ],
] as const) {
  test(`heap profile of ${name} ${mode}: ${file}`, () => {
    const caseResult = {
      name,
      params,
      variant: { v8Flags: [...v8Flags], node },
      runtime: { node: 'v24.1.0', v8: '13' },
    } as unknown as CaseResult;
    assert.equal(heapProfileName(caseResult, mode), file);
  });
}

test('the profiles folder is named after the result file', () => {
  assert.equal(heapProfilesDirectory('results/2026-12-01T10-00-00.json'), 'results/2026-12-01T10-00-00.heapprofiles');
  assert.equal(heapProfilesDirectory('out/run'), 'out/run.heapprofiles');
});

test('a sample whose node V8 left out of its tree is dropped from the merged profile, the others kept', () => {
  const stray = fixture();
  stray.samples.push({ size: 4704, nodeId: 9999, ordinal: 3 });
  const merged = mergeProfiles([stray]);
  assert.deepEqual(
    merged.samples.map((sample) => sample.ordinal),
    fixture().samples.map((sample) => sample.ordinal),
  );
});
