/** `compare` replaying run --against's sequential rule, and the runner's view of a case after each round. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareResults } from '../src/compare/compare.js';
import { DEFAULT_PAIRED_THRESHOLDS, type MetricName } from '../src/compare/metrics.js';
import { type Comparison, DEFAULT_COMPARE_OPTIONS } from '../src/compare/model.js';
import { sequentialCaseDecisions } from '../src/compare/sequential.js';
import { methodNotes, throughputResolution } from '../src/reporters/document/comparison-words.js';
import {
  type CaseResult,
  type ResultFile,
  type RunSample,
  readResultFile,
  writeResultFile,
} from '../src/results/result.js';
import type { SequentialDesign } from '../src/stats/sequential.js';
import { resultFile } from './fixtures/results.js';

const DESIGN: SequentialDesign = { alpha: 0.05, gatedTests: 18, minPairs: 4, maxPairs: 32, rho: 3 };
// The 10% drop of test/sequential.test.ts: regressed at the look of 10 pairs.
const DROP = [
  -0.1, -0.088, -0.111, -0.136, -0.118, -0.14, -0.098, -0.046, -0.12, -0.125, -0.08, -0.086, -0.096, -0.137, -0.101,
  -0.072, -0.154, -0.118, -0.176, -0.152,
];

// Noisy and near zero: undecided at every look, even the last with all that is left of α/m.
const NOISY = [-0.045, 0.154, 0.134, -0.127, -0.095, -0.129, 0.035];

/** The two files of one run --against: `pairs` replicates, head's ops/s base's × e^logRatios, allocation alike. */
function againstFiles(
  pairs: number,
  design: SequentialDesign | null = DESIGN,
  logRatios: readonly number[] = DROP,
): [ResultFile, ResultFile] {
  const base = Array.from({ length: pairs }, (_, i) => 1000 * (1 + ((i * 7) % 5) / 20));
  const side = (ops: number[]) =>
    resultFile([
      {
        name: 'buffers',
        modes: {
          heap: {
            opsPerSec: ops,
            cpuNsPerOp: ops.map((value) => 1e9 / value),
            allocatedBytesPerOp: ops.map(() => 10_000),
            latencyP99Ns: ops.map(() => 50_000),
          },
        },
      },
    ]);
  const files: [ResultFile, ResultFile] = [side(base), side(base.map((value, i) => value * Math.exp(logRatios[i]!)))];
  for (const file of files) {
    if (design) file.settings.sequential = design;
    const entry = file.scenarios[0]!;
    entry.pairing = 'run-1';
    entry.modes.heap!.runs.forEach((run, i) => (run.pair = i));
  }
  return files;
}

function compare([baseline, current]: [ResultFile, ResultFile]): Comparison {
  return compareResults(
    [{ baseline: { label: 'r.base.json', result: baseline }, current: { label: 'r.json', result: current } }],
    DEFAULT_COMPARE_OPTIONS,
  );
}

const metricOf = (comparison: Comparison, metric: MetricName) =>
  comparison.pairs[0]!.cases[0]!.metrics.find((entry) => entry.metric === metric)!;

