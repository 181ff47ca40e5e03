/** `arena-bench run`: options → settings → cases → measured and written as they go → reported, compared, an exit code. */

import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { compareResults } from '../../compare/compare.js';
import type { LabeledResult } from '../../compare/model.js';
import { filesOf, readSide } from '../../compare/sides.js';
import { ExitCode, messageOf, UserError } from '../../errors.js';
import { DEFAULT_TIMELINE_POINTS } from '../../measure/child/timeline.js';
import { readConfigInChild } from '../../measure/describe.js';
import { CHANGED_RESULTS } from '../../measure/paired.js';
import { applyConfig, CONFIG_FILES, findConfigFile, loadConfig } from '../../plan/config.js';
import { type Case, type ParamOverrides, parseParamOverride } from '../../plan/plan.js';
import { checkBaseTree } from '../../plan/trees.js';
import { COLUMN_NAMES } from '../../reporters/document/columns.js';
import { htmlReport } from '../../reporters/html/render.js';
import { REPORTER_NAMES, type ReporterName, reporters } from '../../reporters/index.js';
import { DEFAULT_ALLOCATION_SITES } from '../../results/allocation-sites.js';
import { HeapProfileWriter, heapProfilesDirectory } from '../../results/heap-profiles.js';
import { type ResultFile, writeResultFile } from '../../results/result.js';
import { visible } from '../../text/visible.js';
import {
  columnList,
  commaList,
  duration,
  nonNegativeInteger,
  percentage,
  positiveInteger,
  shardOption,
} from '../arguments.js';
import { claimOutputs, type InputPath, type OutputPath } from '../claim-outputs.js';
import {
  type ComparisonFlags,
  compareOptionsFrom,
  recordedCheck,
  withComparisonOptions,
} from '../comparing/options.js';
import { jobSummaryOutputs, refuseBaselineWithoutCommonCases, reportComparison } from '../comparing/print.js';
import { writeHtmlFile } from '../html-file.js';
import { STOP_SIGNALS } from '../interruption.js';
import { planRun } from '../run/cases.js';
import { type RunRecording, recordRun } from '../run/recording.js';
import { basePathOf, newResultFile } from '../run/result-file.js';
import {
  AGAINST,
  DEFAULT_MAX_RUNS,
  DEFAULTS,
  QUICK,
  RUNS_LIMIT,
  runSettings,
  SAME_PROCESS,
  type SettingsFlags,
  sameProcessPairing,
  sequentialStopping,
  TIMER_LIMIT,
} from '../run/settings.js';
import { terminalWidth, useColor, writeWrapped } from '../terminal.js';

interface RunOptions extends ComparisonFlags, SettingsFlags {
  baseline?: string;
  param: ParamOverrides;
  out?: string;
  reporter: ReporterName;
  html?: string;
  columns?: string[] | 'all';
}

function collectParam(text: string, previous: ParamOverrides): ParamOverrides {
  try {
    return parseParamOverride(text, previous);
  } catch (error) {
    throw new InvalidArgumentError(messageOf(error));
  }
}

function defaultOutPath(now: Date): string {
  return resolve('results', `${now.toISOString().replace(/[:.]/g, '-')}.json`);
}

/** Every file an invocation reads, none of which its outputs may overwrite. */
async function inputsOf(
  options: RunOptions,
  configFile: string | undefined,
  cases: readonly Case[],
): Promise<InputPath[]> {
  const inputs: InputPath[] = [];
  for (const path of options.baseline ? await filesOf(options.baseline) : [])
    inputs.push({ what: 'the baseline', path });
  if (configFile) inputs.push({ what: 'the config file', path: configFile });
  for (const { loaded } of cases) {
    if (loaded.source !== 'builtin') inputs.push({ what: 'the scenario file', path: fileURLToPath(loaded.moduleUrl) });
  }
  return inputs;
}

