/**
 * Baseline vs current → verdicts. Pure: result files in, a `Comparison` out; the CLI reads the
 * files, prints a reporter's text and turns the verdicts into an exit code.
 *
 * Every scenario × params × variant × mode present in both files is compared on every headline
 * metric, on the logarithm of (value + floor): a ratio with a confidence interval, on the scale where
 * run-to-run noise is multiplicative. Which test depends on what each side holds:
 *
 * - Several measuring sessions a side (directories of interleaved sessions, the CI recipe): the
 *   session is the unit, because runs of one session share the machine's state. For a time metric
 *   each session gives its best run's value: whatever disturbs a shared machine only ever slows a
 *   run down, so the best is the least disturbed (Chen & Revels 2016, "Robust benchmarking in noisy
 *   environments"); for a memory metric, its mean. The sessions' values are compared with a
 *   moderated t-test (Smyth 2004; limma): five sessions a side are few, so each scenario's variance
 *   is shrunk toward what the pair's other scenarios and modes show for the same metric, which lends
 *   it the degrees of freedom a small significance level needs.
 * - One session on either side (two result files, `run --baseline`): the runs are compared with
 *   Yuen's test (Welch's t-test on 20%-trimmed means; Welch's is what Node.js core's
 *   benchmark/compare.R uses), trimmed because a run a neighbour slowed is an outlier on one side
 *   only. The drift between sessions, which runs of one session cannot show, is added as a known
 *   variance: the drift measured on a shared 2-core machine.
 *
 * The p-values of all tests made in one comparison are adjusted together (Holm 1979 by default),
 * because a suite makes dozens of tests at once and 5% of dozens is a false alarm on most pull
 * requests. A metric regressed only when its adjusted p-value is below alpha AND its change is
 * beyond the metric's threshold (Criterion.rs's noise band, benchstat's "~"): a difference can be
 * real and still too small to block a merge.
 */
import { scenarioTimeMs, type ResultFile, type RunSample, type ScenarioResult, type Settings } from '../results/result.js';
import type { ParamValue } from '../plan/scenario.js';
import { benjaminiHochbergAdjust, holmAdjust, mean, median, moderatedTTests, yuenTest, type TwoSampleTest } from '../stats/stats.js';

export type MetricName = 'opsPerSec' | 'cpuNsPerOp' | 'latencyP99Ns' | 'gcPauseMsPerKop' | 'gcMaxPauseMs' | 'allocatedBytesPerOp' | 'retainedBytes';

export interface MetricDefinition {
  name: MetricName;
  label: string;
  better: 'higher' | 'lower';
  /** `time` metrics depend on the CPU and runtime; `memory` metrics barely do, so they gate across environments too. */
  kind: 'time' | 'memory';
  /**
   * Added to every value before logs are taken, in the metric's unit: the size below which a
   * difference means nothing, so that 0 → 2 bytes is not an infinite regression. Zero where values
   * are always positive.
   */
  floor: number;
  /** Default threshold in percent: smaller changes are never regressions, however significant. */
  thresholdPercent: number;
  /**
   * Drift of a session's mean between measuring sessions (standard deviation, percent): the part
   * of the noise the runs of one session cannot show, because they share the machine's state. The
   * test on runs adds it as a known variance; sessions compared as units show it themselves.
   */
  driftPercent: number;
  read(run: RunSample): number;
}

/**
 * The headline metrics. Drift and thresholds come from sessions of the built-in suite measured on a
 * shared 2-core machine (docs/statistics.md, "Measured error rates"). Between sessions, a scenario's mean moved
 * by (root mean square over the suite's scenarios and modes; busy machine, then quiet): ops/s 2.7%
 * and 2.3%, CPU time per op 3.9% and 2.6%, p99 latency 11% and 6.3%, GC pause per op 9.4% (quiet),
 * the GC max pause 26% and 14%, allocated bytes per op 0.2% at most. The drift assumed is near the
 * 90th percentile or above: the simulation in test/compare-simulation.test.ts draws scenarios
 * drifting up to twice the busy machine's root mean square and keeps false alarms under 1 in 20 for
 * one session a side, where nothing else covers drift.
 */
