/** `run`'s options → the settings a result file records: the defaults, `--quick` and `--against`'s own, and their limits. */

import { DEFAULT_GATE, DEFAULT_PAIRED_THRESHOLDS } from '../../compare/metrics.js';
import type { CompareOptions } from '../../compare/model.js';
import { UserError } from '../../errors.js';
import type { DuetIsolation } from '../../measure/child/sample.js';
import { DEFAULT_TIMELINE_POINTS } from '../../measure/child/timeline.js';
import type { CasePair, SequentialStopping } from '../../measure/paired.js';
import { DEFAULT_ALLOCATION_SITES } from '../../results/allocation-sites.js';
import type { SameProcessPairing, Settings } from '../../results/result.js';
import { DEFAULT_RHO } from '../../stats/sequential.js';
import { MAX_TIMER_MS } from '../arguments.js';

export const DEFAULTS = { runs: 6, timeMs: 500, warmupMs: 100, timeoutMs: 120_000 };
export const QUICK = { runs: 3, timeMs: 150, warmupMs: 50 };
/** Under --against, pairs are added until each ratio is known this well: docs/statistics.md, "Paired runs". */
export const AGAINST = { runs: 6, timeMs: 300, warmupMs: 100, precisionPercent: 2, maxRuns: 10 };
/**
 * Same-process pairing, --against's default: the slice each side is timed in, and the budget per
 * case (six minutes for the nine cases of the built-in suite). docs/statistics.md, "Same-process pairing".
 */
export const SAME_PROCESS = {
  sliceMs: 25,
  budgetPerCaseMs: 40_000,
  isolation: 'shared' as DuetIsolation,
  maxPairs: 20,
};
/** --precision in a plain run: the most runs a mode gets. */
export const DEFAULT_MAX_RUNS = 30;
/** Runs per mode: beyond this a scenario takes hours; pool several result files of one machine instead. */
export const RUNS_LIMIT = { maximum: 1000, because: 'more take hours per scenario; pool several result files instead' };
export const TIMER_LIMIT = { maximum: MAX_TIMER_MS, because: 'the longest timer Node.js can set (about 24.8 days)' };

/** The options that decide the settings, as commander parsed them. */
export interface SettingsFlags {
  modes?: string[];
  runs?: number;
  time?: number;
  warmup?: number;
  quick?: boolean;
  timeout: number;
  v8Flags: string[][];
  node: string[];
  timelinePoints?: number;
  allocProfile?: boolean;
  allocSites?: number;
  /** False with --no-alloc-survival. */
  allocSurvival?: boolean;
  against?: string;
  precision?: number;
  maxRuns?: number;
  shard?: { index: number; count: number };
  pairing?: 'same-process' | 'processes';
  isolation?: DuetIsolation;
  slice?: number;
  budget?: number;
}

/** The options that only mean something with same-process pairing, refused without it. */
function checkPairingFlags(flags: SettingsFlags): void {
  const given = (['isolation', 'slice', 'budget'] as const).filter((flag) => flags[flag] !== undefined);
  if (given.length === 0) return;
  const named = given.map((flag) => `--${flag}`).join(', ');
  if (flags.against === undefined)
    throw new UserError(`${named} only apply to run --against`, 'add --against <base checkout>, or leave them out');
  if (flags.pairing === 'processes')
    throw new UserError(
      `${named} only apply to same-process pairing, and --pairing processes is given`,
      'leave out --pairing processes, or leave them out',
    );
}

/** `run --against`'s same-process pairing; the budget by default scales with the cases it will measure. */
export function sameProcessPairing(flags: SettingsFlags, cases: number): SameProcessPairing | undefined {
  if (flags.against === undefined || flags.pairing === 'processes') return undefined;
  return {
    method: 'same-process',
    isolation: flags.isolation ?? SAME_PROCESS.isolation,
    sliceMs: flags.slice ?? SAME_PROCESS.sliceMs,
    budgetMs: flags.budget ?? SAME_PROCESS.budgetPerCaseMs * Math.max(1, cases),
  };
}

/**
 * What decides a same-process case: the sequential rule over every gated metric of every mode both
 * trees have, the family's α shared by all of them (docs/statistics.md, "Sequential decisions").
 */
