/**
 * Which cases of two result files are the same case: a case is matched by name, params and variant,
 * then mode by mode. Also what else differs between the two files (machine, runtime, settings),
 * which decides whether time metrics can be compared (docs/statistics.md, "When environments differ").
 */
import {
  type CaseResult,
  caseTimeMs,
  type ModeResult,
  type ResultFile,
  runsPerMode,
  type Settings,
} from '../results/result.js';
import type { CaseKey, FailedCase, LabeledResult, SideOverview, Unmatched } from './model.js';

/** JSON with object keys sorted at every depth, so `{a, b}` and `{b, a}` name the same case. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function keyOf(caseResult: Pick<CaseResult, 'name' | 'params' | 'variant'>): CaseKey {
  // Defaults (no flags, own Node.js) say nothing: dropping them lets a file without variants match one with them.
  const variant = Object.fromEntries(
    Object.entries({ ...(caseResult.variant as object | undefined) }).filter(
      ([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0),
    ),
  );
  return { name: caseResult.name, params: caseResult.params, variant };
}

export function keyText(key: CaseKey): string {
  return `${key.name}\u0000${canonicalJson(key.params)}\u0000${canonicalJson(key.variant)}`;
}

/** The runtime a case's children ran: recorded per case in newer files, per file in older ones. */
export function runtimeOf(caseResult: CaseResult, file: ResultFile): { node: string; v8: string } {
  // Files written before per-case runtimes existed lack the field, whatever the type says.
  const runtime = caseResult.runtime as CaseResult['runtime'] | undefined;
  return runtime ?? { node: file.environment.node, v8: file.environment.v8 };
}

export function sideOverview({ label, result, sessions }: LabeledResult): SideOverview {
  const { environment, settings } = result;
  return {
    label,
    createdAt: result.createdAt,
    node: environment.node,
    v8: environment.v8,
    cpuModel: environment.cpuModel,
    runs: settings.runs,
    runsPerMode: runsPerMode(result),
    sessions: sessions ?? 1,
    timeMs: settings.timeMs,
    complete: result.complete,
  };
}

export function machineDifferences(baseline: ResultFile, current: ResultFile): string[] {
  const a = baseline.environment;
  const b = current.environment;
  const differences: string[] = [];
  if (a.cpuModel !== b.cpuModel) differences.push(`CPU ${a.cpuModel} → ${b.cpuModel}`);
  if (a.cpuCount !== b.cpuCount) differences.push(`${a.cpuCount} → ${b.cpuCount} CPUs`);
  if (a.platform !== b.platform || a.arch !== b.arch)
    differences.push(`platform ${a.platform}-${a.arch} → ${b.platform}-${b.arch}`);
  const flags = (environment: ResultFile['environment']) => environment.execArgv.join(' ') || '(none)';
  if (flags(a) !== flags(b)) differences.push(`node flags ${flags(a)} → ${flags(b)}`);
  const options = (environment: ResultFile['environment']) => JSON.stringify(environment.nodeOptions ?? '');
  if (options(a) !== options(b)) differences.push(`NODE_OPTIONS ${options(a)} → ${options(b)}`);
  return differences;
}

export function runtimeDifferences(a: { node: string; v8: string }, b: { node: string; v8: string }): string[] {
  const differences: string[] = [];
  if (a.node !== b.node) differences.push(`Node ${a.node} → ${b.node}`);
  if (a.v8 !== b.v8) differences.push(`V8 ${a.v8} → ${b.v8}`);
  return differences;
}

export function settingsDifferences(baseline: ResultFile, current: ResultFile): string[] {
  const a = baseline.settings;
  const b = current.settings;
  const differences: string[] = [];
  if (a.runs !== b.runs) differences.push(`${a.runs} → ${b.runs} runs per mode`);
  if (a.timeMs !== b.timeMs) differences.push(`${a.timeMs} → ${b.timeMs} ms per run`);
  if (a.warmupMs !== b.warmupMs) differences.push(`${a.warmupMs} → ${b.warmupMs} ms warm-up`);
  return differences;
}

/**
 * A case whose own run time (its scenario's `minTimeMs`) tells a different story from the files' `--time`:
 * its times changed where the files' did not, or the other way round. Older files ran `--time`.
 */
export function caseTimeNote(
  baselineCase: CaseResult,
  currentCase: CaseResult,
  baselineSettings: Settings,
  currentSettings: Settings,
): string | undefined {
  const baselineTimeMs = caseTimeMs(baselineCase, baselineSettings);
  const currentTimeMs = caseTimeMs(currentCase, currentSettings);
  if (baselineTimeMs === baselineSettings.timeMs && currentTimeMs === currentSettings.timeMs) return undefined;
  if (baselineTimeMs !== currentTimeMs) return `${baselineCase.name}: ${baselineTimeMs} → ${currentTimeMs} ms per run`;
  return baselineSettings.timeMs !== currentSettings.timeMs
    ? `${baselineCase.name}: ${baselineTimeMs} ms per run on both sides`
    : undefined;
}

/** A case present and measured in both files, with the modes both sides have. */
export interface MatchedCase {
  key: CaseKey;
  baseline: CaseResult;
  current: CaseResult;
  modes: { mode: string; baseline: ModeResult; current: ModeResult }[];
}

export interface CaseMatching {
  matched: MatchedCase[];
  unmatched: Unmatched[];
  failed: FailedCase[];
}

/** The cases of two files paired up; what is on one side only, and what failed on either. */
export function matchCases(baseline: ResultFile, current: ResultFile): CaseMatching {
  const matching: CaseMatching = { matched: [], unmatched: [], failed: [] };
  const { unmatched, failed } = matching;
  const currentByKey = new Map(current.scenarios.map((caseResult) => [keyText(keyOf(caseResult)), caseResult]));
  const matchedKeys = new Set<string>();
  for (const baselineCase of baseline.scenarios) {
    const key = keyOf(baselineCase);
    const text = keyText(key);
    const currentCase = currentByKey.get(text);
    if (!currentCase) {
      unmatched.push({ key, side: 'baseline' });
      continue;
    }
    matchedKeys.add(text);
    if (currentCase.status === 'failed') failed.push({ key, side: 'current', error: currentCase.error ?? 'failed' });
    if (baselineCase.status === 'failed') failed.push({ key, side: 'baseline', error: baselineCase.error ?? 'failed' });
    if (baselineCase.status === 'failed' || currentCase.status === 'failed') continue;
    const modes: MatchedCase['modes'] = [];
    for (const [mode, inBaseline] of Object.entries(baselineCase.modes)) {
      const inCurrent = currentCase.modes[mode];
      if (inCurrent) modes.push({ mode, baseline: inBaseline, current: inCurrent });
      else unmatched.push({ key, mode, side: 'baseline' });
    }
    for (const mode of Object.keys(currentCase.modes)) {
      if (!(mode in baselineCase.modes)) unmatched.push({ key, mode, side: 'current' });
    }
    matching.matched.push({ key, baseline: baselineCase, current: currentCase, modes });
  }
  for (const currentCase of current.scenarios) {
    const key = keyOf(currentCase);
    if (matchedKeys.has(keyText(key))) continue;
    unmatched.push({ key, side: 'current' });
    if (currentCase.status === 'failed') failed.push({ key, side: 'current', error: currentCase.error ?? 'failed' });
  }
  return matching;
}