export const METRICS: readonly MetricDefinition[] = [
  { name: 'opsPerSec', label: 'ops/s', better: 'higher', kind: 'time', floor: 0, thresholdPercent: 8, driftPercent: 4, read: (run) => run.opsPerSec },
  // Process CPU time (all threads, GC helpers included) per operation: time another process takes
  // from a shared machine is not in it, so it stays steady where ops/s swings (README).
  { name: 'cpuNsPerOp', label: 'CPU time per op', better: 'lower', kind: 'time', floor: 0, thresholdPercent: 8, driftPercent: 6, read: (run) => (run.ops > 0 ? (run.cpuMs * 1e6) / run.ops : 0) },
  { name: 'latencyP99Ns', label: 'latency p99', better: 'lower', kind: 'time', floor: 100, thresholdPercent: 20, driftPercent: 20, read: (run) => run.latencyNs.p99 },
  // 0.01 ms per 1000 operations is 10 ns an operation.
  { name: 'gcPauseMsPerKop', label: 'GC pause per 1000 ops', better: 'lower', kind: 'time', floor: 0.01, thresholdPercent: 15, driftPercent: 15, read: (run) => run.gc.pauseMsPerKop },
  // A pause under 0.1 ms is no one's latency problem.
  { name: 'gcMaxPauseMs', label: 'GC max pause', better: 'lower', kind: 'time', floor: 0.1, thresholdPercent: 30, driftPercent: 40, read: (run) => run.gc.pauseMs.max },
  // 16 bytes is V8's smallest heap object: one more of them per operation is the smallest real change.
  { name: 'allocatedBytesPerOp', label: 'allocated per op', better: 'lower', kind: 'memory', floor: 16, thresholdPercent: 5, driftPercent: 0.5, read: (run) => run.memory.allocatedBytesPerOp },
  // Retained heap moves by ±100–300 KiB with the JIT's own metadata, alike for runs of one session
  // (README); below zero is that noise too. Against a 4 MiB floor, that stays within the threshold.
  { name: 'retainedBytes', label: 'retained heap', better: 'lower', kind: 'memory', floor: 4 * 1024 * 1024, thresholdPercent: 10, driftPercent: 3, read: (run) => Math.max(0, run.memory.retainedBytes) },
];

export const METRIC_NAMES = METRICS.map((metric) => metric.name);

export function metricDefinition(name: MetricName): MetricDefinition {
  return METRICS.find((metric) => metric.name === name)!;
}

export const DEFAULT_THRESHOLDS = Object.fromEntries(METRICS.map((metric) => [metric.name, metric.thresholdPercent])) as Record<MetricName, number>;

export type Correction = 'holm' | 'bh';

/**
 * Share of runs trimmed at each end of each side by the test on runs: a run slowed by a neighbour
 * is an outlier on one side, and on a busy 2-core machine one run in six or so was one
 * (docs/statistics.md, "Measured error rates").
 */
export const TRIM = 0.2;

