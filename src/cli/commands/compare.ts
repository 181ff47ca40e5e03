/**
 * `arena-bench compare`: baseline result file(s) vs current → verdicts → exit code. The options and
 * the printing are shared with `run --baseline`, so both decide and say it the same way.
 */
import { appendFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  DEFAULT_COMPARE_OPTIONS,
  DEFAULT_THRESHOLDS,
  METRIC_NAMES,
  compareResults,
  failedInCurrent,
  poolResults,
  type CompareOptions,
  type Comparison,
  type ComparePair,
  type Correction,
  type LabeledResult,
  type MetricName,
} from '../../compare/compare.js';
import { ExitCode, UserError } from '../errors.js';
import { comparisonJson } from '../../reporters/comparison-json.js';
import { comparisonMarkdown } from '../../reporters/comparison-markdown.js';
import { comparisonTable } from '../../reporters/comparison-table.js';
import { githubAnnotations } from '../../reporters/comparison-text.js';
import { ownRunTimes, readResultFile, type ResultFile } from '../../results/result.js';
import { useColor } from '../terminal.js';

export const COMPARISON_REPORTERS = ['table', 'markdown', 'json'] as const;
export type ComparisonReporterName = (typeof COMPARISON_REPORTERS)[number];

/** The options `compare` and `run --baseline` share. */
export interface ComparisonFlags {
  threshold?: Partial<Record<MetricName, number>>;
  alpha: number;
  correction: Correction;
  allowEnvMismatch?: boolean;
  verbose?: boolean;
}

/**
 * `--threshold 8` sets every metric; `--threshold opsPerSec=8,allocatedBytesPerOp=3` sets those;
 * repeatable, later wins.
 */
export function parseThreshold(text: string, previous: Partial<Record<MetricName, number>> = {}): Partial<Record<MetricName, number>> {
  const thresholds = { ...previous };
  const percent = (value: string) => {
    const number = Number(value.trim().replace(/%$/, ''));
    if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new InvalidArgumentError(`--threshold "${text}": "${value}" is not a percentage of at least 0.`);
    return number;
  };
  for (const part of text.split(',').map((item) => item.trim()).filter(Boolean)) {
    const equals = part.indexOf('=');
    if (equals < 0) {
      for (const metric of METRIC_NAMES) thresholds[metric] = percent(part);
      continue;
    }
    const metric = part.slice(0, equals).trim();
    if (!(METRIC_NAMES as string[]).includes(metric)) {
      throw new InvalidArgumentError(`--threshold "${text}": unknown metric "${metric}"; the metrics are ${METRIC_NAMES.join(', ')}.`);
    }
    thresholds[metric as MetricName] = percent(part.slice(equals + 1));
  }
  return thresholds;
}

function parseAlpha(text: string): number {
  const alpha = Number(text);
  if (!(alpha > 0 && alpha < 1)) throw new InvalidArgumentError('--alpha takes a probability between 0 and 1, e.g. 0.05.');
  return alpha;
}

const DEFAULT_THRESHOLD_TEXT = METRIC_NAMES.map((metric) => `${metric}=${DEFAULT_THRESHOLDS[metric]}`).join(',');

/** Add the shared comparison options to a command. */
export function withComparisonOptions(command: Command): Command {
  return command
    .option(
      '--threshold <percent>',
      `changes smaller than this are never regressions: a number for every metric, or metric=percent,… (repeatable; default ${DEFAULT_THRESHOLD_TEXT})`,
      (text: string, previous?: Partial<Record<MetricName, number>>) => parseThreshold(text, previous),
    )
    .option('--alpha <p>', 'significance level after the correction for multiple comparisons', parseAlpha, DEFAULT_COMPARE_OPTIONS.alpha)
    .addOption(
      new Option('--correction <method>', 'multiple-comparison correction: holm (family-wise) or bh (Benjamini–Hochberg, false discovery rate)')
        .choices(['holm', 'bh'])
        .default(DEFAULT_COMPARE_OPTIONS.correction),
    )
    .option('--allow-env-mismatch', 'compare time metrics even when the files come from different CPUs, Node.js or V8 versions')
    .option('--verbose', 'list every metric, not only those that changed');
}

export function compareOptionsFrom(flags: ComparisonFlags): CompareOptions {
  return {
    thresholds: { ...DEFAULT_THRESHOLDS, ...flags.threshold },
    alpha: flags.alpha,
    correction: flags.correction,
    allowEnvironmentMismatch: flags.allowEnvMismatch ?? false,
  };
}

async function filesOf(argument: string): Promise<string[]> {
  const paths = argument.split(',').map((item) => item.trim()).filter(Boolean);
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      const inside = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
      if (inside.length === 0) throw new UserError(`${path} is a directory with no .json result files in it`);
      files.push(...inside.map((name) => join(path, name)));
    } else files.push(path);
  }
  if (files.length === 0) throw new UserError(`"${argument}" names no result file`);
  return files;
}

/** How long each run was warmed up and timed, per scenario: runs pooled into one side must agree on it. */
function runLengths(result: ResultFile): string {
  const { timeMs, warmupMs } = result.settings;
  const own = ownRunTimes(result);
  return `${timeMs} ms per run${own.length ? ` (${own.join(', ')})` : ''} after ${warmupMs} ms warm-up`;
}

/**
 * One side of a comparison: a result file, several separated by commas, or a directory of them.
 * Several files of one side are pooled (their runs concatenated), which is how interleaved
 * sessions of base and head are meant to be compared; they must come from one environment and
 * have been timed alike.
 */
