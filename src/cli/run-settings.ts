/** `run`'s options → the settings a result file records: the defaults, `--quick` and `--against`'s own, and their limits. */

import { UserError } from '../errors.js';
import { DEFAULT_TIMELINE_POINTS } from '../measure/child/timeline.js';
import { DEFAULT_ALLOCATION_SITES } from '../results/allocation-sites.js';
import type { Settings } from '../results/result.js';
import { MAX_TIMER_MS } from './arguments.js';

export const DEFAULTS = { runs: 6, timeMs: 500, warmupMs: 100, timeoutMs: 120_000 };
export const QUICK = { runs: 3, timeMs: 150, warmupMs: 50 };
/** Under --against, pairs are added until each ratio is known this well: docs/statistics.md, "Paired runs". */
export const AGAINST = { runs: 6, timeMs: 300, warmupMs: 100, precisionPercent: 2, maxRuns: 10 };
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
  const quick = flags.quick ?? false;
  const paired = flags.against !== undefined;
  const defaults = quick ? QUICK : paired ? AGAINST : DEFAULTS;
  const runs = flags.runs ?? defaults.runs;
  const precisionPercent = flags.precision ?? (paired && !quick ? AGAINST.precisionPercent : undefined);
  if (flags.maxRuns !== undefined && precisionPercent === undefined) {
    throw new UserError(
      '--max-runs bounds the runs --precision adds, and --precision is not given',
      'add --precision <percent>, or use --runs for a fixed number of runs',
    );
  }
  const maxRuns =
    precisionPercent === undefined
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
    ...(precisionPercent === undefined ? {} : { precisionPercent, maxRuns }),
    ...(flags.shard ? { shard: flags.shard } : {}),
  };
}