export interface CompareOptions {
  /** Percent per metric. */
  thresholds: Record<MetricName, number>;
  /** Family-wise (Holm) or false-discovery (BH) level. */
  alpha: number;
  correction: Correction;
  /** Compare time metrics even when the two files come from different machines or runtimes. */
  allowEnvironmentMismatch: boolean;
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = {
  thresholds: DEFAULT_THRESHOLDS,
  alpha: 0.05,
  correction: 'holm',
  allowEnvironmentMismatch: false,
};

/** A result file and what to call it in the output (its path). */
export interface LabeledResult {
  label: string;
  result: ResultFile;
  /** Measuring sessions pooled into `result` (one per file). Default 1. */
  sessions?: number;
  /** For pooled results: which session (0, 1, …) each run came from. With several sessions on both sides, sessions are what is compared. */
  sessionOf?: ReadonlyMap<RunSample, number>;
}

export interface ComparePair {
  baseline: LabeledResult;
  current: LabeledResult;
}

export type Verdict = 'regressed' | 'improved' | 'unchanged' | 'inconclusive' | 'not-compared';
export const VERDICTS: readonly Verdict[] = ['regressed', 'improved', 'unchanged', 'inconclusive', 'not-compared'];

export interface MetricComparison {
  metric: MetricName;
  /** Median of what each side's test compared, in the metric's unit: its runs, or its sessions' values. */
  baseline: number;
  current: number;
  /**
   * Relative change of the mean of log(value + floor), a ratio of geometric means (trimmed, for the
   * test on runs): 0.1 is 10% higher. Null when not tested.
   */
  change: number | null;
  /** 95% confidence interval of `change`, unadjusted. */
  interval: [number, number] | null;
  pValue: number | null;
  /** After the correction for all tests in the comparison. */
  adjustedPValue: number | null;
  thresholdPercent: number;
  verdict: Verdict;
  /** Why, in a few words: "significant, beyond the 10% threshold", "zero in both", … */
  reason: string;
}

/** What identifies a row of a result across files. */
export interface CaseKey {
  name: string;
  params: Record<string, ParamValue>;
  /** The matrix dimensions (V8 flag set, Node binary); `{}` in files written before variants existed. */
  variant: Record<string, unknown>;
}

export interface CaseComparison {
  key: CaseKey;
  mode: string;
  /** The two sides ran on different CPUs or runtimes: time metrics are not compared unless allowed. */
  environmentDiffers: boolean;
  metrics: MetricComparison[];
}

export interface Unmatched {
  key: CaseKey;
  /** Absent: the whole scenario entry is missing on the other side. */
  mode?: string;
  /** The side it is present in. */
  side: 'baseline' | 'current';
}

export interface FailedCase {
  key: CaseKey;
  side: 'baseline' | 'current';
  error: string;
}

export interface FileSummary {
  label: string;
  createdAt: string;
  node: string;
  v8: string;
  cpuModel: string;
  runs: number;
  sessions: number;
  timeMs: number;
  complete: boolean;
}

export interface PairComparison {
  baseline: FileSummary;
  current: FileSummary;
  /** "Node v20.11.0 → v22.3.0", … : what makes time metrics incomparable. */
  environmentDifferences: string[];
  /** Different run settings: noted, not a reason to refuse. */
  settingsDifferences: string[];
  /** How this pair's runs were tested (see the top of this file). */
  test: PairTest;
  cases: CaseComparison[];
  unmatched: Unmatched[];
  failed: FailedCase[];
}

/**
 * `sessions`: each session's best run, moderated t-test (several sessions a side); `runs`: Yuen's
 * test on the runs with the measured session drift as a known variance (one session on a side).
 */
export type PairTest = 'sessions' | 'runs';

export interface Comparison {
  pairs: PairComparison[];
  method: { trim: number; correction: Correction; alpha: number; confidence: number; tests: number };
  thresholds: Record<MetricName, number>;
  allowEnvironmentMismatch: boolean;
  counts: Record<Verdict, number>;
}

/** JSON with object keys sorted at every depth, so `{a, b}` and `{b, a}` name the same case. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function keyOf(scenario: ScenarioResult): CaseKey {
  // Defaults (no flags, own Node.js) say nothing: dropping them lets a file without variants match one with them.
  const variant = Object.fromEntries(
    Object.entries({ ...(scenario.variant as object | undefined) }).filter(
      ([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0),
    ),
  );
  return { name: scenario.name, params: scenario.params, variant };
}

function keyText(key: CaseKey): string {
  return `${key.name}\u0000${canonicalJson(key.params)}\u0000${canonicalJson(key.variant)}`;
}

/** The runtime a scenario's children ran: recorded per scenario in newer files, per file in older ones. */
function runtimeOf(scenario: ScenarioResult, file: ResultFile): { node: string; v8: string } {
  // Files written before per-scenario runtimes existed lack the field, whatever the type says.
  const runtime = scenario.runtime as ScenarioResult['runtime'] | undefined;
  return runtime ?? { node: file.environment.node, v8: file.environment.v8 };
}

function summarizeFile({ label, result, sessions }: LabeledResult): FileSummary {
  const { environment, settings } = result;
  return {
    label,
    createdAt: result.createdAt,
    node: environment.node,
    v8: environment.v8,
    cpuModel: environment.cpuModel,
    runs: settings.runs,
    sessions: sessions ?? 1,
    timeMs: settings.timeMs,
    complete: result.complete,
  };
}

function machineDifferences(baseline: ResultFile, current: ResultFile): string[] {
  const a = baseline.environment;
  const b = current.environment;
  const differences: string[] = [];
  if (a.cpuModel !== b.cpuModel) differences.push(`CPU ${a.cpuModel} → ${b.cpuModel}`);
  if (a.cpuCount !== b.cpuCount) differences.push(`${a.cpuCount} → ${b.cpuCount} CPUs`);
  if (a.platform !== b.platform || a.arch !== b.arch) differences.push(`platform ${a.platform}-${a.arch} → ${b.platform}-${b.arch}`);
  const flags = (environment: ResultFile['environment']) => environment.execArgv.join(' ') || '(none)';
  if (flags(a) !== flags(b)) differences.push(`node flags ${flags(a)} → ${flags(b)}`);
  return differences;
}

function runtimeDifferences(a: { node: string; v8: string }, b: { node: string; v8: string }): string[] {
  const differences: string[] = [];
  if (a.node !== b.node) differences.push(`Node ${a.node} → ${b.node}`);
  if (a.v8 !== b.v8) differences.push(`V8 ${a.v8} → ${b.v8}`);
  return differences;
}

function settingsDifferences(baseline: ResultFile, current: ResultFile): string[] {
  const a = baseline.settings;
  const b = current.settings;
  const differences: string[] = [];
  if (a.runs !== b.runs) differences.push(`${a.runs} → ${b.runs} runs per mode`);
  if (a.timeMs !== b.timeMs) differences.push(`${a.timeMs} → ${b.timeMs} ms per run`);
  if (a.warmupMs !== b.warmupMs) differences.push(`${a.warmupMs} → ${b.warmupMs} ms warm-up`);
  return differences;
}

/**
 * A scenario whose own run time (its `minTimeMs`) tells a different story from the files' `--time`:
 * its times changed where the files' did not, or the other way round. Older files ran `--time`.
 */
function scenarioTimeNote(before: ScenarioResult, after: ScenarioResult, a: Settings, b: Settings): string | undefined {
  const timeBefore = scenarioTimeMs(before, a);
  const timeAfter = scenarioTimeMs(after, b);
  if (timeBefore === a.timeMs && timeAfter === b.timeMs) return undefined;
  if (timeBefore !== timeAfter) return `${before.name}: ${timeBefore} → ${timeAfter} ms per run`;
  return a.timeMs !== b.timeMs ? `${before.name}: ${timeBefore} ms per run on both sides` : undefined;
}

/** One metric's test, before the correction for multiplicity decides the verdict. */
interface PendingTest {
  comparison: MetricComparison;
  better: MetricDefinition['better'];
}

function logScale(values: readonly number[], floor: number): number[] {
  // Values are clamped above zero only to keep a broken file from producing −∞; real values never get there.
  return values.map((value) => Math.log(Math.max(Math.max(value, 0) + floor, Number.MIN_VALUE)));
}

/** A metric's comparison before (or without) a test: the medians, and the verdict when there is nothing to test. */
function untested(metric: MetricDefinition, a: readonly number[], b: readonly number[], threshold: number, verdict: Verdict, reason: string): MetricComparison {
  return { metric: metric.name, baseline: median(a), current: median(b), change: null, interval: null, pValue: null, adjustedPValue: null, thresholdPercent: threshold, verdict, reason };
}

/** Write what a test found into the comparison; the verdict waits for the correction. */
function recordTest(comparison: MetricComparison, test: TwoSampleTest, unit: PairTest): void {
  comparison.change = Math.expm1(test.difference);
  if (Number.isNaN(test.pValue)) {
    const beyond = Math.abs(comparison.change) * 100 >= comparison.thresholdPercent;
    comparison.verdict = beyond ? 'inconclusive' : 'unchanged';
    comparison.reason = `too few ${unit} to test (2 a side at least)`;
    return;
  }
  comparison.interval = [Math.expm1(test.interval.low), Math.expm1(test.interval.high)];
  comparison.pValue = test.pValue;
}

/** The runs of a pooled side, grouped by the session they came from. */
function runsBySession(side: LabeledResult, runs: readonly RunSample[]): RunSample[][] {
  const groups = new Map<number, RunSample[]>();
  for (const run of runs) {
    const session = side.sessionOf!.get(run)!;
    const group = groups.get(session);
    if (group) group.push(run);
    else groups.set(session, [run]);
  }
  return [...groups.values()];
}

/**
 * One value per session, on the log scale, from its first `perSession` runs (the same number on both
 * sides). For time metrics the best run: what disturbs a shared machine only ever slows a run, so
 * the best is the least disturbed, and the best of more runs would be better by chance. For memory
 * metrics, which no neighbour moves, the mean.
 */
function sessionValues(metric: MetricDefinition, sessions: readonly RunSample[][], perSession: number): number[] {
  return sessions.map((runs) => {
    const logs = logScale(runs.slice(0, perSession).map(metric.read), metric.floor);
    if (metric.kind === 'memory') return mean(logs);
    return metric.better === 'higher' ? Math.max(...logs) : Math.min(...logs);
  });
}

/** Back from the log scale to the metric's unit: the median of a side's session values. */
function sessionMedian(metric: MetricDefinition, values: readonly number[]): number {
  return Math.max(0, Math.exp(median(values)) - metric.floor);
}

function decide(pending: PendingTest, adjusted: number, options: CompareOptions): void {
  const { comparison, better } = pending;
  const change = comparison.change!;
  comparison.adjustedPValue = adjusted;
  const beyond = Math.abs(change) * 100 >= comparison.thresholdPercent;
  const significant = adjusted < options.alpha;
  const threshold = `${comparison.thresholdPercent}% threshold`;
  if (beyond && significant) {
    const worse = better === 'higher' ? change < 0 : change > 0;
    comparison.verdict = worse ? 'regressed' : 'improved';
    comparison.reason = `significant, beyond the ${threshold}`;
  } else if (!beyond) {
    comparison.verdict = 'unchanged';
    comparison.reason = significant ? `significant but within the ${threshold}` : `within the ${threshold}`;
  } else {
    comparison.verdict = 'inconclusive';
    comparison.reason = `beyond the ${threshold} but not significant`;
  }
}

/** A metric of one case waiting for its pair's moderated test: the session values of each side. */
interface SessionSample {
  index: number;
  metric: MetricName;
  baseline: number[];
  treatment: number[];
}

function comparePair({ baseline, current }: ComparePair, options: CompareOptions, pending: PendingTest[]): PairComparison {
  // Sessions are compared when both sides pooled several and every run's session is known.
  const pooled = ({ result, sessions, sessionOf }: LabeledResult) =>
    (sessions ?? 1) >= 2 &&
    sessionOf !== undefined &&
    result.scenarios.every((scenario) => Object.values(scenario.modes).every((mode) => mode.runs.every((run) => sessionOf.has(run))));
  const test: PairTest = pooled(baseline) && pooled(current) ? 'sessions' : 'runs';
  const pair: PairComparison = {
    baseline: summarizeFile(baseline),
    current: summarizeFile(current),
    environmentDifferences: [],
    settingsDifferences: settingsDifferences(baseline.result, current.result),
    test,
    cases: [],
    unmatched: [],
    failed: [],
  };
  const machine = machineDifferences(baseline.result, current.result);
  const environment = new Set(machine);
  const currentByKey = new Map(current.result.scenarios.map((scenario) => [keyText(keyOf(scenario)), scenario]));
  const matchedKeys = new Set<string>();
  // Every metric tested in this pair, in order; the session values wait until all are known.
  const comparisons: PendingTest[] = [];
  const samples: SessionSample[] = [];

  for (const before of baseline.result.scenarios) {
    const key = keyOf(before);
    const text = keyText(key);
    const after = currentByKey.get(text);
    if (!after) {
      pair.unmatched.push({ key, side: 'baseline' });
      continue;
    }
    matchedKeys.add(text);
    if (after.status === 'failed') pair.failed.push({ key, side: 'current', error: after.error ?? 'failed' });
    if (before.status === 'failed') pair.failed.push({ key, side: 'baseline', error: before.error ?? 'failed' });
    if (before.status === 'failed' || after.status === 'failed') continue;

    const timeNote = scenarioTimeNote(before, after, baseline.result.settings, current.result.settings);
    if (timeNote && !pair.settingsDifferences.includes(timeNote)) pair.settingsDifferences.push(timeNote);
    const runtime = runtimeDifferences(runtimeOf(before, baseline.result), runtimeOf(after, current.result));
    for (const difference of runtime) environment.add(difference);
    const environmentDiffers = machine.length > 0 || runtime.length > 0;
    const timeComparable = !environmentDiffers || options.allowEnvironmentMismatch;

    for (const [mode, modeBefore] of Object.entries(before.modes)) {
      const modeAfter = after.modes[mode];
      if (!modeAfter) {
        pair.unmatched.push({ key, mode, side: 'baseline' });
        continue;
      }
      const sessionsBefore = test === 'sessions' ? runsBySession(baseline, modeBefore.runs) : [];
      const sessionsAfter = test === 'sessions' ? runsBySession(current, modeAfter.runs) : [];
      const perSession = Math.min(...[...sessionsBefore, ...sessionsAfter].map((runs) => runs.length));
      const metrics = METRICS.map((metric) => {
        const a = modeBefore.runs.map(metric.read);
        const b = modeAfter.runs.map(metric.read);
        const threshold = options.thresholds[metric.name];
        if (metric.kind === 'time' && !timeComparable) return untested(metric, a, b, threshold, 'not-compared', 'environments differ');
        if (a.every((value) => value <= 0) && b.every((value) => value <= 0)) return untested(metric, a, b, threshold, 'unchanged', 'zero in both');
        const comparison = untested(metric, a, b, threshold, 'inconclusive', '');
        if (test === 'sessions') {
          const sample = { index: comparisons.length, metric: metric.name, baseline: sessionValues(metric, sessionsBefore, perSession), treatment: sessionValues(metric, sessionsAfter, perSession) };
          comparison.baseline = sessionMedian(metric, sample.baseline);
          comparison.current = sessionMedian(metric, sample.treatment);
          samples.push(sample);
        } else {
          // Each side's mean carries its sessions' drift: variance drift² / sessions, on the log scale.
          const drift = Math.log1p(metric.driftPercent / 100) ** 2 * (1 / (baseline.sessions ?? 1) + 1 / (current.sessions ?? 1));
          recordTest(comparison, yuenTest(logScale(a, metric.floor), logScale(b, metric.floor), TRIM, 0.95, drift), test);
        }
        comparisons.push({ comparison, better: metric.better });
        return comparison;
      });
      pair.cases.push({ key, mode, environmentDiffers, metrics });
    }
    for (const mode of Object.keys(after.modes)) {
      if (!(mode in before.modes)) pair.unmatched.push({ key, mode, side: 'current' });
    }
  }
  // One moderated test per metric, across every case of the pair.
  for (const metric of METRICS) {
    const rows = samples.filter((sample) => sample.metric === metric.name);
    moderatedTTests(rows).forEach((result, i) => recordTest(comparisons[rows[i]!.index]!.comparison, result, test));
  }
  for (const entry of comparisons) if (entry.comparison.pValue !== null) pending.push(entry);

  for (const after of current.result.scenarios) {
    const key = keyOf(after);
    if (matchedKeys.has(keyText(key))) continue;
    pair.unmatched.push({ key, side: 'current' });
    if (after.status === 'failed') pair.failed.push({ key, side: 'current', error: after.error ?? 'failed' });
  }
  pair.environmentDifferences = [...environment];
  return pair;
}

/**
 * Compare each baseline with its current file. Several pairs (a CI matrix: one pair per machine or
 * runtime) are compared separately but corrected together, as one check.
 */
export function compareResults(pairs: readonly ComparePair[], options: CompareOptions = DEFAULT_COMPARE_OPTIONS): Comparison {
  const pending: PendingTest[] = [];
  const compared = pairs.map((pair) => comparePair(pair, options, pending));
  const pValues = pending.map((test) => test.comparison.pValue!);
  const adjusted = options.correction === 'holm' ? holmAdjust(pValues) : benjaminiHochbergAdjust(pValues);
  pending.forEach((test, i) => decide(test, adjusted[i]!, options));

  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const pair of compared) for (const row of pair.cases) for (const metric of row.metrics) counts[metric.verdict]++;
  return {
    pairs: compared,
    method: { trim: TRIM, correction: options.correction, alpha: options.alpha, confidence: 0.95, tests: pending.length },
    thresholds: options.thresholds,
    allowEnvironmentMismatch: options.allowEnvironmentMismatch,
    counts,
  };
}