export async function readSide(argument: string): Promise<LabeledResult> {
  const files = await filesOf(argument);
  const results: LabeledResult[] = [];
  for (const path of files) results.push({ label: path, result: await readResultFile(path) });
  const [first] = results;
  const firstLengths = runLengths(first!.result);
  for (const other of results.slice(1)) {
    const a = first!.result.environment;
    const b = other.result.environment;
    if (a.cpuModel !== b.cpuModel || a.node !== b.node || a.execArgv.join(' ') !== b.execArgv.join(' ')) {
      throw new UserError(
        `cannot pool ${first!.label} and ${other.label}: they come from different environments (${a.node} on ${a.cpuModel} vs ${b.node} on ${b.cpuModel})`,
        'pool only sessions of one machine and runtime; compare machines as separate pairs with --pairs',
      );
    }
    const otherLengths = runLengths(other.result);
    if (otherLengths !== firstLengths) {
      throw new UserError(
        `cannot pool ${first!.label} and ${other.label}: their runs were timed differently (${firstLengths} vs ${otherLengths})`,
        'pool only sessions measured with the same --time, --warmup and scenario files',
      );
    }
  }
  const pooled = poolResults(results);
  return files.length > 1 && !argument.includes(',') ? { ...pooled, label: argument } : pooled;
}

/** "base.json:head.json" → the two sides; the colon of a Windows drive letter (C:\…) is not the separator. */
export function splitPair(text: string): [string, string] {
  const driveLetter = (index: number) => /[A-Za-z]/.test(text[index - 1] ?? '') && (index === 1 || text[index - 2] === ':') && /[\\/]/.test(text[index + 1] ?? '');
  const separator = [...text.matchAll(/:/g)].map((match) => match.index!).find((index) => !driveLetter(index));
  if (separator === undefined || separator === 0 || separator === text.length - 1) {
    throw new UserError(`--pairs "${text}" is not baseline:current`, 'for example --pairs node20/base.json:node20/head.json node22/base.json:node22/head.json');
  }
  return [text.slice(0, separator), text.slice(separator + 1)];
}

/**
 * Print a comparison the way the user asked, add it to GitHub's job summary and annotations when
 * running there, and return the exit code it calls for: 1 for a regression, 3 when a scenario
 * failed in the current run (the check cannot vouch for it), 0 otherwise.
 */
export function reportComparison(
  comparison: Comparison,
  reporter: ComparisonReporterName,
  options: { verbose: boolean; stream: NodeJS.WriteStream },
): number {
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
    try {
      appendFileSync(summaryPath, (reporter === 'markdown' ? text : comparisonMarkdown(comparison, { verbose })) + '\n');
    } catch (error) {
      process.stderr.write(`could not append to GITHUB_STEP_SUMMARY (${summaryPath}): ${(error as Error).message}\n`);
    }
  }
  if (failedInCurrent(comparison).length > 0) return ExitCode.scenarioFailed;
  return comparison.counts.regressed > 0 ? ExitCode.regression : ExitCode.ok;
}

interface CompareCommandOptions extends ComparisonFlags {
  pairs?: string[];
  reporter: ComparisonReporterName;
}

async function compare(baseline: string | undefined, current: string | undefined, options: CompareCommandOptions): Promise<number> {
  const pairTexts: [string, string][] = [];
  if (baseline !== undefined || current !== undefined) {
    if (baseline === undefined || current === undefined) throw new UserError('compare needs a baseline and a current result file', 'arena-bench compare base.json head.json');
    pairTexts.push([baseline, current]);
  }
  for (const text of options.pairs ?? []) pairTexts.push(splitPair(text));
  if (pairTexts.length === 0) throw new UserError('compare needs a baseline and a current result file', 'arena-bench compare base.json head.json, or --pairs a.json:b.json …');

  const pairs: ComparePair[] = [];
  for (const [before, after] of pairTexts) pairs.push({ baseline: await readSide(before), current: await readSide(after) });
  const comparison = compareResults(pairs, compareOptionsFrom(options));
  return reportComparison(comparison, options.reporter, { verbose: options.verbose ?? false, stream: process.stdout });
}

const EXAMPLES = `
Each side is a result file, several joined by commas, or a directory of them: several files of one
side are pooled (interleaved sessions of the same code; see "CI regression checks" in the README).

Examples:
  $ arena-bench compare base.json head.json
  $ arena-bench compare base/ head/ --reporter markdown          pooled sessions, a PR comment
  $ arena-bench compare base.json head.json --threshold opsPerSec=5,allocatedBytesPerOp=2
  $ arena-bench compare --pairs node20/base.json:node20/head.json node22/base.json:node22/head.json

Exit codes: 0 no regression, 1 a significant regression, 2 unreadable, invalid or incompatible file,
3 a scenario failed in the current file.`;

export function compareCommand(setExitCode: (code: number) => void): Command {
  const command = new Command('compare')
    .description('compare two result files: per scenario, mode and metric, the change with its confidence interval and a verdict')
    .argument('[baseline]', 'the result file(s) to compare against')
    .argument('[current]', 'the result file(s) of the code under test')
    .option('--pairs <baseline:current...>', 'several pairs compared as one check (a CI matrix: one pair per machine or runtime)');
  return withComparisonOptions(command)
    .addOption(new Option('--reporter <name>', 'how to print the comparison').choices(COMPARISON_REPORTERS).default('table'))
    .addHelpText('after', EXAMPLES)
    .action(async (baseline: string | undefined, current: string | undefined, options: CompareCommandOptions) =>
      setExitCode(await compare(baseline, current, options)),
    );
}
