/**
 * Carries out a plan, case by case: verify that the modes agree, measure each mode in fresh
 * children, summarise. Each finished case is handed back at once, so the caller can write it
 * before the next one starts and a later failure loses nothing.
 */
import type { JobOutcome, WorkerJob } from './job.js';
import { baselineSubstitution, interleaveRuns, type Case } from '../plan/plan.js';
import type { ModeResult, RunSample, ScenarioResult, Settings } from '../results/result.js';
import { runJob } from './runner.js';
import type { Scenario } from '../plan/scenario.js';
import { compareMode, measurementWarnings, summarizeMode } from '../results/summary.js';

/** How many times each mode's operation runs, from a fresh setup, before anything is timed. */
const VERIFY_REPETITIONS = 3;

export interface JobProgress {
  index: number;
  total: number;
  /** Planned milliseconds of the jobs finished so far and of all jobs, for the time-left estimate. */
  workDoneMs: number;
  workTotalMs: number;
  scenario: string;
  mode: string;
  run: number;
}

export interface ExecuteHooks {
  onJobStart?(progress: JobProgress): void;
  onCaseDone(result: ScenarioResult): Promise<void>;
  signal?: AbortSignal;
}

/** One checksum verification, then every measuring run. */
function caseJobs(planned: Case, runs: number): number {
  return 1 + planned.modes.length * runs;
}

function totalJobs(cases: readonly Case[], runs: number): number {
  return cases.reduce((total, planned) => total + caseJobs(planned, runs), 0);
}

/** A rough cost per job of starting a child and its untimed passes, for the time-left estimate only. */
const JOB_OVERHEAD_MS = 300;

/** The planned length of one measuring job of a case. */
function measureJobMs(planned: Case, settings: Settings): number {
  return measuredTimeMs(planned.loaded.scenario, settings) + settings.warmupMs + JOB_OVERHEAD_MS;
}

function caseWorkMs(planned: Case, settings: Settings): number {
  return JOB_OVERHEAD_MS + planned.modes.length * settings.runs * measureJobMs(planned, settings);
}

function failureText(outcome: Extract<JobOutcome, { status: 'failed' }>, what: string): string {
  return `${what} ${outcome.reason === 'threw' ? 'threw' : 'failed'}: ${outcome.message}`;
}

/** The first place two modes' checksum sequences differ, as a sentence; undefined when all agree. */
export function checksumDisagreement(checksums: Record<string, string[]>): string | undefined {
  const [reference, ...others] = Object.keys(checksums);
  if (reference === undefined) return undefined;
  const expected = checksums[reference]!;
  for (const mode of others) {
    const actual = checksums[mode]!;
    const at = expected.findIndex((value, i) => value !== actual[i]);
    if (at >= 0) {
      return (
        `modes disagree: operation ${at + 1} returned ${expected[at]} in "${reference}" but ${actual[at]} in "${mode}"; ` +
        'the modes must compute the same result, so no speed-up is reported'
      );
    }
  }
  return undefined;
}

/** Measured time per run of one scenario: `--time`, raised to the scenario's own minimum except under --quick. */
export function measuredTimeMs(scenario: Pick<Scenario, 'minTimeMs'>, settings: Pick<Settings, 'timeMs' | 'quick'>): number {
  return settings.quick ? settings.timeMs : Math.max(settings.timeMs, scenario.minTimeMs ?? 0);
}

/** Every child gets a full collector it can call; the rest is the user's. */
export function childExecArgv(v8Flags: readonly string[]): string[] {
  return ['--expose-gc', ...v8Flags];
}

/** A measured case's runs → its modes' summaries, its warnings, and each mode against the baseline mode. */
function summarizeCase(result: ScenarioResult, planned: Case, checksums: Record<string, string[]>, samples: ReadonlyMap<string, RunSample[]>): void {
  const { modes } = planned;
  for (const mode of modes) {
    const runs = samples.get(mode)!;
    result.modes[mode] = { checksum: checksums[mode]![0]!, runs, summary: summarizeMode(runs) };
  }
  const substitution = baselineSubstitution(planned);
  const unverified = planned.loaded.unverified ? [`not verified: ${planned.loaded.unverified}`] : [];
  result.warnings = [...unverified, ...(substitution ? [substitution] : []), ...measurementWarnings(result.modes, planned.baseline)];
  const baseline: ModeResult = result.modes[planned.baseline]!;
  if (modes.length > 1) {
    const against = Object.fromEntries(modes.filter((mode) => mode !== planned.baseline).map((mode) => [mode, compareMode(baseline, result.modes[mode]!)]));
    result.comparison = { baseline: planned.baseline, against };
  }
}