async function run(targets: string[], options: RunOptions, configFile: string | undefined): Promise<number> {
  if (options.against && options.baseline)
    throw new UserError(
      '--against and --baseline both name what to compare with',
      'give one: --against <dir> measures both trees now, --baseline <file> reads a result',
    );
  // Read the baseline first: an unreadable one is exit 2 now, not after minutes of measuring.
  const baseline = options.baseline ? await readSide(options.baseline) : undefined;
  const baseTree = options.against ? checkBaseTree(options.against) : undefined;
  const settings = runSettings(options);
  const { cases, pairs, readCases } = await planRun(targets, settings, options.param, baseTree);
  const pairing = sameProcessPairing(options, pairs.length);
  const checking = compareOptionsFrom(options);
  const stopping = pairing && sequentialStopping(pairs, settings, checking);
  if (pairing && stopping) Object.assign(settings, { pairing, sequential: stopping.design });
  // Recorded in both files, so that comparing them later decides as this check does.
  if (baseline || baseTree) settings.check = recordedCheck(checking);

  const outputs: OutputPath[] = [{ flag: '--out', path: options.out ?? defaultOutPath(new Date()) }];
  const outPath = resolve(outputs[0]!.path);
  const basePath = basePathOf(outPath);
  if (baseTree) outputs.push({ flag: "--out's base result", path: basePath });
  if (options.html !== undefined) outputs.push({ flag: '--html', path: options.html });
  if (settings.allocationProfile) {
    outputs.push({ flag: "--alloc-profile's heap profiles", path: heapProfilesDirectory(outPath), folder: true });
    if (baseTree)
      outputs.push({ flag: "the base's heap profiles", path: heapProfilesDirectory(basePath), folder: true });
  }
  if (baseline || baseTree) outputs.push(...jobSummaryOutputs());
  // Paths first: a write over an input would destroy a file; an empty comparison only wastes the invocation.
  await claimOutputs(outputs, await inputsOf(options, configFile, readCases));
  if (baseline) refuseBaselineWithoutCommonCases(cases, baseline);
  const result = newResultFile(baseTree ? { ...settings, against: { side: 'head', baseTree } } : settings);
  const runId = randomUUID();
  const base = baseTree
    ? {
        path: basePath,
        result: newResultFile({ ...settings, against: { side: 'base', baseTree } }),
        pairs,
        pairingId: (index: number) => `${runId}/${index}`,
        ...(stopping ? { stopping } : {}),
        ...(settings.allocationProfile ? { heapProfiles: new HeapProfileWriter(basePath) } : {}),
      }
    : undefined;
  const heapProfiles = settings.allocationProfile ? new HeapProfileWriter(outPath) : undefined;
  const recording: RunRecording = {
    outPath,
    result,
    ...(base ? { base } : {}),
    ...(heapProfiles ? { heapProfiles } : {}),
  };
  const stoppedBy = await recordRun(cases, recording);

  if (stoppedBy) {
    // Every finished case was written as it finished, with "complete": false.
    const kept = result.scenarios.length;
    const baseKept = base ? ` (the base's in ${basePath})` : '';
    writeWrapped(
      process.stderr,
      kept === 0 && (base?.result.scenarios.length ?? 0) === 0
        ? `interrupted by ${stoppedBy} before any scenario finished: no result file was written`
        : `interrupted by ${stoppedBy}: ${kept} finished scenario(s) kept in ${outPath}${baseKept}, marked incomplete ("complete": false)`,
    );
    return STOP_SIGNALS[stoppedBy];
  }
  return finishRun(options, recording, baseline);
}

/** A run that measured everything: the complete files, the printed result and reports, the comparison, the exit code. */
async function finishRun(
  options: RunOptions,
  { outPath, result, base, heapProfiles }: RunRecording,
  readBaseline: LabeledResult | undefined,
): Promise<number> {
  result.complete = true;
  await writeResultFile(outPath, result);
  process.stdout.write(
    reporters[options.reporter](result, {
      color: useColor(process.stdout),
      width: terminalWidth(process.stdout),
      columns: options.columns,
    }),
  );
  writeWrapped(process.stderr, `results written to ${outPath}`);
  if (heapProfiles)
    writeWrapped(
      process.stderr,
      `heap profiles (Chrome DevTools → Memory → Load profile) in ${heapProfiles.directory}`,
    );
  if (base) {
    base.result.complete = true;
    await writeResultFile(base.path, base.result);
    writeWrapped(process.stderr, `the base's results written to ${base.path}`);
    if (base.heapProfiles) writeWrapped(process.stderr, `the base's heap profiles in ${base.heapProfiles.directory}`);
    warnOfChangedResults(result);
  }
  if (options.html) {
    const htmlPath = resolve(options.html);
    await writeHtmlFile(htmlPath, htmlReport(result, { label: outPath }));
    writeWrapped(process.stderr, `report written to ${htmlPath}`);
  }

  // Under --against the base just measured is the baseline.
  const baseline = base ? { label: base.path, result: base.result } : readBaseline;
  let exitCode: number = ExitCode.ok;
  if (baseline) {
    const comparison = compareResults([{ baseline, current: { label: outPath, result } }], compareOptionsFrom(options));
    // The result file owns stdout under --reporter json; the comparison then goes to stderr as a table.
    const json = options.reporter === 'json';
    if (!json) process.stdout.write('\n');
    exitCode = await reportComparison(comparison, json ? 'table' : options.reporter, {
      verbose: options.verbose ?? false,
      stream: json ? process.stderr : process.stdout,
    });
  }

  const failed = result.scenarios.filter((caseResult) => caseResult.status === 'failed');
  if (failed.length > 0) {
    writeWrapped(
      process.stderr,
      `${failed.length} scenario(s) failed: ${failed.map((caseResult) => visible(caseResult.name)).join(', ')}`,
    );
    return Math.max(exitCode, ExitCode.scenarioFailed);
  }
  return exitCode;
}

