/**
 * What a comparison takes in and gives out: the sides, the options, and the findings the reporters
 * format. Types and pure look-ups only, so reporters import this and no engine code.
 */
import type { ParamValue } from '../plan/scenario.js';
import type { ResultFile, RunSample } from '../results/result.js';
import type { SequentialDesign } from '../stats/sequential.js';
import type { SiteChange } from './allocation-sites.js';
import type { MetricName } from './metrics.js';
import { DEFAULT_THRESHOLDS } from './metrics.js';

export type Correction = 'holm' | 'bh';

export interface CompareOptions {
  /** Percent per metric. */
  thresholds: Record<MetricName, number>;
  /** Percent per metric for paired runs (`run --against`); DEFAULT_PAIRED_THRESHOLDS when absent. */
  pairedThresholds?: Record<MetricName, number>;
  /** The metrics whose verdicts decide the exit code, corrected as one family; DEFAULT_GATE when absent. */
  gate?: readonly MetricName[];
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

export interface SidesToCompare {
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
  /** 95% confidence interval of `change`, unadjusted; decided by the sequential rule, the interval of the look that decided it. */
  interval: [number, number] | null;
  pValue: number | null;
  /**
   * After the correction for all tests of its family in the comparison: the gated tests, or the
   * others. Decided by the sequential rule: p × α / the look's level, below α when significant there.
   */
  adjustedPValue: number | null;
  thresholdPercent: number;
  verdict: Verdict;
  /** One of the gate's metrics: its verdict decides the exit code. Others are reported, not gating. */
  gated: boolean;
  /** Decided by run --against's sequential rule (src/stats/sequential.ts): the look that decided it, or the last. */
  look?: { pairs: number; level: number };
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
  /** When allocated bytes per operation regressed and both files have sites: the sites new or grown beyond the threshold. */
  allocationSiteChanges?: SiteChange[];
  /** When a GC pause or retained-heap metric regressed and both files measured survival: the sites whose surviving bytes are new or grew beyond the allocation threshold. */
  survivingSiteChanges?: SiteChange[];
}

export interface Unmatched {
  key: CaseKey;
  /** Absent: the whole case is missing on the other side. */
  mode?: string;
  /** The side it is present in. */
  side: 'baseline' | 'current';
}

export interface FailedCase {
  key: CaseKey;
  side: 'baseline' | 'current';
  error: string;
}

export interface SideOverview {
  label: string;
  createdAt: string;
  node: string;
  v8: string;
  cpuModel: string;
  /** `settings.runs`: what the file asked for. */
  runs: number;
  /** The fewest and most runs its modes hold (they differ under --precision), pooled over its sessions. */
  runsPerMode: { fewest: number; most: number };
  sessions: number;
  timeMs: number;
  complete: boolean;
}

export interface SidesComparison {
  baseline: SideOverview;
  current: SideOverview;
  /** "Node v20.11.0 → v22.3.0", … : what makes time metrics incomparable. */
  environmentDifferences: string[];
  /** Different run settings: noted, not a reason to refuse. */
  settingsDifferences: string[];
  /** How the two sides' runs were tested. */
  test: SidesTest;
  /** Both files were stopped by this sequential design, replayed on their gated metrics (gatedTests as spent here). */
  sequential?: SequentialDesign;
  /** Both files' paired runs timed base and head in one V8 heap (same-process pairing, `--isolation shared`). */
  sharedHeap?: boolean;
  cases: CaseComparison[];
  unmatched: Unmatched[];
  failed: FailedCase[];
}

/**
 * `sessions`: each session's best run, moderated t-test (several sessions a side); `runs`: Yuen's
 * test on the runs with the measured session drift as a known variance (one session on a side);
 * `paired`: the two files of one `run --against`, time metrics tested on the log-ratios of pairs.
 * Why: docs/statistics.md, "How a verdict is reached".
 */
export type SidesTest = 'sessions' | 'runs' | 'paired';

export interface Comparison {
  /** One entry per baseline and current side compared (the key is the comparison JSON's). */
  pairs: SidesComparison[];
  method: {
    trim: number;
    correction: Correction;
    alpha: number;
    confidence: number;
    /** Every test; `gatedTests` of them are the gate's family, the rest a family of their own. */
    tests: number;
    gate: MetricName[];
    gatedTests: number;
  };
  thresholds: Record<MetricName, number>;
  /** The thresholds paired runs were judged by; present only when some sides were paired. */
  pairedThresholds?: Record<MetricName, number>;
  allowEnvironmentMismatch: boolean;
  counts: Record<Verdict, number>;
  /** Regressions of gated metrics: what fails the check. `counts.regressed` includes the others. */
  gatingRegressions: number;
}

export interface Finding {
  /** The sides it was found between (named as the comparison's `pairs`). */
  pair: SidesComparison;
  row: CaseComparison;
  metric: MetricComparison;
}

/** Every metric with one of `verdicts`, in output order. */
export function findings(comparison: Comparison, verdicts: readonly Verdict[]): Finding[] {
  const found: Finding[] = [];
  for (const sides of comparison.pairs) {
    for (const row of sides.cases) {
      for (const metric of row.metrics) if (verdicts.includes(metric.verdict)) found.push({ pair: sides, row, metric });
    }
  }
  return found;
}

/** Scenarios that failed in a current file: the check cannot vouch for them. */
export function failedInCurrent(comparison: Comparison): FailedCase[] {
  return comparison.pairs.flatMap((sides) => sides.failed.filter((failed) => failed.side === 'current'));
}

/**
 * Sides between which no mode of any case was compared and nothing failed in the current file: a
 * gate over them would pass without having checked anything.
 */
export function sidesComparingNothing(comparison: Comparison): SidesComparison[] {
  return comparison.pairs.filter(
    (sides) => sides.cases.length === 0 && !sides.failed.some((failed) => failed.side === 'current'),
  );
}
