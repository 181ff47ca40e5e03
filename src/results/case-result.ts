/**
 * A measured case → its entry in the result file: each mode's runs summarised, the warnings, each
 * mode against the baseline mode and, under --alloc-profile, its allocation sites; or the failure
 * that ended it.
 */

import type { AllocationProfile, ProfilePasses } from '../measure/child/heap-profile.js';
import type { MeasuredCase } from '../measure/model.js';
import { baselineSubstitution } from '../plan/plan.js';
import {
  allocationSites,
  DEFAULT_ALLOCATION_SITES,
  poolAllocationProfiles,
  poolSurvivalProfiles,
} from './allocation-sites.js';
import type { CaseResult, ModeResult, Settings } from './result.js';
import { measurementWarnings, modeRatios, summarizeMode } from './summary.js';

export interface CaseEntry {
  caseResult: CaseResult;
  /**
   * Each mode's runs pooled, with `--alloc-profile` only, keyed by the name their file takes: the
   * mode for what it allocated, `<mode>.survivors` for what survived.
   */
  allocationProfiles?: Record<string, AllocationProfile>;
}

export function caseEntry(
  measured: MeasuredCase,
  settings: Pick<Settings, 'allocationProfile' | 'allocationSites'>,
): CaseEntry {
  const { planned, error, stopped, pairing } = measured;
  const { scenario, source, unverified } = planned.loaded;
  const { v8Flags, runtime } = planned.variant;
  // The key order is the order a result file has always had its fields in.
  const entry: CaseResult = {
    name: scenario.name,
    source,
    params: planned.params,
    timeMs: measured.timeMs,
    variant: { v8Flags, node: runtime.path },
    runtime: { node: runtime.version, v8: runtime.v8, ...(measured.heap ? { heap: measured.heap } : {}) },
    status: error ? 'failed' : 'ok',
    ...(unverified ? { verified: false as const, unverifiedReason: unverified } : {}),
    warnings: [...measured.warnings],
    modes: {},
  };
  const withPairing = (caseResult: CaseResult) => (pairing === undefined ? caseResult : { ...caseResult, pairing });
  if (error) return { caseResult: withPairing({ ...entry, error }) };
  if (stopped) entry.stopped = stopped;
  const { modes, baseline } = planned;
  for (const mode of modes) {
    const runs = [...measured.runs.get(mode)!];
    entry.modes[mode] = { checksum: measured.checksums[mode]![0]!, runs, summary: summarizeMode(runs) };
  }
  const substitution = baselineSubstitution(planned);
  const hooked = perOperationHooksNote(measured.hookedModes);
  entry.warnings = [
    ...(unverified ? [`not verified: ${unverified}`] : []),
    ...(hooked ? [hooked] : []),
    ...(substitution ? [substitution] : []),
    ...measured.warnings,
    ...measurementWarnings(entry.modes, baseline),
  ];
  if (modes.length > 1) {
    const baselineMode: ModeResult = entry.modes[baseline]!;
    const against = Object.fromEntries(
      modes.filter((mode) => mode !== baseline).map((mode) => [mode, modeRatios(baselineMode, entry.modes[mode]!)]),
    );
    entry.comparison = { baseline, against };
  }
  const allocationProfiles = settings.allocationProfile
    ? addAllocationSites(entry, measured.profiles, settings.allocationSites ?? DEFAULT_ALLOCATION_SITES)
    : undefined;
  return { caseResult: withPairing(entry), allocationProfiles };
}

/** What a run with per-operation hooks measured, and what that costs. */
function perOperationHooksNote(modes: readonly string[]): string | undefined {
  if (modes.length === 0) return undefined;
  const named = modes.map((mode) => `"${mode}"`).join(', ');
  return (
    `${modes.length > 1 ? 'modes' : 'mode'} ${named} ${modes.length > 1 ? 'run' : 'runs'} hooks around every operation: ` +
    'ops/s, latency and allocation are the operation alone, without the hooks; GC pauses are all those of the window, ' +
    'hooks included. Each operation is timed on its own, two clock readings (about 32 B) in the window per operation.'
  );
}

/**
 * Each mode's profiles pooled into one per pass, its heaviest sites added to the mode (by surviving
 * bytes when the mode collected in old space); the pooled profiles returned for the files.
 */
function addAllocationSites(
  caseResult: CaseResult,
  profiles: ReadonlyMap<string, readonly ProfilePasses[]>,
  limit: number,
): Record<string, AllocationProfile> {
  const pooled: Record<string, AllocationProfile> = {};
  for (const [mode, passes] of profiles) {
    if (passes.length === 0) continue;
    const allocated = poolAllocationProfiles(passes.map((pass) => pass.allocated));
    const survived = passes.every((pass) => pass.survived)
      ? poolSurvivalProfiles(passes.map((pass) => pass.survived!))
      : undefined;
    const modeResult = caseResult.modes[mode]!;
    const rankBy = survived && modeResult.summary.gc.byKind.major.count > 0 ? 'survived' : 'allocated';
    modeResult.allocationSites = allocationSites(allocated, limit, { survived, rankBy });
    pooled[mode] = allocated;
    if (survived) pooled[`${mode}.survivors`] = survived;
  }
  return pooled;
}
