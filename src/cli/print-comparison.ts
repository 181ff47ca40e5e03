/** A comparison printed the way the user asked, where CI looks for it, and turned into an exit code. */
import { failedInCurrent, type Comparison } from '../compare/model.js';
import { comparisonJson } from '../reporters/comparison-json.js';
import { comparisonMarkdown } from '../reporters/comparison-markdown.js';
import { comparisonTable } from '../reporters/comparison-table.js';
import { githubAnnotations } from '../reporters/comparison-text.js';
import type { OutputPath } from './claim-outputs.js';
import { appendFileAtomic } from '../results/write-file-atomic.js';
import { ExitCode, messageOf } from '../errors.js';
import { useColor, writeWrapped } from './terminal.js';

export const COMPARISON_REPORTERS = ['table', 'markdown', 'json'] as const;
export type ComparisonReporterName = (typeof COMPARISON_REPORTERS)[number];

/**
 * GitHub's job summary, when set, as an output to claim at the door with the others: it is appended
 * to (that is what the file is for), so it must not be a result file being compared, or a directory.
 */
export function summaryOutputs(): OutputPath[] {
  const path = process.env.GITHUB_STEP_SUMMARY;
  return path ? [{ flag: 'GITHUB_STEP_SUMMARY', path }] : [];
}

/**
 * Print a comparison the way the user asked, add it to GitHub's job summary and annotations when
 * running there, and return the exit code it calls for: 1 for a regression, 3 when a scenario
 * failed in the current run (the check cannot vouch for it), 0 otherwise.
 */
export async function reportComparison(
  comparison: Comparison,
  reporter: ComparisonReporterName,
  options: { verbose: boolean; stream: NodeJS.WriteStream },
): Promise<number> {
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
        : comparisonTable(comparison, { verbose, color: useColor(stream) });
  stream.write(text);
  const summaryPath = process.env.GITHUB_STEP_SUMMARY;
  if (summaryPath) {
    // The verdict matters more than the summary: a summary that cannot be written is a warning, not a failed gate.
    await appendFileAtomic(summaryPath, (reporter === 'markdown' ? text : comparisonMarkdown(comparison, { verbose })) + '\n', { what: 'the job summary' }).catch((error: unknown) =>
      writeWrapped(process.stderr, `warning: ${messageOf(error)} (GITHUB_STEP_SUMMARY); the comparison above stands`),
    );
  }
  if (failedInCurrent(comparison).length > 0) return ExitCode.scenarioFailed;
  return comparison.counts.regressed > 0 ? ExitCode.regression : ExitCode.ok;
}
