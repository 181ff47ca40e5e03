/**
 * Baseline vs current → verdicts. Pure: result files in, a `Comparison` out; the CLI reads the
 * files, prints a reporter's text and turns the verdicts into an exit code.
 *
 * Every metric of every matched case and mode is tested on the log scale: with several sessions a
 * side, the sessions' values by a moderated t-test; with one session on a side, the runs by Yuen's
 * test plus the measured drift as a known variance. The p-values of one comparison are corrected
 * (Holm or BH) in two families: the gate's metrics, which decide the exit code, and the others; a
 * metric regressed only when significant and beyond its threshold. Why each choice:
 * docs/statistics.md, "How a verdict is reached" and "The gate's family".
 */

import type { PairingStop, ResultFile, RunSample } from '../results/result.js';
import { benjaminiHochbergAdjust, holmAdjust } from '../stats/corrections.js';
import { mean } from '../stats/descriptive.js';
import { median } from '../stats/order.js';
import { moderatedTrimmedMeanTests } from '../stats/paired.js';
import { type SequentialDesign, sequentialDecision } from '../stats/sequential.js';
import { moderatedTTests, type TwoSampleTest, yuenTest } from '../stats/tests.js';
import { SURVIVAL_METRICS, siteChanges, survivorChanges } from './allocation-sites.js';
import {
  canonicalJson,
  caseTimeNote,
  machineDifferences,
  matchCases,
  runtimeDifferences,
  runtimeOf,
  settingsDifferences,
  sideOverview,
} from './matching.js';
import {
  DEFAULT_GATE,
  DEFAULT_PAIRED_THRESHOLDS,
  METRICS,
  type MetricDefinition,
  type MetricName,
  TRIM,
} from './metrics.js';
import {
  type CaseComparison,
  type CompareOptions,
  type Comparison,
  DEFAULT_COMPARE_OPTIONS,
  type LabeledResult,
  type MetricComparison,
  type SidesComparison,
  type SidesTest,
  type SidesToCompare,
  VERDICTS,
  type Verdict,
} from './model.js';
import { hasSessions, runsBySession } from './sessions.js';

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
function untested(
  metric: MetricDefinition,
  a: readonly number[],
  b: readonly number[],
  threshold: number,
  gated: boolean,
  verdict: Verdict,
  reason: string,
): MetricComparison {
  return {
    metric: metric.name,
    baseline: median(a),
    current: median(b),
    change: null,
    interval: null,
    pValue: null,
    adjustedPValue: null,
    thresholdPercent: threshold,
    verdict,
    gated,
    reason,
  };
}