export async function executePlan(cases: readonly Case[], settings: Settings, hooks: ExecuteHooks): Promise<void> {
  const total = totalJobs(cases, settings.runs);
  const workTotalMs = cases.reduce((sum, planned) => sum + caseWorkMs(planned, settings), 0);
  let index = 0;
  let workDoneMs = 0;

  for (const planned of cases) {
    if (hooks.signal?.aborted) return;
    const { scenario, moduleUrl, source } = planned.loaded;
    const { v8Flags, runtime } = planned.variant;
    const run = (job: WorkerJob) =>
      runJob(job, { execPath: runtime.execPath, execArgv: childExecArgv(v8Flags), timeoutMs: settings.timeoutMs, signal: hooks.signal });
    const target = { moduleUrl, scenarioName: scenario.name, params: planned.params };
    const timeMs = measuredTimeMs(scenario, settings);
    const caseEndMs = workDoneMs + caseWorkMs(planned, settings);
    const result: ScenarioResult = {
      name: scenario.name,
      source,
      params: planned.params,
      timeMs,
      variant: { v8Flags, node: runtime.path },
      runtime: { node: runtime.version, v8: runtime.v8 },
      status: 'ok',
      ...(planned.loaded.unverified ? { verified: false, unverifiedReason: planned.loaded.unverified } : {}),
      warnings: [],
      modes: {},
    };
    const caseEnd = index + caseJobs(planned, settings.runs);
    const fail = async (error: string) => {
      index = caseEnd;
      workDoneMs = caseEndMs;
      if (!hooks.signal?.aborted) await hooks.onCaseDone({ ...result, status: 'failed', error });
    };

    hooks.onJobStart?.({ index: ++index, total, workDoneMs, workTotalMs, scenario: scenario.name, mode: 'verify', run: 0 });
    const verified = await run({ kind: 'verify', ...target, modes: planned.modes, repetitions: VERIFY_REPETITIONS });
    workDoneMs += JOB_OVERHEAD_MS;
    if (verified.status === 'failed') {
      await fail(failureText(verified, 'checksum verification'));
      continue;
    }
    if (verified.reply.status !== 'verified') throw new Error('worker answered a verify job with a measurement');
    const checksums = verified.reply.checksums;
    const disagreement = checksumDisagreement(checksums);
    if (disagreement) {
      await fail(disagreement);
      continue;
    }

    const samples = new Map<string, RunSample[]>(planned.modes.map((mode) => [mode, []]));
    let failure: string | undefined;
    for (const { mode, run: runIndex } of interleaveRuns(planned.modes, settings.runs)) {
      hooks.onJobStart?.({ index: ++index, total, workDoneMs, workTotalMs, scenario: scenario.name, mode, run: runIndex });
      const outcome = await run({ kind: 'measure', ...target, mode, timeMs, warmupMs: settings.warmupMs, timelinePoints: settings.timelinePoints });
      workDoneMs += measureJobMs(planned, settings);
      if (outcome.status === 'failed') {
        failure = failureText(outcome, `mode "${mode}" (run ${runIndex + 1})`);
        break;
      }
      if (outcome.reply.status !== 'measured') throw new Error('worker answered a measure job with a verification');
      if (outcome.reply.firstChecksum !== checksums[mode]![0]) {
        failure = `mode "${mode}" is not deterministic: its first operation returned ${checksums[mode]![0]} in one process and ${outcome.reply.firstChecksum} in another`;
        break;
      }
      samples.get(mode)!.push(outcome.reply.sample);
      result.runtime.heap = outcome.reply.heap;
    }
    if (failure) {
      await fail(failure);
      continue;
    }

    summarizeCase(result, planned, checksums, samples);
    await hooks.onCaseDone(result);
  }
}