/**
 * A head that computes something else than its base is still compared (a pull request may mean to
 * change results), but said loudly: its speed is no longer the same work's speed.
 */
function warnOfChangedResults(result: ResultFile): void {
  for (const caseResult of result.scenarios) {
    for (const warning of caseResult.warnings.filter((text) => text.startsWith(CHANGED_RESULTS))) {
      writeWrapped(process.stderr, `warning: ${caseResult.name}: ${warning}`);
      if (process.env.GITHUB_ACTIONS === 'true')
        process.stdout.write(
          `::warning title=arena-bench: ${caseResult.name} computes different results::${warning}\n`,
        );
    }
  }
}

const EXAMPLES = `
Examples:
  $ arena-bench run                               the whole built-in suite
  $ arena-bench run message-buffering --quick     one scenario, short settings
  $ arena-bench run ./my.scenario.mjs --runs 10   your own scenario file
  $ arena-bench run message-buffering --param messages=100,10000
  $ arena-bench run --v8-flags="--max-semi-space-size=64" --reporter markdown
  $ arena-bench run --baseline results/main.json  exit 1 on a regression
  $ arena-bench run --shard 2/3                   the 2nd of 3 slices
  base and head in pairs, each in one process, into r.base.json and r.json:
  $ arena-bench run --against ../base --out r.json

Exit codes: 0 ok, 1 significant regression, 2 usage or input error,
3 a scenario failed (threw, timed out, crashed, out of memory, modes disagree),
130 / 143 / 129 stopped by SIGINT / SIGTERM / SIGHUP (finished scenarios kept).`;

