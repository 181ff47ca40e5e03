/** The check `run --against` and `run --baseline` record in their files, and `compare` deciding with it. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agreedCheck, compareOptionsFrom, recordedCheck } from '../src/cli/comparing/options.js';
import { DEFAULT_GATE, DEFAULT_PAIRED_THRESHOLDS, DEFAULT_THRESHOLDS } from '../src/compare/metrics.js';
import type { RecordedCheck, ResultFile } from '../src/results/result.js';
import { around, resultFile } from './fixtures/results.js';
import { readValidResult, runCli, temporaryDirectory } from './helpers.js';

const ALLOCATION_ONLY: RecordedCheck = {
  gate: ['allocatedBytesPerOp'],
  thresholds: { ...DEFAULT_THRESHOLDS, opsPerSec: 8 },
  pairedThresholds: { ...DEFAULT_PAIRED_THRESHOLDS, opsPerSec: 3 },
  alpha: 0.01,
  correction: 'bh',
};

test('each setting of a check comes from its flag, else from the files, else from the defaults', () => {
  assert.deepEqual(compareOptionsFrom({}), {
    thresholds: DEFAULT_THRESHOLDS,
    pairedThresholds: DEFAULT_PAIRED_THRESHOLDS,
    alpha: 0.05,
    correction: 'holm',
    gate: [...DEFAULT_GATE],
    allowEnvironmentMismatch: false,
  });
  assert.deepEqual(compareOptionsFrom({}, ALLOCATION_ONLY), {
    thresholds: ALLOCATION_ONLY.thresholds,
    pairedThresholds: ALLOCATION_ONLY.pairedThresholds,
    alpha: 0.01,
    correction: 'bh',
    gate: ['allocatedBytesPerOp'],
    allowEnvironmentMismatch: false,
  });
  // A flag replaces the recorded setting whole: --threshold opsPerSec=50 leaves the others at their defaults.
  const given = compareOptionsFrom(
    { threshold: { opsPerSec: 50 }, alpha: 0.1, correction: 'holm', gate: ['opsPerSec'] },
    ALLOCATION_ONLY,
  );
  assert.deepEqual(given.thresholds, { ...DEFAULT_THRESHOLDS, opsPerSec: 50 });
  assert.deepEqual(given.pairedThresholds, { ...DEFAULT_PAIRED_THRESHOLDS, opsPerSec: 50 });
  assert.deepEqual([given.alpha, given.correction, given.gate], [0.1, 'holm', ['opsPerSec']]);
  // Metrics a later version may add and this one does not know are left out, never passed on.
  const future = { ...ALLOCATION_ONLY, gate: ['energyPerOp'], thresholds: { energyPerOp: 1 } };
  assert.deepEqual(compareOptionsFrom({}, future).gate, [...DEFAULT_GATE]);
  assert.deepEqual(compareOptionsFrom({}, future).thresholds, DEFAULT_THRESHOLDS);
  assert.deepEqual(recordedCheck(compareOptionsFrom({}, ALLOCATION_ONLY)), ALLOCATION_ONLY);
});

test('the files agree on a check when every one that records one records the same', () => {
  const file = (check?: RecordedCheck) => {
    const result = resultFile([{ name: 'a', modes: { heap: { opsPerSec: around(1000) } } }]);
    if (check) result.settings.check = check;
    return result;
  };
  const defaults = recordedCheck(compareOptionsFrom({}));
  assert.deepEqual(agreedCheck([file(ALLOCATION_ONLY), file(ALLOCATION_ONLY)]), ALLOCATION_ONLY);
  assert.deepEqual(agreedCheck([file(), file(ALLOCATION_ONLY)]), ALLOCATION_ONLY);
  assert.equal(agreedCheck([file(ALLOCATION_ONLY), file(defaults)]), undefined);
  assert.equal(agreedCheck([file(), file()]), undefined);
});

test('compare of two files decides with the check they recorded, unless told otherwise', async () => {
  const directory = temporaryDirectory();
  const write = (name: string, opsPerSec: number, check?: RecordedCheck) => {
    const result: ResultFile = resultFile([{ name: 'a', modes: { heap: { opsPerSec: around(opsPerSec) } } }]);
    if (check) result.settings.check = check;
    const path = join(directory, name);
    writeFileSync(path, JSON.stringify(result));
    return path;
  };
  const [base, slow] = [write('base.json', 1000, ALLOCATION_ONLY), write('slow.json', 600, ALLOCATION_ONLY)];
  const recorded = await runCli(['compare', base, slow]);
  assert.equal(recorded.exitCode, 0, recorded.stderr);
  assert.match(recorded.stdout, /^arena-bench: no regression \(0 regressed, 1 regressed \(not gating\), /);
  assert.equal((await runCli(['compare', base, slow, '--gate', 'opsPerSec'])).exitCode, 1);
  // Files that disagree fall back to the defaults, whose gate holds ops/s.
  const other = write('other.json', 600, recordedCheck(compareOptionsFrom({})));
  assert.equal((await runCli(['compare', base, other])).exitCode, 1);
  assert.equal((await runCli(['report', base, slow, '--out', join(directory, 'r.html')])).exitCode, 0);
});

test('run --baseline records its check in the file it writes', async () => {
  const directory = temporaryDirectory();
  const baseline = join(directory, 'base.json');
  writeFileSync(
    baseline,
    JSON.stringify(
      resultFile([{ name: 'fixture-pair', params: { items: 200 }, modes: { heap: { opsPerSec: around(1000) } } }]),
    ),
  );
  const out = join(directory, 'head.json');
  const { exitCode, stderr } = await runCli([
    'run',
    'test/fixtures/pair.mjs',
    '--modes',
    'heap',
    '--runs',
    '1',
    '--time',
    '20',
    '--warmup',
    '10',
    '--baseline',
    baseline,
    '--gate',
    'cpuNsPerOp',
    '--alpha',
    '0.02',
    '--out',
    out,
  ]);
  assert.ok(exitCode === 0 || exitCode === 1, stderr);
  const { check } = readValidResult(out).settings;
  assert.deepEqual([check?.gate, check?.alpha, check?.correction], [['cpuNsPerOp'], 0.02, 'holm']);
});
