/** `arena-bench run`: plan, execute, write the result file after every scenario, report. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { resolveTargets } from '../../plan/catalog.js';
import { compareResults } from '../../compare/compare.js';
import { CONFIG_FILES, applyConfig, findConfigFile, loadConfig } from '../../plan/config.js';
import { describeEnvironment, TOOL_VERSION } from '../../results/environment.js';
import { ExitCode, UserError, messageOf } from '../../errors.js';
import { childExecArgv, executePlan, measuredTimeMs } from '../../measure/execute.js';
import { parseParamOverride, planCases, variantsOf, type Case, type ParamOverrides } from '../../plan/plan.js';
import { ProgressBar } from '../progress.js';
import { htmlReport } from '../../reporters/html.js';
import { COLUMN_NAMES } from '../../reporters/columns.js';
import { reporters, REPORTER_NAMES, type ReporterName } from '../../reporters/index.js';
import { SCHEMA_VERSION, writeResultFile, type ResultFile, type Settings } from '../../results/result.js';
import { checkV8Flags, ownRuntime, probeRuntime } from '../../plan/runtime.js';
import { terminalWidth, useColor, writeWrapped } from '../terminal.js';
import { visible } from '../../reporters/escape.js';
import { DEFAULT_TIMELINE_POINTS } from '../../measure/child/timeline.js';
import { MAX_TIMER_MS, columnList, commaList, nonNegativeInteger, positiveInteger } from '../arguments.js';
import { filesOf, readSide } from '../../compare/sides.js';
import { claimOutputs, type InputPath } from '../claim-outputs.js';
import { compareOptionsFrom, withComparisonOptions, type ComparisonFlags } from '../comparison-options.js';
import { writeHtmlFile } from '../html-file.js';
import { reportComparison, summaryOutputs } from '../print-comparison.js';

const DEFAULTS = { runs: 6, timeMs: 500, warmupMs: 200, timeoutMs: 120_000 };
/** Runs per mode: beyond this a scenario takes hours; pool several result files of one machine instead. */
const MAX_RUNS = 1000;
const TIMER_LIMIT = { maximum: MAX_TIMER_MS, because: 'the longest timer Node.js can set (about 24.8 days)' };
const QUICK = { runs: 3, timeMs: 150, warmupMs: 50 };