export function runCommand(setExitCode: (code: number) => void): Command {
  return withComparisonOptions(new Command('run'))
    .description(
      'run paired scenarios (heap vs arena, …) in child processes and report GC cost; --against compares two trees',
    )
    .argument('[targets...]', 'built-in scenario names or paths to scenario files (default: the built-in suite)')
    .option('--modes <list>', 'comma-separated modes to run (default: all of each scenario)', commaList)
    .option(
      '--runs <n>',
      `runs per mode, each in a child process; under --against the pairs every case takes first (default ${DEFAULTS.runs}, quick ${QUICK.runs}, --against ${AGAINST.runs})`,
      positiveInteger('--runs', RUNS_LIMIT),
    )
    .option(
      '--time <ms>',
      `measured time per run, or a scenario's longer minTimeMs (default ${DEFAULTS.timeMs}, quick ${QUICK.timeMs})`,
      positiveInteger('--time', TIMER_LIMIT),
    )
    .option(
      '--warmup <ms>',
      `warm-up time per run (default ${DEFAULTS.warmupMs}, quick ${QUICK.warmupMs})`,
      nonNegativeInteger('--warmup', TIMER_LIMIT),
    )
    .option('--quick', 'short settings for smoke checks and CI')
    .option(
      '--param <name=value>',
      'override a scenario parameter; a,b,c sweeps it (repeatable)',
      collectParam,
      new Map(),
    )
    .option(
      '--timeout <ms>',
      'kill a child that takes longer than this',
      positiveInteger('--timeout', TIMER_LIMIT),
      DEFAULTS.timeoutMs,
    )
    .option(
      '--v8-flags <flags>',
      'V8 flags for every child, e.g. "--max-semi-space-size=64"; given again, another set to run everything under',
      (text: string, sets: string[][]) => [...sets, text.split(/\s+/).filter(Boolean)],
      [],
    )
    .option(
      '--node <path>',
      'run the children on this Node.js binary; given again, another runtime to compare',
      (path: string, paths: string[]) => [...paths, path],
      [],
    )
    .option('--out <file>', 'where to write the result file (default: results/<timestamp>.json)')
    .option(
      '--html <file>',
      'also write a self-contained HTML report (charts of throughput, GC pauses and memory over time)',
    )
    .option(
      '--timeline-points <n>',
      `heap samples and GC pauses kept per run for the report's timeline; 0: none (default ${DEFAULT_TIMELINE_POINTS})`,
      nonNegativeInteger('--timeline-points'),
    )
    .option(
      '--alloc-profile',
      'profile every run in an untimed child with inlining off: where each mode allocates, what of it survives a scavenge, and .heapprofile files beside the result',
    )
    .option('--no-alloc-survival', 'with --alloc-profile: skip the survival pass (sites without surviving bytes)')
    .option(
      '--alloc-sites <n>',
      `allocation sites kept per mode (implies --alloc-profile; default ${DEFAULT_ALLOCATION_SITES})`,
      positiveInteger('--alloc-sites'),
    )
    .option(
      '--against <dir>',
      'also measure this checkout of the base in pairs beside this tree, and compare: exit 1 on a significant regression',
    )
    .addOption(
      new Option(
        '--pairing <how>',
        'under --against: time base and head in alternating slices of one process (same-process, the default), or in a fresh process each (processes)',
      ).choices(['same-process', 'processes']),
    )
    .addOption(
      new Option(
        '--isolation <how>',
        `same-process pairing: both trees in one V8 heap (shared, the default) or a Worker and heap each (worker)`,
      ).choices(['shared', 'worker']),
    )
    .option(
      '--slice <ms>',
      `same-process pairing: how long each side runs before the other takes over (default ${SAME_PROCESS.sliceMs})`,
      positiveInteger('--slice', TIMER_LIMIT),
    )
    .option(
      '--budget <duration>',
      `same-process pairing: the time the whole comparison may take, e.g. 6m; cases stop once decided (default ${SAME_PROCESS.budgetPerCaseMs / 1000} s a case)`,
      duration('--budget'),
    )
    .option(
      '--precision <percent>',
      `add runs to each case until its ops/s interval (of the head/base ratio under --against --pairing processes) is within ± this percent (default there ${AGAINST.precisionPercent})`,
      percentage('--precision'),
    )
    .option(
      '--max-runs <n>',
      `the most runs --precision gives a mode (default ${DEFAULT_MAX_RUNS}; --pairing processes ${AGAINST.maxRuns}), or the most pairs a case takes under same-process pairing (default ${SAME_PROCESS.maxPairs}, or --runs if more)`,
      positiveInteger('--max-runs', RUNS_LIMIT),
    )
    .option(
      '--shard <i/n>',
      'run only the i-th of n slices of the cases, balanced by planned time (a CI matrix job each)',
      shardOption,
    )
    .option(
      '--baseline <file>',
      'compare with this result file (or comma-separated files, or a directory) and exit 1 on a significant regression',
    )
    .addOption(new Option('--reporter <name>', 'how to print the result').choices(REPORTER_NAMES).default('table'))
    .option(
      '--columns <list|all>',
      `the table's columns, comma-separated, or all (default: as many as the terminal's width allows, most important first): ${COLUMN_NAMES.join(', ')}`,
      columnList,
    )
    .option(
      '--config <file>',
      `settings to start from (default: ${CONFIG_FILES[0]} or another ${CONFIG_FILES.length - 1} names, if present); options given here win`,
    )
    .addHelpText('after', EXAMPLES)
    .action(async (targets: string[], _options: RunOptions, command: Command) => {
      const configPath = command.getOptionValue('config') as string | undefined;
      const configFile = configPath ? resolve(configPath) : findConfigFile(process.cwd());
      // The config cannot set the timeout it is read under: the command line's, or the default.
      const timeoutMs = command.getOptionValue('timeout') as number;
      const config = configFile
        ? await loadConfig(configFile, (moduleUrl, source) => readConfigInChild(moduleUrl, source, timeoutMs))
        : undefined;
      if (config) applyConfig(command, config);
      setExitCode(
        await run(targets.length ? targets : (config?.targets ?? []), command.opts<RunOptions>(), configFile),
      );
    });
}
