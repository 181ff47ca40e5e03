/** `arena-bench run`: plan, execute, write the result file after every scenario, report. */
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { resolveTargets } from '../catalog.js';
import { CONFIG_FILES, applyConfig, findConfigFile, loadConfig, type RunConfig } from '../config.js';
import { describeEnvironment, TOOL_VERSION } from '../environment.js';
import { ExitCode, UserError, messageOf } from '../errors.js';
import { childExecArgv, executePlan, type JobProgress } from '../execute.js';
import { parseParamOverride, planCases, variantsOf, type ParamOverrides } from '../plan.js';
import { reporters, REPORTER_NAMES, type ReporterName } from '../reporters/index.js';
import { SCHEMA_VERSION, writeResultFile, type ResultFile, type Settings } from '../result.js';
import { checkV8Flags, ownRuntime, probeRuntime } from '../runtime.js';
import { useColor } from '../terminal.js';
import { commaList, nonNegativeInteger, positiveInteger } from './arguments.js';

const DEFAULTS = { runs: 5, timeMs: 500, warmupMs: 200, timeoutMs: 120_000 };
const QUICK = { runs: 3, timeMs: 150, warmupMs: 50 };

interface RunOptions {
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

function progressLine({ index, total, scenario, mode, run }: JobProgress): string {
  const what = mode === 'verify' ? 'verifying checksums' : `${mode} run ${run + 1}`;
  return `\r\x1b[2K[${index}/${total}] ${scenario}: ${what}`;
}

async function loadFoundConfig(): Promise<RunConfig | undefined> {
  const found = findConfigFile(process.cwd());
  return found ? loadConfig(found) : undefined;
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
  };
}

async function run(targets: string[], options: RunOptions): Promise<number> {
  const settings = settingsFrom(options);
  const runtimes = settings.node.length ? settings.node.map(probeRuntime) : [ownRuntime()];
  const variants = variantsOf(settings.v8FlagSets, runtimes);
  for (const { runtime, v8Flags } of variants) checkV8Flags(runtime, v8Flags);
  const cases = planCases(await resolveTargets(targets), options.param, settings.modes, variants);
  if (cases.length === 0) throw new UserError('nothing to run: no selected scenario has the requested modes');

  const outPath = options.out ? resolve(options.out) : defaultOutPath(new Date());
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
  const showProgress = Boolean(process.stderr.isTTY);
  try {
    await executePlan(cases, settings, {
      signal: interrupt.signal,
      onJobStart: showProgress ? (progress) => process.stderr.write(progressLine(progress)) : undefined,
      async onCaseDone(scenario, heap) {
        result.scenarios.push(scenario);
        result.environment.heap ??= heap;
        // Written after every scenario, so an interruption or a later crash loses nothing measured.
        await writeResultFile(outPath, result);
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    if (showProgress) process.stderr.write('\r\x1b[2K');
  }

  if (interrupt.signal.aborted) {
    process.stderr.write(`interrupted: ${result.scenarios.length} finished scenario(s) kept in ${outPath}\n`);
    return ExitCode.interrupted;
  }
  result.complete = true;
  await writeResultFile(outPath, result);
  process.stdout.write(reporters[options.reporter](result, { color: useColor(process.stdout) }));
  process.stderr.write(`results written to ${outPath}\n`);

  const failed = result.scenarios.filter((scenario) => scenario.status === 'failed');
  if (failed.length > 0) {
    process.stderr.write(`${failed.length} scenario(s) failed: ${failed.map((scenario) => scenario.name).join(', ')}\n`);
    return ExitCode.scenarioFailed;
  }
  return ExitCode.ok;
}

const EXAMPLES = `
Examples:
  $ arena-bench run                                   the whole built-in suite
  $ arena-bench run message-buffering --quick         one scenario, short settings
  $ arena-bench run ./my.scenario.mjs --runs 10       your own scenario file
  $ arena-bench run message-buffering --param messages=100,10000
  $ arena-bench run --v8-flags="--max-semi-space-size=64" --reporter markdown

Exit codes: 0 ok, 1 significant regression, 2 usage or input error,
3 a scenario failed (threw, timed out, crashed, out of memory, modes disagree), 130 interrupted.`;

export function runCommand(setExitCode: (code: number) => void): Command {
  return new Command('run')
    .description('run paired scenarios (heap vs arena, …) in fresh processes and report GC cost')
    .argument('[targets...]', 'built-in scenario names or paths to scenario files (default: the built-in suite)')
    .option('--modes <list>', 'comma-separated modes to run (default: all of each scenario)', commaList)
    .option('--runs <n>', `child processes per mode (default ${DEFAULTS.runs}, quick ${QUICK.runs})`, positiveInteger('--runs'))
    .option('--time <ms>', `measured time per run (default ${DEFAULTS.timeMs}, quick ${QUICK.timeMs})`, positiveInteger('--time'))
    .option('--warmup <ms>', `warm-up time per run (default ${DEFAULTS.warmupMs}, quick ${QUICK.warmupMs})`, nonNegativeInteger('--warmup'))
    .option('--quick', 'short settings for smoke checks and CI')
    .option('--param <name=value>', 'override a scenario parameter; a,b,c sweeps it (repeatable)', collectParam, new Map())
    .option('--timeout <ms>', 'kill a child that takes longer than this', positiveInteger('--timeout'), DEFAULTS.timeoutMs)
    .option(
      '--v8-flags <flags>',
      'V8 flags for every child, e.g. "--max-semi-space-size=64"; given again, another set to run everything under',
      (text: string, sets: string[][]) => [...sets, text.split(/\s+/).filter(Boolean)],
      [],
    )
    .option('--node <path>', 'run the children on this Node.js binary; given again, another runtime to compare', (path: string, paths: string[]) => [...paths, path], [])
    .option('--out <file>', 'where to write the result file (default: results/<timestamp>.json)')
    .addOption(new Option('--reporter <name>', 'how to print the result').choices(REPORTER_NAMES).default('table'))
    .option('--config <file>', `settings to start from (default: ${CONFIG_FILES[0]} or another ${CONFIG_FILES.length - 1} names, if present); options given here win`)
    .addHelpText('after', EXAMPLES)
    .action(async (targets: string[], _options: RunOptions, command: Command) => {
      const configPath = command.getOptionValue('config') as string | undefined;
      const config = configPath ? await loadConfig(resolve(configPath)) : await loadFoundConfig();
      if (config) applyConfig(command, config);
      setExitCode(await run(targets.length ? targets : (config?.targets ?? []), command.opts<RunOptions>()));
    });
}