test('compare replays the sequential rule on the gated metrics of a paired case: decided at 10 pairs', () => {
  const comparison = compare(againstFiles(12));
  const ops = metricOf(comparison, 'opsPerSec');
  assert.equal(ops.verdict, 'regressed');
  assert.equal(ops.reason, 'significant, beyond the 3% threshold; decided at 10 pairs, level 0.000056');
  assert.deepEqual(ops.look, { pairs: 10, level: 5.569458007812499e-5 });
  assert.ok(Math.abs(ops.change! - -0.10595574249964274) < 1e-9);
  assert.ok(Math.abs(ops.pValue! - 1.1430706775999767e-5) < 1e-11);
  assert.ok(Math.abs(ops.adjustedPValue! - (ops.pValue! * 0.05) / ops.look!.level) < 1e-12);
  // Allocation the same in every pair: unchanged at the first look.
  const allocated = metricOf(comparison, 'allocatedBytesPerOp');
  assert.equal(allocated.verdict, 'unchanged');
  assert.equal(allocated.reason, 'its interval lies inside ±5%; decided at 4 pairs, level 0.0000054');
  // Outside the gate: the moderated paired test as before, its own family, not gating.
  const cpu = metricOf(comparison, 'cpuNsPerOp');
  assert.deepEqual([cpu.gated, cpu.look, cpu.verdict], [false, undefined, 'regressed']);
  assert.deepEqual([comparison.method.gatedTests, comparison.method.tests], [2, 4]);
  assert.equal(comparison.gatingRegressions, 1);
  assert.deepEqual(comparison.pairs[0]!.sequential, DESIGN);
  assert.match(
    methodNotes(comparison).join('\n'),
    /Paired runs stopped by the sequential rule: each gated metric decided at the first look \(4, 5, 7, 10, 13, 18, 24, 32 pairs, and where the run stopped\) .* α\/18 a test spent as \(n\/32\)\^3 \(Lan & DeMets 1983\)/,
  );
  assert.match(throughputResolution(comparison)!, /^The ops\/s interval \(at their look's level\) was ±/);
});

test('where the run stopped undecided, the verdict is inconclusive with the change it could resolve', () => {
  const comparison = compare(againstFiles(7, DESIGN, NOISY));
  const ops = metricOf(comparison, 'opsPerSec');
  assert.equal(ops.verdict, 'inconclusive');
  // The last look spends all that the looks before it left of α/18: 0.05/18 · (1 − (5/32)³).
  assert.match(ops.reason, /^undecided at the last look, 7 pairs, level 0\.0028: changes within ±\d+% not resolved$/);
});

/** A case's runs per mode, as the runner holds them while it measures. */
function runsByMode(entry: CaseResult): Map<string, RunSample[]> {
  return new Map(Object.entries(entry.modes).map(([mode, result]) => [mode, result.runs]));
}

test('the runner after each round: undecided until the look of 10, then every gated metric of the mode decided', () => {
  const [base7, head7] = againstFiles(7);
  assert.deepEqual(
    sequentialCaseDecisions(
      DESIGN,
      runsByMode(base7.scenarios[0]!),
      runsByMode(head7.scenarios[0]!),
      ['opsPerSec', 'allocatedBytesPerOp'],
      DEFAULT_PAIRED_THRESHOLDS,
    ),
    { heap: { decided: false, verdicts: { opsPerSec: 'undecided', allocatedBytesPerOp: 'unchanged' } } },
  );
  const files = againstFiles(10);
  const decisions = sequentialCaseDecisions(
    DESIGN,
    runsByMode(files[0].scenarios[0]!),
    runsByMode(files[1].scenarios[0]!),
    ['opsPerSec', 'allocatedBytesPerOp', 'retainedBytes'],
    DEFAULT_PAIRED_THRESHOLDS,
  );
  assert.deepEqual(decisions, {
    heap: {
      decided: true,
      verdicts: { opsPerSec: 'regressed', allocatedBytesPerOp: 'unchanged', retainedBytes: 'unchanged' },
    },
  });
  // compare of the files it stopped at reaches the same verdicts.
  const comparison = compare(files);
  assert.equal(metricOf(comparison, 'opsPerSec').verdict, 'regressed');
  assert.equal(metricOf(comparison, 'allocatedBytesPerOp').verdict, 'unchanged');
});

test("--alpha given to compare replaces the run's α in the replay, as it does for every other test", () => {
  const [baseline, current] = againstFiles(12);
  const strict = compareResults(
    [{ baseline: { label: 'r.base.json', result: baseline }, current: { label: 'r.json', result: current } }],
    { ...DEFAULT_COMPARE_OPTIONS, alpha: 0.001 },
  );
  const ops = metricOf(strict, 'opsPerSec');
  // At α = 0.05 the look of 10 decided; at 0.001 it does not, and the last look (12 pairs) spends
  // what the looks before it left of 0.001/18.
  assert.equal(ops.look!.pairs, 12);
  assert.ok(Math.abs(ops.look!.level - (0.001 / 18) * (1 - (10 / 32) ** 3)) < 1e-12);
  assert.equal(strict.pairs[0]!.sequential!.alpha, 0.001);
});

test("a mode decided before its case stopped is replayed at its looks' own levels, not spending what α is left", () => {
  // The mode was decided at the look of 10 and took no more pairs; the case went on to 12 rounds.
  const files = againstFiles(10);
  for (const file of files) file.scenarios[0]!.stopped = { reason: 'budget', pairs: 12, elapsedMs: 1000 };
  const ops = metricOf(compare(files), 'opsPerSec');
  assert.equal(ops.verdict, 'regressed');
  assert.deepEqual(ops.look, { pairs: 10, level: 5.569458007812499e-5 });
  // Stricter, the look of 10 does not decide: inconclusive there, at that look's own level of 0.001/18.
  const strict = metricOf(
    compareResults(
      [{ baseline: { label: 'r.base.json', result: files[0] }, current: { label: 'r.json', result: files[1] } }],
      { ...DEFAULT_COMPARE_OPTIONS, alpha: 0.001 },
    ),
    'opsPerSec',
  );
  assert.equal(strict.verdict, 'inconclusive');
  assert.equal(strict.look!.pairs, 10);
  assert.ok(Math.abs(strict.look!.level - (0.001 / 18) * ((10 / 32) ** 3 - (7 / 32) ** 3)) < 1e-15);
});

test('the method notes say when base and head shared one V8 heap, and only then', () => {
  for (const isolation of ['shared', 'worker'] as const) {
    const files = againstFiles(12);
    for (const file of files)
      file.settings.pairing = { method: 'same-process', isolation, sliceMs: 25, budgetMs: 60_000 };
    const notes = methodNotes(compare(files)).join('\n');
    assert.equal(/Paired runs in one V8 heap/.test(notes), isolation === 'shared', notes);
  }
});

test('files without a sequential design, or with different ones, get the fixed-sample tests as before', () => {
  const older = compare(againstFiles(12, null));
  assert.equal(metricOf(older, 'opsPerSec').look, undefined);
  assert.equal(older.pairs[0]!.sequential, undefined);
  const [base, head] = againstFiles(12);
  head.settings.sequential = { ...DESIGN, maxPairs: 64 };
  assert.equal(metricOf(compare([base, head]), 'opsPerSec').look, undefined);
  // The same design, but entries of two different runs: not paired, nothing to replay.
  const [other, current] = againstFiles(12);
  other.scenarios[0]!.pairing = 'run-0';
  const unpaired = compare([other, current]);
  assert.deepEqual([unpaired.pairs[0]!.test, unpaired.pairs[0]!.sequential], ['runs', undefined]);
});

test('a result file with a sequential design is valid, and one without stays valid', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'arena-bench-sequential-'));
  for (const design of [DESIGN, null]) {
    const path = join(directory, `${design ? 'with' : 'without'}.json`);
    await writeResultFile(path, againstFiles(4, design)[1]);
    assert.deepEqual((await readResultFile(path)).settings.sequential, design ?? undefined);
  }
  const wrong = againstFiles(4, { ...DESIGN, minPairs: 1 })[1];
  const path = join(directory, 'wrong.json');
  await writeResultFile(path, wrong);
  await assert.rejects(readResultFile(path), /settings\.sequential\.minPairs is 1, expected a number >= 2/);
});
