/**
 * The statistics of `compare`, checked by simulation rather than by timing: synthetic suites drawn
 * with a seeded PRNG and the noise measured on a shared 2-core machine (docs/statistics.md, "Measured error
 * rates"), compared many times, counting false alarms and detections.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareResults } from '../src/compare/compare.js';
import type { LabeledResult } from '../src/compare/model.js';
import { poolResults } from '../src/compare/sessions.js';
import type { ResultFile, RunSample } from '../src/results/result.js';
import { mulberry32 } from './random.js';

function normal(random: () => number): number {
  // Box–Muller.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Noise per metric as measured across sessions of the built-in suite (log scale; the larger of a
 * busy and a quiet machine's): `run` is the spread of runs within a session, `session` the drift of
 * a session's mean. For the time metrics `run` is the spread of undisturbed runs (from the median
 * difference between a session's two runs); disturbed ones come from INTERFERENCE below. Drift is
 * drawn per scenario between 0 and twice the measured root mean square, so some scenarios drift
 * more than the test assumes, as real ones do.
 */
const NOISE = {
  opsPerSec: { value: 10_000, run: 0.023, session: 0.027 },
  cpuNsPerOp: { value: 100_000, run: 0.024, session: 0.039 },
  latencyP99Ns: { value: 200_000, run: 0.078, session: 0.11 },
  gcPauseMsPerKop: { value: 5, run: 0.15, session: 0.094 },
  gcMaxPauseMs: { value: 2, run: 0.56, session: 0.26 },
  allocatedBytesPerOp: { value: 150_000, run: 0.01, session: 0.002 },
  retainedBytes: { value: 20_000_000, run: 0.06, session: 0.015 },
} as const;
type Metric = keyof typeof NOISE;

const SCENARIOS = 9;
const MODES = ['heap', 'arena'] as const;

interface Injection {
  scenario: number;
  /** Multipliers of the metrics' true values in the heap mode of the current sessions. */
  factors: Partial<Record<Metric, number>>;
}

/**
 * What a neighbour on a shared machine does to a run: it only ever slows it down. Measured over the
 * runs of the rates measurements (docs/statistics.md, "Measured error rates"): 1–11% of runs were more than 20%
 * slower than their scenario's median, against 0–3% more than 10% faster. Here one run in ten is
 * slowed by a half-normal factor (median 22%); CPU time per op, which preemption does not reach,
 * takes half of it on the log scale.
 */
const INTERFERENCE = { probability: 0.1, logSd: 0.3 };

function drawRun(random: () => number, values: Record<Metric, number>, runNoise: Record<Metric, number>): RunSample {
  const slowed = random() < INTERFERENCE.probability ? Math.abs(INTERFERENCE.logSd * normal(random)) : 0;
  const draw = (metric: Metric, slowdown = 0) =>
    values[metric] * Math.exp(runNoise[metric] * normal(random) + slowdown);
  return {
    ops: 1000,
    cpuMs: (draw('cpuNsPerOp', slowed / 2) * 1000) / 1e6,
    opsPerSec: draw('opsPerSec', -slowed),
    latencyNs: { p50: 0, p99: draw('latencyP99Ns', slowed), max: 0 },
    gc: { pauseMsPerKop: draw('gcPauseMsPerKop'), pauseMs: { total: 0, max: draw('gcMaxPauseMs'), p99: 0 } },
    memory: { allocatedBytesPerOp: draw('allocatedBytesPerOp'), retainedBytes: draw('retainedBytes') },
  } as unknown as RunSample;
}