export function sequentialStopping(
  pairs: readonly CasePair[],
  settings: Pick<Settings, 'runs' | 'maxRuns'>,
  options: Pick<CompareOptions, 'alpha' | 'gate' | 'pairedThresholds'>,
): SequentialStopping {
  const gate = options.gate ?? DEFAULT_GATE;
  const sharedModes = pairs.reduce(
    (total, { base, head }) =>
      total + (base && head ? head.modes.filter((mode) => base.modes.includes(mode)).length : 0),
    0,
  );
  return {
    design: {
      alpha: options.alpha,
      gatedTests: Math.max(1, sharedModes * gate.length),
      minPairs: Math.max(2, settings.runs),
      maxPairs: Math.max(2, settings.maxRuns ?? settings.runs),
      rho: DEFAULT_RHO,
    },
    gate,
    thresholds: options.pairedThresholds ?? DEFAULT_PAIRED_THRESHOLDS,
  };
}

/** `--alloc-sites` alone asks for the profile too: there are no sites without it. */
function allocationSettings(
  flags: SettingsFlags,
): Pick<Settings, 'allocationProfile' | 'allocationSites' | 'allocationSurvival'> {
  if (!flags.allocProfile && flags.allocSites === undefined) {
    // Commander defaults a --no- option to true: false means it was given.
    if (flags.allocSurvival === false)
      throw new UserError('--no-alloc-survival applies to --alloc-profile, which is not given', 'add --alloc-profile');
    return {};
  }
  return {
    allocationProfile: true,
    allocationSites: flags.allocSites ?? DEFAULT_ALLOCATION_SITES,
    allocationSurvival: flags.allocSurvival ?? true,
  };
}

export function runSettings(flags: SettingsFlags): Settings {
  if (flags.pairing !== undefined && flags.against === undefined)
    throw new UserError('--pairing only applies to run --against', 'add --against <base checkout>, or leave it out');
  checkPairingFlags(flags);
  const quick = flags.quick ?? false;
  const paired = flags.against !== undefined;
  const sameProcess = paired && flags.pairing !== 'processes';
  if (sameProcess && flags.precision !== undefined)
    throw new UserError(
      '--precision sets when --pairing processes stops adding pairs; same-process pairing stops a case once it is decided',
      'leave out --precision (--budget and --max-runs bound the pairs), or add --pairing processes',
    );
  const defaults = quick ? QUICK : paired ? AGAINST : DEFAULTS;
  const runs = flags.runs ?? defaults.runs;
  const precisionPercent = flags.precision ?? (paired && !sameProcess && !quick ? AGAINST.precisionPercent : undefined);
  if (flags.maxRuns !== undefined && precisionPercent === undefined && !sameProcess) {
    throw new UserError(
      '--max-runs bounds the runs --precision adds, and --precision is not given',
      'add --precision <percent>, or use --runs for a fixed number of runs',
    );
  }
  // --quick is a smoke check: its pairs are --runs, not as many as a decision needs.
  const maxRuns = sameProcess
    ? (flags.maxRuns ?? (quick ? runs : Math.max(runs, SAME_PROCESS.maxPairs)))
    : precisionPercent === undefined
      ? undefined
      : (flags.maxRuns ?? Math.max(runs, paired ? AGAINST.maxRuns : DEFAULT_MAX_RUNS));
  if (maxRuns !== undefined && maxRuns < runs) {
    throw new UserError(
      `--max-runs ${maxRuns} is below --runs ${runs}, the runs every case gets first`,
      'raise --max-runs or lower --runs',
    );
  }
  return {
    runs,
    timeMs: flags.time ?? defaults.timeMs,
    warmupMs: flags.warmup ?? defaults.warmupMs,
    timeoutMs: flags.timeout,
    v8FlagSets: flags.v8Flags,
    node: flags.node,
    modes: flags.modes ?? null,
    quick,
    timelinePoints: flags.timelinePoints ?? DEFAULT_TIMELINE_POINTS,
    ...allocationSettings(flags),
    ...(precisionPercent === undefined ? {} : { precisionPercent }),
    ...(maxRuns === undefined ? {} : { maxRuns }),
    ...(flags.shard ? { shard: flags.shard } : {}),
  };
}