interface RunOptions extends ComparisonFlags {
  baseline?: string;
  modes?: string[];
  runs?: number;
  time?: number;
  warmup?: number;
  quick?: boolean;
  param: ParamOverrides;
  timeout: number;
  v8Flags: string[][];
  node: string[];
  out?: string;
  reporter: ReporterName;
  columns?: string[] | 'all';
  html?: string;
  timelinePoints?: number;
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

/** Every file a run reads, none of which its outputs may overwrite. */
async function inputsOf(options: RunOptions, configFile: string | undefined, cases: readonly Case[]): Promise<InputPath[]> {
  const inputs: InputPath[] = [];
  for (const path of options.baseline ? await filesOf(options.baseline) : []) inputs.push({ what: 'the baseline', path });
  if (configFile) inputs.push({ what: 'the config file', path: configFile });
  for (const { loaded } of cases) {
    if (loaded.source !== 'builtin') inputs.push({ what: 'the scenario file', path: fileURLToPath(loaded.moduleUrl) });
  }
  return inputs;
}

function settingsFrom(options: RunOptions): Settings {
  const quick = options.quick ?? false;
  return {
    runs: options.runs ?? (quick ? QUICK.runs : DEFAULTS.runs),
    timeMs: options.time ?? (quick ? QUICK.timeMs : DEFAULTS.timeMs),
    warmupMs: options.warmup ?? (quick ? QUICK.warmupMs : DEFAULTS.warmupMs),
    timeoutMs: options.timeout,
    v8FlagSets: options.v8Flags,
    node: options.node,
    modes: options.modes ?? null,
    quick,
    timelinePoints: options.timelinePoints ?? DEFAULT_TIMELINE_POINTS,
  };
}

async function run(targets: string[], options: RunOptions, configFile: string | undefined): Promise<number> {
  // Read the baseline first: an unreadable one is exit 2 now, not after minutes of measuring.
  const baseline = options.baseline ? await readSide(options.baseline) : undefined;
  const settings = settingsFrom(options);
  const runtimes = settings.node.length ? settings.node.map((path) => probeRuntime(path, childExecArgv([]))) : [ownRuntime()];
  const variants = variantsOf(settings.v8FlagSets, runtimes);
  for (const { runtime, v8Flags } of variants) checkV8Flags(runtime, v8Flags, childExecArgv(v8Flags));
  const cases = planCases(await resolveTargets(targets), options.param, settings.modes, variants);
  if (cases.length === 0) throw new UserError('nothing to run: no selected scenario has the requested modes');
  for (const { loaded } of cases) {
    const runMs = settings.warmupMs + measuredTimeMs(loaded.scenario, settings);
    if (runMs >= settings.timeoutMs) {
      throw new UserError(`--timeout ${settings.timeoutMs} ms would end every run of ${loaded.scenario.name}: its warm-up and timed pass alone take ${runMs} ms`, 'raise --timeout, or lower --time and --warmup');
    }
  }

  const outputs = [{ flag: '--out', path: options.out ?? defaultOutPath(new Date()) }];
  if (options.html !== undefined) outputs.push({ flag: '--html', path: options.html });
  if (baseline) outputs.push(...summaryOutputs());
  await claimOutputs(outputs, await inputsOf(options, configFile, cases));
  const outPath = resolve(outputs[0]!.path);
  const result: ResultFile = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'arena-bench', version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    complete: false,
    environment: describeEnvironment(childExecArgv(settings.v8FlagSets.length === 1 ? settings.v8FlagSets[0]! : [])),
    settings,
    scenarios: [],
  };

  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  // A bar with an estimate of the time left, on a terminal only: CI logs stay clean.
  const progress = process.stderr.isTTY ? new ProgressBar(process.stderr) : undefined;
  try {
    await executePlan(cases, settings, {
      signal: interrupt.signal,
      onJobStart: progress ? (job) => progress.update(job) : undefined,
      async onCaseDone(scenario) {
        result.scenarios.push(scenario);
        // Written after every scenario, so an interruption or a later crash loses nothing measured.
        await writeResultFile(outPath, result);
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress?.clear();
  }

  if (interrupt.signal.aborted) {
    writeWrapped(process.stderr, `interrupted: ${result.scenarios.length} finished scenario(s) kept in ${outPath}`);
    return ExitCode.interrupted;
  }
  result.complete = true;
  await writeResultFile(outPath, result);
  process.stdout.write(reporters[options.reporter](result, { color: useColor(process.stdout), width: terminalWidth(process.stdout), columns: options.columns }));
  writeWrapped(process.stderr, `results written to ${outPath}`);
  if (options.html) {
    const htmlPath = resolve(options.html);
    await writeHtmlFile(htmlPath, htmlReport(result, { label: outPath }));
    writeWrapped(process.stderr, `report written to ${htmlPath}`);
  }

  let exitCode: number = ExitCode.ok;
  if (baseline) {
    const comparison = compareResults([{ baseline, current: { label: outPath, result } }], compareOptionsFrom(options));
    // The result file owns stdout under --reporter json; the comparison then goes to stderr as a table.
    const json = options.reporter === 'json';
    if (!json) process.stdout.write('\n');
    exitCode = await reportComparison(comparison, json ? 'table' : options.reporter, { verbose: options.verbose ?? false, stream: json ? process.stderr : process.stdout });
  }

  const failed = result.scenarios.filter((scenario) => scenario.status === 'failed');
  if (failed.length > 0) {
    writeWrapped(process.stderr, `${failed.length} scenario(s) failed: ${failed.map((scenario) => visible(scenario.name)).join(', ')}`);
    return Math.max(exitCode, ExitCode.scenarioFailed);
  }
  return exitCode;
}

const EXAMPLES = `
Examples:
  $ arena-bench run                                   the whole built-in suite
  $ arena-bench run message-buffering --quick         one scenario, short settings
  $ arena-bench run ./my.scenario.mjs --runs 10       your own scenario file
  $ arena-bench run message-buffering --param messages=100,10000
  $ arena-bench run --v8-flags="--max-semi-space-size=64" --reporter markdown
  $ arena-bench run --baseline results/main.json      exit 1 on a significant regression

Exit codes: 0 ok, 1 significant regression, 2 usage or input error,
3 a scenario failed (threw, timed out, crashed, out of memory, modes disagree), 130 interrupted.`;

export function runCommand(setExitCode: (code: number) => void): Command {
  return withComparisonOptions(new Command('run'))
    .description('run paired scenarios (heap vs arena, …) in fresh processes and report GC cost')
    .argument('[targets...]', 'built-in scenario names or paths to scenario files (default: the built-in suite)')
    .option('--modes <list>', 'comma-separated modes to run (default: all of each scenario)', commaList)
    .option('--runs <n>', `child processes per mode (default ${DEFAULTS.runs}, quick ${QUICK.runs})`, positiveInteger('--runs', { maximum: MAX_RUNS, because: 'more take hours per scenario; pool several result files instead' }))
    .option('--time <ms>', `measured time per run, or a scenario's longer minTimeMs (default ${DEFAULTS.timeMs}, quick ${QUICK.timeMs})`, positiveInteger('--time', TIMER_LIMIT))
    .option('--warmup <ms>', `warm-up time per run (default ${DEFAULTS.warmupMs}, quick ${QUICK.warmupMs})`, nonNegativeInteger('--warmup', TIMER_LIMIT))
    .option('--quick', 'short settings for smoke checks and CI')
    .option('--param <name=value>', 'override a scenario parameter; a,b,c sweeps it (repeatable)', collectParam, new Map())
    .option('--timeout <ms>', 'kill a child that takes longer than this', positiveInteger('--timeout', TIMER_LIMIT), DEFAULTS.timeoutMs)
    .option(
      '--v8-flags <flags>',
      'V8 flags for every child, e.g. "--max-semi-space-size=64"; given again, another set to run everything under',
      (text: string, sets: string[][]) => [...sets, text.split(/\s+/).filter(Boolean)],
      [],
    )
    .option('--node <path>', 'run the children on this Node.js binary; given again, another runtime to compare', (path: string, paths: string[]) => [...paths, path], [])
    .option('--out <file>', 'where to write the result file (default: results/<timestamp>.json)')
    .option('--html <file>', 'also write a self-contained HTML report (charts of throughput, GC pauses and memory over time)')
    .option('--timeline-points <n>', `heap samples and GC pauses kept per run for the report's timeline; 0: none (default ${DEFAULT_TIMELINE_POINTS})`, nonNegativeInteger('--timeline-points'))
    .option('--baseline <file>', 'compare with this result file (or comma-separated files, or a directory) and exit 1 on a significant regression')
    .addOption(new Option('--reporter <name>', 'how to print the result').choices(REPORTER_NAMES).default('table'))
    .option('--columns <list|all>', `the table's columns, comma-separated, or all (default: as many as the terminal's width allows, most important first): ${COLUMN_NAMES.join(', ')}`, columnList)
    .option('--config <file>', `settings to start from (default: ${CONFIG_FILES[0]} or another ${CONFIG_FILES.length - 1} names, if present); options given here win`)
    .addHelpText('after', EXAMPLES)
    .action(async (targets: string[], _options: RunOptions, command: Command) => {
      const configPath = command.getOptionValue('config') as string | undefined;
      const configFile = configPath ? resolve(configPath) : findConfigFile(process.cwd());
      const config = configFile ? await loadConfig(configFile) : undefined;
      if (config) applyConfig(command, config);
      setExitCode(await run(targets.length ? targets : (config?.targets ?? []), command.opts<RunOptions>(), configFile));
    });
}