export interface Finding {
  pair: PairComparison;
  row: CaseComparison;
  metric: MetricComparison;
}

/** Every metric with one of `verdicts`, in output order. */
export function findings(comparison: Comparison, verdicts: readonly Verdict[]): Finding[] {
  const found: Finding[] = [];
  for (const pair of comparison.pairs) {
    for (const row of pair.cases) {
      for (const metric of row.metrics) if (verdicts.includes(metric.verdict)) found.push({ pair, row, metric });
    }
  }
  return found;
}

/** Scenarios that failed in a current file: the check cannot vouch for them. */
export function failedInCurrent(comparison: Comparison): FailedCase[] {
  return comparison.pairs.flatMap((pair) => pair.failed.filter((failed) => failed.side === 'current'));
}

/**
 * Several result files of one side (interleaved sessions of the same code, as in the example CI
 * workflow) become one: the runs of each scenario × params × variant × mode are pooled, and
 * `sessionOf` remembers which file each came from, so the test can compare sessions. The first
 * file's environment and settings stand for the whole.
 */
export function poolResults(files: readonly LabeledResult[]): LabeledResult {
  if (files.length === 1) return files[0]!;
  const [first] = files;
  const scenarios = new Map<string, ScenarioResult>();
  const sessionOf = new Map<RunSample, number>();
  for (const [session, { result }] of files.entries()) {
    for (const scenario of result.scenarios) for (const mode of Object.values(scenario.modes)) for (const run of mode.runs) sessionOf.set(run, session);
    for (const scenario of result.scenarios) {
      const text = keyText(keyOf(scenario));
      const pooled = scenarios.get(text);
      if (!pooled) {
        scenarios.set(text, { ...scenario, modes: Object.fromEntries(Object.entries(scenario.modes).map(([mode, m]) => [mode, { ...m, runs: [...m.runs] }])) });
        continue;
      }
      if (pooled.status === 'failed') continue;
      if (scenario.status === 'failed') {
        scenarios.set(text, scenario);
        continue;
      }
      for (const [mode, m] of Object.entries(scenario.modes)) {
        const existing = pooled.modes[mode];
        if (existing) existing.runs.push(...m.runs);
        else pooled.modes[mode] = { ...m, runs: [...m.runs] };
      }
    }
  }
  return {
    label: files.map((file) => file.label).join(' + '),
    sessions: files.reduce((total, file) => total + (file.sessions ?? 1), 0),
    sessionOf,
    result: {
      ...first!.result,
      complete: files.every((file) => file.result.complete),
      settings: { ...first!.result.settings, runs: files.reduce((total, file) => total + file.result.settings.runs, 0) },
      scenarios: [...scenarios.values()],
    },
  };
}