/** One side: `sessions` files of `runs` runs per mode, pooled the way `compare` pools a directory. */
function drawSide(
  random: () => number,
  sessions: number,
  runs: number,
  drift: number[],
  injection?: Injection,
): LabeledResult {
  const files: LabeledResult[] = [];
  for (let session = 0; session < sessions; session++) {
    const scenarios = new Map<string, Record<string, { runs: RunSample[] }>>();
    for (let s = 0; s < SCENARIOS; s++) {
      const modes: Record<string, { runs: RunSample[] }> = {};
      for (const mode of MODES) {
        const values = {} as Record<Metric, number>;
        const runNoise = {} as Record<Metric, number>;
        for (const metric of Object.keys(NOISE) as Metric[]) {
          const noise = NOISE[metric];
          // The arena mode allocates nothing and never collects: those metrics are zero in both files.
          const zero =
            mode === 'arena' &&
            (metric === 'gcPauseMsPerKop' || metric === 'gcMaxPauseMs' || metric === 'allocatedBytesPerOp');
          const factor = (injection?.scenario === s && mode === 'heap' && injection.factors[metric]) || 1;
          values[metric] = zero
            ? 0
            : noise.value * factor * Math.exp(drift[s]! * (noise.session / NOISE.opsPerSec.session) * normal(random));
          runNoise[metric] = noise.run;
        }
        (modes[mode] ??= { runs: [] }).runs.push(
          ...Array.from({ length: runs }, () => drawRun(random, values, runNoise)),
        );
      }
      scenarios.set(`s${s}`, modes);
    }
    const result = {
      createdAt: '2026-01-01T00:00:00.000Z',
      complete: true,
      environment: {
        node: 'v20.0.0',
        v8: '11',
        platform: 'linux',
        arch: 'x64',
        cpuModel: 'cpu',
        cpuCount: 2,
        execArgv: [],
      },
      settings: { runs, timeMs: 500, warmupMs: 200 },
      scenarios: [...scenarios].map(([name, modes]) => ({ name, params: {}, status: 'ok', warnings: [], modes })),
    } as unknown as ResultFile;
    files.push({ label: `session ${session + 1}`, result });
  }
  return poolResults(files);
}

interface Outcome {
  anyRegression: boolean;
  injectedFound: boolean;
}

function simulate(
  seed: number,
  trials: number,
  sessions: number,
  runs: number,
  injection?: Omit<Injection, 'scenario'>,
): Outcome[] {
  const random = mulberry32(seed);
  const outcomes: Outcome[] = [];
  for (let trial = 0; trial < trials; trial++) {
    // Per-scenario session drift of ops/s, uniform on [0, 2 × 2.7%]; other metrics scale with it.
    const drift = Array.from({ length: SCENARIOS }, () => 2 * NOISE.opsPerSec.session * random());
    const target = injection ? { ...injection, scenario: trial % SCENARIOS } : undefined;
    const comparison = compareResults([
      { baseline: drawSide(random, sessions, runs, drift), current: drawSide(random, sessions, runs, drift, target) },
    ]);
    const rows = comparison.pairs[0]!.cases;
    const injectedRow = target && rows.find((row) => row.key.name === `s${target.scenario}` && row.mode === 'heap');
    outcomes.push({
      // What fails the check: regressions of the gate's metrics (ops/s and allocation by default).
      anyRegression: comparison.gatingRegressions > 0,
      injectedFound: Boolean(
        injectedRow?.metrics.some(
          (metric) => metric.metric in target!.factors && metric.gated && metric.verdict === 'regressed',
        ),
      ),
    });
  }
  return outcomes;
}

const rate = (outcomes: Outcome[], pick: (outcome: Outcome) => boolean) =>
  outcomes.filter(pick).length / outcomes.length;

// A 15% throughput drop from more work per operation: ops/s × 0.85 and CPU time per op × 1/0.85.
const SLOWDOWN = { opsPerSec: 0.85, cpuNsPerOp: 1 / 0.85 };

test('unchanged code, 5 interleaved sessions of 2 runs a side (the CI recipe): false alarms in at most 1 of 20 comparisons', () => {
  const alarms = rate(simulate(1, 200, 5, 2), (outcome) => outcome.anyRegression);
  assert.ok(alarms <= 0.05, `false-alarm rate ${alarms}`);
});

test('unchanged code, one session of 5 runs a side (run --baseline): false alarms in at most 1 of 20', () => {
  const alarms = rate(simulate(2, 200, 1, 5), (outcome) => outcome.anyRegression);
  assert.ok(alarms <= 0.05, `false-alarm rate ${alarms}`);
});

test('a 15% throughput drop in one scenario is found in at least 9 of 10 comparisons of 5 sessions a side', () => {
  const found = rate(simulate(3, 200, 5, 2, { factors: SLOWDOWN }), (outcome) => outcome.injectedFound);
  assert.ok(found >= 0.9, `detection rate ${found}`);
});

test('a 10% allocation increase in one scenario is found in at least 9 of 10 comparisons, even in one session', () => {
  for (const [seed, sessions, runs] of [
    [4, 5, 2],
    [5, 1, 5],
  ] as const) {
    const found = rate(
      simulate(seed, 200, sessions, runs, { factors: { allocatedBytesPerOp: 1.1 } }),
      (outcome) => outcome.injectedFound,
    );
    assert.ok(found >= 0.9, `detection rate ${found} with ${sessions} session(s) of ${runs} runs`);
  }
});