/** Write what a test found into the comparison; the verdict waits for the correction. */
function recordTest(comparison: MetricComparison, test: TwoSampleTest, unit: SidesTest): void {
  comparison.change = Math.expm1(test.difference);
  if (Number.isNaN(test.pValue)) {
    const beyond = Math.abs(comparison.change) * 100 >= comparison.thresholdPercent;
    comparison.verdict = beyond ? 'inconclusive' : 'unchanged';
    comparison.reason =
      unit === 'paired' ? 'too few pairs to test (2 at least)' : `too few ${unit} to test (2 a side at least)`;
    return;
  }
  comparison.interval = [Math.expm1(test.interval.low), Math.expm1(test.interval.high)];
  comparison.pValue = test.pValue;
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

/**
 * The verdict of a gated metric of a paired case from the sequential rule, replayed over every look
 * its pairs reached, and over their end too when the run ended the mode there (`final`: the budget,
 * --max-runs); what decided it goes in the reason.
 */
function decideSequentially(
  { comparison, logRatios, better, final }: SequentialSample,
  design: SequentialDesign,
): void {
  const decision = sequentialDecision(design, logRatios, comparison.thresholdPercent, better, final);
  comparison.change = Number.isNaN(decision.change) ? null : decision.change;
  if (Number.isNaN(decision.pValue)) {
    comparison.reason = 'too few pairs to test (2 at least)';
    return;
  }
  comparison.interval = decision.interval;
  comparison.pValue = decision.pValue;
  // On α's scale, so that it is below α exactly when the look's test was significant at its level.
  comparison.adjustedPValue = Math.min(1, (decision.pValue * design.alpha) / decision.level);
  comparison.look = { pairs: decision.pairs, level: decision.level };
  comparison.verdict = decision.verdict === 'undecided' ? 'inconclusive' : decision.verdict;
  const look = `${decision.pairs} pairs, level ${decision.level.toPrecision(2)}`;
  const threshold = comparison.thresholdPercent;
  comparison.reason =
    decision.verdict === 'unchanged'
      ? `its interval lies inside ±${threshold}%; decided at ${look}`
      : decision.verdict === 'regressed' || decision.verdict === 'improved'
        ? `significant, beyond the ${threshold}% threshold; decided at ${look}`
        : `undecided at the last look, ${look}: changes within ±${(decision.halfWidth * 100).toPrecision(2)}% not resolved`;
}

/** The design both sides' files were stopped by, when they carry the same one. */
function sequentialDesignOf(baseline: ResultFile, current: ResultFile): SequentialDesign | undefined {
  const [a, b] = [baseline.settings.sequential, current.settings.sequential];
  return a && b && canonicalJson(a) === canonicalJson(b) ? a : undefined;
}

/** A metric of one case waiting for its sides' moderated test: the session values of each side. */
interface SessionSample {
  index: number;
  metric: MetricName;
  baseline: number[];
  current: number[];
}

/** A time metric of one paired case waiting for the moderated test across the pair's cases: its pairs' log-ratios. */
interface PairedSample {
  index: number;
  metric: MetricName;
  logRatios: number[];
}

/** A gated metric of a case that `run --against` stopped by the sequential rule: replayed once the family's size is known. */
interface SequentialSample {
  comparison: MetricComparison;
  design: SequentialDesign;
  logRatios: number[];
  better: MetricDefinition['better'];
  /** The run's last look at this metric was where it ended the mode (budget, --max-runs), not a look that decided it. */
  final: boolean;
}

/** What a case's metrics are tested with: the two sides, their test, and whether time metrics may be compared. */
interface CaseContext {
  baseline: LabeledResult;
  current: LabeledResult;
  test: SidesTest;
  /** Both entries come from one `run --against`: time metrics are tested on the pairs. */
  paired: boolean;
  timeComparable: boolean;
  options: CompareOptions;
  thresholds: Record<MetricName, number>;
  gate: ReadonlySet<MetricName>;
  /** Both files of a paired case carry this design: its gated metrics are decided by replaying it. */
  sequential?: SequentialDesign | undefined;
  /** Why and after how many rounds run --against stopped the case. */
  stopped?: PairingStop | undefined;
}

/**
 * log(current + floor) − log(baseline + floor) for every pair present on both sides, in pair order: what
 * the paired test and the sequential rule take (run --against's runner, too, after each round).
 */
export function pairLogRatios(
  metric: MetricDefinition,
  baselineRuns: readonly RunSample[],
  currentRuns: readonly RunSample[],
): number[] {
  const currentByPair = new Map(currentRuns.filter((run) => run.pair !== undefined).map((run) => [run.pair, run]));
  const byPair = baselineRuns.filter((run) => run.pair !== undefined).sort((a, b) => a.pair! - b.pair!);
  return byPair.flatMap((run) => {
    const partner = currentByPair.get(run.pair);
    if (!partner) return [];
    const [baselineValue, currentValue] = logScale([metric.read(run), metric.read(partner)], metric.floor);
    return [currentValue! - baselineValue!];
  });
}

/** Both sides hold nothing but zeros (an arena that never allocates): there is nothing to test. */
export function zeroInBoth(
  metric: MetricDefinition,
  baselineRuns: readonly RunSample[],
  currentRuns: readonly RunSample[],
) {
  return baselineRuns.every((run) => metric.read(run) <= 0) && currentRuns.every((run) => metric.read(run) <= 0);
}

/** What queues the metrics of two sides wait in until their test can run. */
interface Queues {
  /** Every metric tested by a fixed-sample test, in order; the correction decides their verdicts. */
  comparisons: PendingTest[];
  sessions: SessionSample[];
  paired: PairedSample[];
  sequential: SequentialSample[];
}

/**
 * Every metric of one mode of a matched case: tested on runs at once, or queued for the sides'
 * moderated tests or the sequential replay.
 */
function compareMode(
  context: CaseContext,
  baselineRuns: readonly RunSample[],
  currentRuns: readonly RunSample[],
  queues: Queues,
): MetricComparison[] {
  const { comparisons, sessions: samples, paired: pairedSamples } = queues;
  const { baseline, current, test, paired, timeComparable, thresholds, gate, sequential, stopped } = context;
  const baselineSessions = test === 'sessions' ? runsBySession(baseline, baselineRuns) : [];
  const currentSessions = test === 'sessions' ? runsBySession(current, currentRuns) : [];
  const perSession = Math.min(...[...baselineSessions, ...currentSessions].map((runs) => runs.length));
  return METRICS.map((metric) => {
    const a = baselineRuns.map(metric.read);
    const b = currentRuns.map(metric.read);
    const threshold = thresholds[metric.name];
    const gated = gate.has(metric.name);
    if (metric.kind === 'time' && !timeComparable)
      return untested(metric, a, b, threshold, gated, 'not-compared', 'environments differ');
    if (zeroInBoth(metric, baselineRuns, currentRuns))
      return untested(metric, a, b, threshold, gated, 'unchanged', 'zero in both');
    const comparison = untested(metric, a, b, threshold, gated, 'inconclusive', '');
    if (paired && gated && sequential) {
      const logRatios = pairLogRatios(metric, baselineRuns, currentRuns);
      // A mode the rule decided took no pairs after that look, and the run decided it at the look's
      // own level: replayed as the run saw it, its last look does not spend what α is left.
      const decidedSooner = stopped !== undefined && (stopped.reason === 'decided' || logRatios.length < stopped.pairs);
      queues.sequential.push({
        comparison,
        design: sequential,
        logRatios,
        better: metric.better,
        final: !decidedSooner,
      });
      return comparison;
    }
    if (paired && metric.kind === 'time') {
      pairedSamples.push({
        index: comparisons.length,
        metric: metric.name,
        logRatios: pairLogRatios(metric, baselineRuns, currentRuns),
      });
    } else if (test === 'sessions') {
      const sample = {
        index: comparisons.length,
        metric: metric.name,
        baseline: sessionValues(metric, baselineSessions, perSession),
        current: sessionValues(metric, currentSessions, perSession),
      };
      comparison.baseline = sessionMedian(metric, sample.baseline);
      comparison.current = sessionMedian(metric, sample.current);
      samples.push(sample);
    } else {
      // Each side's mean carries its sessions' drift: variance drift² / sessions, on the log scale.
      const drift =
        Math.log1p(metric.driftPercent / 100) ** 2 * (1 / (baseline.sessions ?? 1) + 1 / (current.sessions ?? 1));
      recordTest(
        comparison,
        yuenTest(logScale(a, metric.floor), logScale(b, metric.floor), TRIM, 0.95, drift),
        test === 'paired' ? 'runs' : test,
      );
    }
    comparisons.push({ comparison, better: metric.better });
    return comparison;
  });
}

function compareSides(
  { baseline, current }: SidesToCompare,
  options: CompareOptions,
  pending: PendingTest[],
  sequentialSamples: SequentialSample[],
): SidesComparison {
  const { matched, unmatched, failed } = matchCases(baseline.result, current.result);
  // Two entries of one `run --against` invocation share its pairing id.
  const isPaired = (matchedCase: (typeof matched)[number]) =>
    matchedCase.baseline.pairing !== undefined && matchedCase.baseline.pairing === matchedCase.current.pairing;
  const sessions = hasSessions(baseline) && hasSessions(current);
  const test: SidesTest = sessions ? 'sessions' : matched.some(isPaired) ? 'paired' : 'runs';
  const thresholds = test === 'paired' ? (options.pairedThresholds ?? DEFAULT_PAIRED_THRESHOLDS) : options.thresholds;
  const sides: SidesComparison = {
    baseline: sideOverview(baseline),
    current: sideOverview(current),
    environmentDifferences: [],
    settingsDifferences: settingsDifferences(baseline.result, current.result),
    test,
    cases: [],
    unmatched,
    failed,
  };
  const machine = machineDifferences(baseline.result, current.result);
  const environment = new Set(machine);
  // Every metric tested between these sides, in order; the session values wait until all are known.
  const queues: Queues = { comparisons: [], sessions: [], paired: [], sequential: sequentialSamples };
  const { comparisons, sessions: samples, paired: pairedSamples } = queues;
  const sequential = sequentialDesignOf(baseline.result, current.result);
  const sequentialBefore = sequentialSamples.length;

  for (const matchedCase of matched) {
    const { key, baseline: baselineCase, current: currentCase, modes } = matchedCase;
    const timeNote = caseTimeNote(baselineCase, currentCase, baseline.result.settings, current.result.settings);
    if (timeNote && !sides.settingsDifferences.includes(timeNote)) sides.settingsDifferences.push(timeNote);
    const runtime = runtimeDifferences(
      runtimeOf(baselineCase, baseline.result),
      runtimeOf(currentCase, current.result),
    );
    for (const difference of runtime) environment.add(difference);
    const environmentDiffers = machine.length > 0 || runtime.length > 0;
    const paired = !sessions && isPaired(matchedCase);
    const context: CaseContext = {
      baseline,
      current,
      test,
      paired,
      timeComparable: !environmentDiffers || options.allowEnvironmentMismatch,
      options,
      thresholds,
      gate: new Set(options.gate ?? DEFAULT_GATE),
      sequential,
      stopped: currentCase.stopped,
    };
    for (const { mode, baseline: inBaseline, current: inCurrent } of modes) {
      const metrics = compareMode(context, inBaseline.runs, inCurrent.runs, queues);
      const row: CaseComparison = { key, mode, environmentDiffers, metrics };
      // Kept only if their metrics turn out regressed, once every verdict is decided.
      if (inBaseline.allocationSites && inCurrent.allocationSites) {
        row.allocationSiteChanges = siteChanges(
          inBaseline.allocationSites,
          inCurrent.allocationSites,
          thresholds.allocatedBytesPerOp,
        );
        const survivors = survivorChanges(
          inBaseline.allocationSites,
          inCurrent.allocationSites,
          thresholds.allocatedBytesPerOp,
        );
        if (survivors) row.survivingSiteChanges = survivors;
      }
      sides.cases.push(row);
    }
  }
  // One moderated test per metric, across every case of these sides.
  for (const metric of METRICS) {
    const rows = samples.filter((sample) => sample.metric === metric.name);
    moderatedTTests(rows).forEach((result, i) => recordTest(comparisons[rows[i]!.index]!.comparison, result, test));
    const pairedRows = pairedSamples.filter((sample) => sample.metric === metric.name);
    moderatedTrimmedMeanTests(
      pairedRows.map((sample) => sample.logRatios),
      TRIM,
    ).forEach((result, i) => recordTest(comparisons[pairedRows[i]!.index]!.comparison, result, 'paired'));
  }
  for (const entry of comparisons) if (entry.comparison.pValue !== null) pending.push(entry);
  // Said only where the rule decided something: both files may carry a design and share no paired case.
  if (sequential && sequentialSamples.length > sequentialBefore) sides.sequential = sequential;
  if (test === 'paired' && [baseline, current].every((side) => side.result.settings.pairing?.isolation === 'shared'))
    sides.sharedHeap = true;
  sides.environmentDifferences = [...environment];
  return sides;
}

/**
 * Compare each baseline with its current file. Several of them (a CI matrix: a baseline and a
 * current file per machine or runtime) are compared separately but corrected together, as one check.
 */
export function compareResults(
  sides: readonly SidesToCompare[],
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
): Comparison {
  const pending: PendingTest[] = [];
  const sequentialSamples: SequentialSample[] = [];
  const compared = sides.map((toCompare) => compareSides(toCompare, options, pending, sequentialSamples));
  const anyPaired = compared.some((sides) => sides.test === 'paired');
  // The replay splits α among as many tests as the invocation did, or more when this comparison holds more
  // (several runs compared as one check): every sequential test of the gate shares one α.
  // α is this comparison's (the run's unless --alpha replaces it), as for every other test.
  const replayed = (design: SequentialDesign) => ({
    ...design,
    alpha: options.alpha,
    gatedTests: Math.max(design.gatedTests, sequentialSamples.length),
  });
  for (const sample of sequentialSamples) decideSequentially(sample, replayed(sample.design));
  for (const sides of compared) if (sides.sequential) sides.sequential = replayed(sides.sequential);
  // Two families, each corrected on its own: the gate's tests do not pay for the metrics reported beside them.
  const gated = pending.filter((test) => test.comparison.gated);
  for (const family of [gated, pending.filter((test) => !test.comparison.gated)]) {
    const pValues = family.map((test) => test.comparison.pValue!);
    const adjusted = options.correction === 'holm' ? holmAdjust(pValues) : benjaminiHochbergAdjust(pValues);
    family.forEach((test, i) => decide(test, adjusted[i]!, options));
  }

  for (const sides of compared) {
    for (const row of sides.cases) {
      const allocated = row.metrics.find((metric) => metric.metric === 'allocatedBytesPerOp');
      if (allocated?.verdict !== 'regressed') delete row.allocationSiteChanges;
      if (!row.metrics.some((metric) => SURVIVAL_METRICS.includes(metric.metric) && metric.verdict === 'regressed'))
        delete row.survivingSiteChanges;
    }
  }

  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  let gatingRegressions = 0;
  for (const sides of compared) {
    for (const row of sides.cases) {
      for (const metric of row.metrics) {
        counts[metric.verdict]++;
        if (metric.gated && metric.verdict === 'regressed') gatingRegressions++;
      }
    }
  }
  return {
    pairs: compared,
    method: {
      trim: TRIM,
      correction: options.correction,
      alpha: options.alpha,
      confidence: 0.95,
      tests: pending.length + sequentialSamples.length,
      gate: [...(options.gate ?? DEFAULT_GATE)],
      gatedTests: gated.length + sequentialSamples.length,
    },
    thresholds: options.thresholds,
    ...(anyPaired ? { pairedThresholds: options.pairedThresholds ?? DEFAULT_PAIRED_THRESHOLDS } : {}),
    allowEnvironmentMismatch: options.allowEnvironmentMismatch,
    counts,
    gatingRegressions,
  };
}
