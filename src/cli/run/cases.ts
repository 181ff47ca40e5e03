/**
 * What a `run` will measure: the runtimes and flag sets probed, the targets resolved in each tree,
 * the cases (paired with the base's under --against), this shard's part. Everything here can fail
 * with exit 2, before any child is started.
 */

import { UserError } from '../../errors.js';
import { describeInChild } from '../../measure/describe.js';
import { caseWorkMs, childExecArgv, measuredTimeMs } from '../../measure/execute.js';
import type { CasePair } from '../../measure/paired.js';
import { BUILTIN_DIRECTORY, namesBuiltins, resolveTargets } from '../../plan/catalog.js';
import { type Case, type ParamOverrides, planCases, variantsOf } from '../../plan/plan.js';
import { checkV8Flags, ownRuntime, probeRuntime } from '../../plan/runtime.js';
import { shardOf } from '../../plan/shard.js';
import { builtinDirectoryOf, pairCases } from '../../plan/trees.js';
import type { Settings } from '../../results/result.js';

export interface RunCases {
  /** This shard's cases of the current tree (all of them without --shard). */
  cases: Case[];
  /** Under --against, this shard's cases of both trees, matched. */
  pairs: CasePair[];
  /** Every case either tree would read its scenario file for, across all shards: the inputs no output may overwrite. */
  readCases: Case[];
}

export async function planRun(
  targets: string[],
  settings: Settings,
  params: ParamOverrides,
  baseTree: string | undefined,
): Promise<RunCases> {
  const runtimes = settings.node.length
    ? settings.node.map((path) => probeRuntime(path, childExecArgv([])))
    : [ownRuntime()];
  const variants = variantsOf(settings.v8FlagSets, runtimes);
  for (const { runtime, v8Flags } of variants) checkV8Flags(runtime, v8Flags, childExecArgv(v8Flags));
  const builtins = namesBuiltins(targets);
  // Scenario files are user code: each is imported in a child, never here.
  const load = (moduleUrl: string, source: string) => describeInChild(moduleUrl, source, settings.timeoutMs);
  const treeCases = async (root: string, side: 'base' | 'head') => {
    const builtinDirectory = builtins ? builtinDirectoryOf(root, side, BUILTIN_DIRECTORY) : BUILTIN_DIRECTORY;
    const resolved = resolveTargets(targets, { root, builtinDirectory, load });
    return planCases(side === 'base' ? await inBase(resolved, root) : await resolved, params, settings.modes, variants);
  };
  const cases = baseTree
    ? await treeCases(process.cwd(), 'head')
    : planCases(
        await resolveTargets(targets, { root: process.cwd(), builtinDirectory: BUILTIN_DIRECTORY, load }),
        params,
        settings.modes,
        variants,
      );
  if (cases.length === 0) throw new UserError('nothing to run: no selected scenario has the requested modes');
  refuseTimeoutsShorterThanARun(cases, settings);
  const allPairs = baseTree ? pairCases(await treeCases(baseTree, 'base'), cases) : [];
  if (baseTree) refusePairsWithoutCommonCases(allPairs, baseTree);
  const shard = <T>(items: T[], planned: (item: T) => Case) =>
    settings.shard
      ? shardOf(items, (item) => caseWorkMs(planned(item), settings), settings.shard.index, settings.shard.count)
      : items;
  return {
    cases: shard(cases, (planned) => planned),
    pairs: shard(allPairs, (pair) => (pair.head ?? pair.base)!),
    readCases: [...cases, ...allPairs.flatMap((pair) => (pair.base ? [pair.base] : []))],
  };
}

/** The base's targets; a failure there says it is the base's (the usual case: the pull request adds a scenario file). */
async function inBase<T>(resolving: Promise<T>, baseTree: string): Promise<T> {
  try {
    return await resolving;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const missing = /^no (scenario files? in|scenario file at|file matches) /.test(error.message);
    throw new UserError(
      `in the base (--against ${baseTree}): ${error.message}`,
      missing
        ? 'a scenario file the head adds has nothing to be compared with yet: run it without --against, or name only files both trees have'
        : error.hint,
      error.exitCode,
    );
  }
}

/** A paired run none of whose cases is in both trees would compare nothing: exit 2 now, not after measuring both. */
function refusePairsWithoutCommonCases(pairs: readonly CasePair[], baseTree: string): void {
  const common = pairs.some(({ base, head }) => base && head?.modes.some((mode) => base.modes.includes(mode)));
  if (common) return;
  const list = (side: 'base' | 'head') => {
    const cases = pairs.flatMap((pair) => (pair[side] ? [describePlanned(pair[side])] : []));
    return cases.length ? [...new Set(cases)].join(', ') : 'no scenarios';
  };
  throw new UserError(
    `nothing would be compared: no case the head measures, in the modes it measures, is in the base (--against ${baseTree})\n` +
      `  base: ${list('base')}\n  head: ${list('head')}`,
    'measure the same scenarios with the same parameters and modes in both trees',
  );
}

const describePlanned = ({ loaded, params, modes }: Case) =>
  [loaded.scenario.name, ...Object.entries(params).map(([name, value]) => `${name}=${String(value)}`)].join(' ') +
  ` (${modes.join(', ')})`;

function refuseTimeoutsShorterThanARun(cases: readonly Case[], settings: Settings): void {
  for (const { loaded } of cases) {
    const runMs = settings.warmupMs + measuredTimeMs(loaded.scenario, settings);
    if (runMs >= settings.timeoutMs) {
      throw new UserError(
        `--timeout ${settings.timeoutMs} ms would end every run of ${loaded.scenario.name}: its warm-up and timed pass alone take ${runMs} ms`,
        'raise --timeout, or lower --time and --warmup',
      );
    }
  }
}
