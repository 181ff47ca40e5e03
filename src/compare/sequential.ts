/**
 * Where a case of `run --against` stands after a round: for each mode, each gated metric's verdict
 * by the sequential rule so far. The runner stops the case once every mode is decided; `compare`
 * replays the same rule on the files (compare.ts), so both reach the same verdicts.
 */
import type { RunSample } from '../results/result.js';
import { type SequentialDesign, type SequentialVerdict, sequentialDecision } from '../stats/sequential.js';
import { pairLogRatios, zeroInBoth } from './compare.js';
import { type MetricName, metricDefinition } from './metrics.js';

export interface ModeDecisions {
  /** Every gated metric is regressed, improved or unchanged: more pairs would not change its verdict. */
  decided: boolean;
  verdicts: Partial<Record<MetricName, SequentialVerdict>>;
}

/**
 * Each mode present in both entries of a case, with the gate's metrics decided over the pairs so far
 * (not `final`: a metric not yet decided is `undecided`, and the runner's last round is left to
 * `compare`). A metric zero on both sides is unchanged, as compare finds it.
 */
export function sequentialCaseDecisions(
  design: SequentialDesign,
  baseRuns: ReadonlyMap<string, readonly RunSample[]>,
  headRuns: ReadonlyMap<string, readonly RunSample[]>,
  gate: readonly MetricName[],
  thresholds: Record<MetricName, number>,
): Record<string, ModeDecisions> {
  const decisions: Record<string, ModeDecisions> = {};
  for (const [mode, baseModeRuns] of baseRuns) {
    const headModeRuns = headRuns.get(mode);
    if (!headModeRuns) continue;
    const base = { runs: baseModeRuns };
    const head = { runs: headModeRuns };
    const verdicts: Partial<Record<MetricName, SequentialVerdict>> = {};
    for (const name of gate) {
      const metric = metricDefinition(name);
      verdicts[name] = zeroInBoth(metric, base.runs, head.runs)
        ? 'unchanged'
        : // Not final: never inconclusive.
          (sequentialDecision(
            design,
            pairLogRatios(metric, base.runs, head.runs),
            thresholds[name],
            metric.better,
            false,
          ).verdict as SequentialVerdict);
    }
    decisions[mode] = { decided: Object.values(verdicts).every((verdict) => verdict !== 'undecided'), verdicts };
  }
  return decisions;
}
