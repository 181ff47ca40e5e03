/** `arena-bench compare`: baseline result file(s) vs current → verdicts → exit code. */
import { Command, Option } from 'commander';
import { compareResults } from '../../compare/compare.js';
import type { SidesToCompare } from '../../compare/model.js';
import { filesOf, readSide, refuseRunsInTwoPairs } from '../../compare/sides.js';
import { UserError } from '../../errors.js';
import { claimOutputs, type InputPath } from '../claim-outputs.js';
import { agreedCheck, type ComparisonFlags, compareOptionsFrom, withComparisonOptions } from '../comparing/options.js';
import {
  COMPARISON_REPORTERS,
  type ComparisonReporterName,
  jobSummaryOutputs,
  reportComparison,
} from '../comparing/print.js';

/** "base.json:head.json" → the two sides; the colon of a Windows drive letter (C:\…) is not the separator. */
export function splitSides(text: string): [string, string] {
  const driveLetter = (index: number) =>
    /[A-Za-z]/.test(text[index - 1] ?? '') &&
    (index === 1 || text[index - 2] === ':') &&
    /[\\/]/.test(text[index + 1] ?? '');
  const separator = [...text.matchAll(/:/g)].map((match) => match.index!).find((index) => !driveLetter(index));
  if (separator === undefined || separator === 0 || separator === text.length - 1) {
    throw new UserError(
      `--pairs "${text}" is not baseline:current`,
      'for example --pairs node20/base.json:node20/head.json node22/base.json:node22/head.json',
    );
  }
  return [text.slice(0, separator), text.slice(separator + 1)];
}

interface CompareCommandOptions extends ComparisonFlags {
  pairs?: string[];
  reporter: ComparisonReporterName;
}

async function compare(
  baseline: string | undefined,
  current: string | undefined,
  options: CompareCommandOptions,
): Promise<number> {
  const sideTexts: [string, string][] = [];
  if (baseline !== undefined || current !== undefined) {
    if (baseline === undefined || current === undefined)
      throw new UserError(
        'compare needs a baseline and a current result file',
        'arena-bench compare base.json head.json',
      );
    sideTexts.push([baseline, current]);
  }
  for (const text of options.pairs ?? []) sideTexts.push(splitSides(text));
  if (sideTexts.length === 0)
    throw new UserError(
      'compare needs a baseline and a current result file',
      'arena-bench compare base.json head.json, or --pairs a.json:b.json …',
    );

  const inputs: InputPath[] = [];
  const filesOfPairs: string[][] = [];
  for (const [baselineText, currentText] of sideTexts) {
    const baselineFiles = await filesOf(baselineText);
    const currentFiles = await filesOf(currentText);
    for (const path of baselineFiles) inputs.push({ what: 'the baseline', path });
    for (const path of currentFiles) inputs.push({ what: 'the current result file', path });
    filesOfPairs.push([...baselineFiles, ...currentFiles]);
  }
  await refuseRunsInTwoPairs(filesOfPairs);
  await claimOutputs(jobSummaryOutputs(), inputs);
  const sides: SidesToCompare[] = [];
  for (const [baselineText, currentText] of sideTexts)
    sides.push({ baseline: await readSide(baselineText), current: await readSide(currentText) });
  const recorded = agreedCheck(sides.flatMap(({ baseline, current }) => [baseline.result, current.result]));
  const comparison = compareResults(sides, compareOptionsFrom(options, recorded));
  return reportComparison(comparison, options.reporter, { verbose: options.verbose ?? false, stream: process.stdout });
}

const EXAMPLES = `
Each side is a result file, several joined by commas, or a directory of them:
several files of one side are pooled (interleaved sessions of the same code;
see docs/statistics.md).

Examples:
  $ arena-bench compare base.json head.json
  $ arena-bench compare base/ head/ --reporter markdown     a PR comment
  $ arena-bench compare base.json head.json --threshold opsPerSec=5
  one check over two Node.js versions:
  $ arena-bench compare --pairs n20/base.json:n20/head.json \\
      n24/base.json:n24/head.json

Exit codes: 0 no regression, 1 a significant regression, 2 unreadable,
invalid or incompatible file, or no case in common (nothing was compared),
3 a scenario failed in the current file.`;

export function compareCommand(setExitCode: (code: number) => void): Command {
  const command = new Command('compare')
    .description(
      'compare two result files: per scenario, mode and metric, the change with its confidence interval and a verdict',
    )
    .argument('[baseline]', 'the result file(s) to compare against')
    .argument('[current]', 'the result file(s) of the code under test')
    .option(
      '--pairs <baseline:current...>',
      'several pairs compared as one check (a CI matrix: one pair per machine or runtime)',
    );
  return withComparisonOptions(command)
    .addOption(
      new Option('--reporter <name>', 'how to print the comparison').choices(COMPARISON_REPORTERS).default('table'),
    )
    .addHelpText('after', EXAMPLES)
    .action(async (baseline: string | undefined, current: string | undefined, options: CompareCommandOptions) =>
      setExitCode(await compare(baseline, current, options)),
    );
}
