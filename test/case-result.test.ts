/** A case as measured → its entry in the result file: the fields in the file's order, the warnings in theirs, a failure. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HeapConfiguration } from '../src/measure/child/sample.js';
import type { MeasuredCase } from '../src/measure/model.js';
import type { Case } from '../src/plan/plan.js';
import { caseEntry } from '../src/results/case-result.js';
import { around, resultFile } from './fixtures/results.js';

const runsAt = (opsPerSec: number, allocatedBytesPerOp = 10_000) =>
  resultFile([
    {
      name: 'buffers',
      modes: { heap: { opsPerSec: around(opsPerSec), allocatedBytesPerOp: around(allocatedBytesPerOp) } },
    },
  ]).scenarios[0]!.modes.heap!.runs;

const HEAP = { newSpaceCapacityBytes: 16_777_216 } as HeapConfiguration;

function planned(unverified?: string): Case {
  return {
    loaded: {
      scenario: { name: 'buffers', description: '', modes: { heap: () => () => 0, arena: () => () => 0 } },
      moduleUrl: 'file:///suite/buffers.js',
      source: 'builtin',
      ...(unverified ? { unverified } : {}),
    },
    params: { messages: 10 },
    modes: ['heap', 'arena'],
    baseline: 'heap',
    variant: { v8Flags: [], runtime: { path: null, execPath: '/usr/bin/node', version: 'v20.20.2', v8: '11.3' } },
  };
}

function measured(change: Partial<MeasuredCase> = {}): MeasuredCase {
  return {
    planned: planned(),
    timeMs: 500,
    heap: HEAP,
    checksums: { heap: ['7', '8'], arena: ['7', '8'] },
    runs: new Map([
      ['heap', runsAt(1000)],
      ['arena', runsAt(4000)],
    ]),
    profiles: new Map([
      ['heap', []],
      ['arena', []],
    ]),
    hookedModes: [],
    warnings: [],
    ...change,
  };
}

const SETTINGS = { allocationProfile: false };

test('a measured case: its fields in the order result files have them, each mode against the baseline mode', () => {
  const { caseResult, allocationProfiles } = caseEntry(measured(), SETTINGS);
  assert.deepEqual(Object.keys(caseResult), [
    'name',
    'source',
    'params',
    'timeMs',
    'variant',
    'runtime',
    'status',
    'warnings',
    'modes',
    'comparison',
  ]);
  assert.deepEqual(caseResult.runtime, { node: 'v20.20.2', v8: '11.3', heap: HEAP });
  assert.deepEqual(Object.keys(caseResult.modes.heap!), ['checksum', 'runs', 'summary']);
  assert.equal(caseResult.modes.arena!.checksum, '7');
  assert.deepEqual(Object.keys(caseResult.comparison!.against), ['arena']);
  assert.deepEqual(caseResult.warnings, []);
  assert.equal(allocationProfiles, undefined);
});

test('a same-process case: where it stopped after the modes, its pairing id last', () => {
  const stopped = { reason: 'decided' as const, pairs: 10, elapsedMs: 1234 };
  const { caseResult } = caseEntry(measured({ stopped, pairing: 'id-1' }), SETTINGS);
  assert.deepEqual(Object.keys(caseResult).slice(-4), ['modes', 'stopped', 'comparison', 'pairing']);
  assert.deepEqual(caseResult.stopped, stopped);
  assert.equal(caseResult.pairing, 'id-1');
});

test('the warnings: unverified, per-operation hooks, what measuring noticed, then what the runs show', () => {
  const { caseResult } = caseEntry(
    measured({
      planned: planned('tinybench tasks return nothing'),
      runs: new Map([
        ['heap', runsAt(1000, 0)],
        ['arena', runsAt(4000)],
      ]),
      hookedModes: ['arena'],
      warnings: ['noticed'],
    }),
    SETTINGS,
  );
  assert.deepEqual(Object.keys(caseResult).slice(6, 9), ['status', 'verified', 'unverifiedReason']);
  assert.equal(caseResult.warnings.length, 4);
  assert.equal(caseResult.warnings[0], 'not verified: tinybench tasks return nothing');
  assert.match(caseResult.warnings[1]!, /^mode "arena" runs hooks around every operation: /);
  assert.equal(caseResult.warnings[2], 'noticed');
  assert.match(caseResult.warnings[3]!, /^heap mode shows no allocation: /);
});

test('a failed case: the error last but for its pairing id, no modes, only what measuring noticed', () => {
  const { caseResult, allocationProfiles } = caseEntry(
    measured({ error: 'mode "arena" (run 2) threw: boom', warnings: ['noticed'], pairing: 'id-2' }),
    { allocationProfile: true },
  );
  assert.deepEqual(Object.keys(caseResult).slice(-5), ['status', 'warnings', 'modes', 'error', 'pairing']);
  assert.equal(caseResult.status, 'failed');
  assert.deepEqual(caseResult.warnings, ['noticed']);
  assert.deepEqual(caseResult.modes, {});
  assert.equal(allocationProfiles, undefined);
});

test('a case without a kept run has no heap in its runtime', () => {
  const { caseResult } = caseEntry(measured({ heap: undefined, error: 'checksum verification failed: x' }), SETTINGS);
  assert.deepEqual(caseResult.runtime, { node: 'v20.20.2', v8: '11.3' });
});
