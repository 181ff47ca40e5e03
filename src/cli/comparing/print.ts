/** A comparison printed the way the user asked, where CI looks for it, and turned into an exit code. */
import {
  type Comparison,
  failedInCurrent,
  type LabeledResult,
  type SidesComparison,
  sidesComparingNothing,
} from '../../compare/model.js';
import { plannedAgainstBaseline } from '../../compare/planned.js';
import { ExitCode, messageOf, UserError } from '../../errors.js';
import type { Case } from '../../plan/plan.js';
import { describeCase } from '../../reporters/document/comparison-words.js';
import { githubAnnotations } from '../../reporters/github-annotations.js';
import { comparisonJson } from '../../reporters/json.js';
import { comparisonMarkdown } from '../../reporters/markdown/render.js';
import { comparisonTable } from '../../reporters/terminal/render.js';
import { appendFileAtomic } from '../../results/write-file-atomic.js';
import type { OutputPath } from '../claim-outputs.js';
import { terminalWidth, useColor, writeWrapped } from '../terminal.js';

export const COMPARISON_REPORTERS = ['table', 'markdown', 'json'] as const;
export type ComparisonReporterName = (typeof COMPARISON_REPORTERS)[number];

/** "  baseline base.json: a, b messages=10 (mode pool)": what one side holds that the other lacks. */
function sideCases(sides: SidesComparison, side: 'baseline' | 'current'): string {
  const cases = [
    ...sides.unmatched
      .filter((entry) => entry.side === side)
      .map((entry) => describeCase(entry.key) + (entry.mode ? ` (mode ${entry.mode})` : '')),
    ...sides.failed.filter((failed) => failed.side === side).map((failed) => `${describeCase(failed.key)} (failed)`),
  ];
  return `  ${side} ${sides[side].label}: ${cases.length ? [...new Set(cases)].join(', ') : 'no scenarios'}`;
}

/** A gate that compared nothing must not pass: exit 2, listing what each side holds. */
function refuseEmptyComparison(comparison: Comparison): void {
  const empty = sidesComparingNothing(comparison);
  if (empty.length === 0) return;
  const lines = empty.flatMap((sides) => [
    `no case of ${sides.current.label} matches one of ${sides.baseline.label} (same scenario, parameters, variant and mode)`,
    sideCases(sides, 'baseline'),
    sideCases(sides, 'current'),
  ]);
  throw new UserError(`nothing was compared: ${lines.join('\n')}`, SAME_CASES_HINT);
}

const SAME_CASES_HINT =
  'compare files that measured the same scenarios with the same --param values, --v8-flags/--node variants and modes';

/** Before measuring: a run --baseline none of whose cases is in the baseline would compare nothing (exit 2 now, not after the run). */
export function refuseBaselineWithoutCommonCases(cases: readonly Case[], baseline: LabeledResult): void {
  const planned = cases.map((entry) => ({
    name: entry.loaded.scenario.name,
    params: entry.params,
    variant: { v8Flags: entry.variant.v8Flags, node: entry.variant.runtime.path },
    modes: entry.modes,
  }));
  const found = plannedAgainstBaseline(planned, baseline.result);
  if (found.matches) return;
  const list = (keys: typeof found.planned) =>
    keys.length ? [...new Set(keys.map(describeCase))].join(', ') : 'no measured scenarios';
  throw new UserError(
    `nothing would be compared: no case this run measures, in the modes it measures, is in ${baseline.label}\n` +
      `  baseline ${baseline.label}: ${list(found.baseline)}\n  this run: ${list(found.planned)}`,
    SAME_CASES_HINT,
  );
}

/**
 * GitHub's job summary, when set, as an output to claim at the door with the others: it is appended
 * to (that is what the file is for), so it must not be a result file being compared, or a directory.
 */
export function jobSummaryOutputs(): OutputPath[] {
  const path = process.env.GITHUB_STEP_SUMMARY;
  return path ? [{ flag: 'GITHUB_STEP_SUMMARY', path }] : [];
}

/**
 * Print a comparison the way the user asked, add it to GitHub's job summary and annotations when
 * running there, and return the exit code it calls for: 1 for a regression of a gated metric (the
 * others are reported, not gating), 3 when a scenario
 * failed in the current run (the check cannot vouch for it), 0 otherwise. A comparison in which
 * nothing could be compared is refused before anything is printed (exit 2).
 */
export async function reportComparison(
  comparison: Comparison,
  reporter: ComparisonReporterName,
  options: { verbose: boolean; stream: NodeJS.WriteStream },
): Promise<number> {
  refuseEmptyComparison(comparison);
  const { verbose, stream } = options;
  if (process.env.GITHUB_ACTIONS === 'true') {
    // Annotations are workflow commands on stdout; keep them out of a JSON document there.
    const annotations = githubAnnotations(comparison);
    (reporter === 'json' && stream === process.stdout ? process.stderr : process.stdout).write(annotations);
  }
  const text =
    reporter === 'json'
      ? comparisonJson(comparison)
      : reporter === 'markdown'
        ? comparisonMarkdown(comparison, { verbose })
        : comparisonTable(comparison, { verbose, color: useColor(stream), width: terminalWidth(stream) });
  stream.write(text);
  const jobSummaryPath = process.env.GITHUB_STEP_SUMMARY;
  if (jobSummaryPath) {
    // The verdict matters more than the job summary: one that cannot be written is a warning, not a failed gate.
    await appendFileAtomic(
      jobSummaryPath,
      `${reporter === 'markdown' ? text : comparisonMarkdown(comparison, { verbose })}\n`,
      { what: 'the job summary' },
    ).catch((error: unknown) =>
      writeWrapped(process.stderr, `warning: ${messageOf(error)} (GITHUB_STEP_SUMMARY); the comparison above stands`),
    );
  }
  if (failedInCurrent(comparison).length > 0) return ExitCode.scenarioFailed;
  return comparison.gatingRegressions > 0 ? ExitCode.regression : ExitCode.ok;
}
