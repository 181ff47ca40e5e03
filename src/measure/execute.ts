/**
 * Carries out a plan, case by case: verify that the modes agree, measure each mode in fresh
 * children. Each finished case is handed back at once, so the caller can write it before the next
 * one starts and a later failure loses nothing.
 */

import { type Case, roundOrder } from '../plan/plan.js';
import type { Scenario } from '../plan/scenario.js';
import { median, medianInterval } from '../stats/order.js';
import {
  PROFILING_FLAGS,
  type ProfilePasses,
  profilePassOps,
  SAMPLING_INTERVAL_BYTES,
  survivalPassOps,
} from './child/heap-profile.js';
import type { HeapConfiguration, RunSample } from './child/sample.js';
import type { JobOutcome, JobTarget, MeasuredSide, WorkerJob } from './job.js';
import type { MeasuredCase, MeasureSettings, PairingStop } from './model.js';
import { runJob } from './runner.js';

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
  round: number;
}

export interface ExecuteHooks {
  onJobStart?(progress: JobProgress): void;
  onCaseDone(measured: MeasuredCase): Promise<void>;
  signal?: AbortSignal;
}

/** One checksum verification, then every measuring run. */
function caseJobs(planned: Case, runs: number): number {
  return 1 + planned.modes.length * runs;
}

/** A rough cost per job of starting a child and its untimed passes, for the time-left estimate only. */
const JOB_OVERHEAD_MS = 300;

type PlannedSettings = Pick<MeasureSettings, 'timeMs' | 'quick' | 'warmupMs' | 'allocationProfile'>;

/**
 * The planned length of one measuring job of a case. Under --alloc-profile its profiling child
 * warms up as long and its passes, capped at the timed pass's operations, take about as long again.
 */
export function measureJobMs(planned: Case, settings: PlannedSettings): number {
  const oneChild = measuredTimeMs(planned.loaded.scenario, settings) + settings.warmupMs + JOB_OVERHEAD_MS;
  return settings.allocationProfile ? 2 * oneChild : oneChild;
}

/** The planned time of a case at `settings.runs` runs a mode: what shards are balanced by. */
export function caseWorkMs(planned: Case, settings: PlannedSettings & Pick<MeasureSettings, 'runs'>): number {
  return JOB_OVERHEAD_MS + planned.modes.length * settings.runs * measureJobMs(planned, settings);
}

/**
 * The job count and planned work for the progress bar. Adaptive runs (`--precision`) add jobs as
 * they go, and a failed case skips the rest of its own.
 */
export class JobCounter {
  private index = 0;
  private workDoneMs = 0;
  constructor(
    private total: number,
    private workTotalMs: number,
    private readonly onJobStart?: (progress: JobProgress) => void,
  ) {}

  static forCases(
    cases: readonly Case[],
    settings: MeasureSettings,
    onJobStart?: (progress: JobProgress) => void,
    sides = 1,
  ): JobCounter {
    const jobs = cases.reduce((total, planned) => total + caseJobs(planned, settings.runs), 0);
    const work = cases.reduce((total, planned) => total + caseWorkMs(planned, settings), 0);
    return new JobCounter(jobs * sides, work * sides, onJobStart);
  }

  start(scenario: string, mode: string, round: number): void {
    this.onJobStart?.({
      index: ++this.index,
      total: Math.max(this.total, this.index),
      workDoneMs: this.workDoneMs,
      workTotalMs: this.workTotalMs,
      scenario,
      mode,
      round,
    });
  }

  done(workMs: number): void {
    this.workDoneMs += workMs;
  }

  /** Jobs beyond the plan (adaptive runs) or short of it (a failure): the plan's totals follow. */
  adjust(jobs: number, workMs: number): void {
    this.total += jobs;
    this.workTotalMs += workMs;
  }
}

/**
 * A measuring child (a run, or a duet's pair of runs), on the first side's runtime, measured again
 * when its process was stopped, since it timed the stop as work; kept only as a last resort. Every
 * side the child measured is told, in a warning.
 */
export async function runMeasuring(
  sides: readonly CaseMeasurement[],
  job: WorkerJob,
  what: string,
  signal?: AbortSignal,
): Promise<JobOutcome> {
  const warn = (warning: string) => {
    for (const side of sides) side.addWarning(warning);
  };
  let outcome = await sides[0]!.runChild(job);
  for (let attempt = 1; ; attempt++) {
    const suspendedMs = outcome.status === 'ok' ? suspendedMsOf(outcome.reply) : 0;
    if (!suspendedMs) return outcome;
    const said = `${what} was suspended for ${(suspendedMs / 1000).toFixed(1)} s (SIGSTOP, Ctrl-Z or a paused machine)`;
    if (attempt > SUSPENDED_RETRIES || signal?.aborted) {
      warn(`${said}; its times include the stop`);
      return outcome;
    }
    warn(`${said} and was measured again`);
    outcome = await sides[0]!.runChild(job);
  }
}

/** How long a measuring child's process was stopped, as the child saw it; 0 when it was not. */
function suspendedMsOf(reply: Extract<JobOutcome, { status: 'ok' }>['reply']): number {
  if (reply.status === 'measured') return reply.sample.suspendedMs ?? 0;
  if (reply.status === 'duet-measured')
    return Math.max(reply.base.sample.suspendedMs ?? 0, reply.head.sample.suspendedMs ?? 0);
  return 0;
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
export function measuredTimeMs(
  scenario: Pick<Scenario, 'minTimeMs'>,
  settings: Pick<MeasureSettings, 'timeMs' | 'quick'>,
): number {
  return settings.quick ? settings.timeMs : Math.max(settings.timeMs, scenario.minTimeMs ?? 0);
}

/** Every child gets a full collector it can call; the rest is the user's. */
export function childExecArgv(v8Flags: readonly string[]): string[] {
  return ['--expose-gc', ...v8Flags];
}

/** How often a suspended run is measured again before it is kept, flagged. */
const SUSPENDED_RETRIES = 2;

/**
 * One case being measured: its verification and its runs so far. A failure ends the case;
 * `finished()` then gives what was measured with the error.
 */
export class CaseMeasurement {
  readonly samples: Map<string, RunSample[]>;
  /** Each mode's runs' profile passes under `--alloc-profile`. */
  private readonly profiles: Map<string, ProfilePasses[]>;
  checksums: Record<string, string[]> = {};
  error: string | undefined;
  /** Under same-process pairing, once the case takes no more pairs. */
  stopped: PairingStop | undefined;
  private readonly warnings: string[] = [];
  /** The heap the last kept run's child had. */
  private heap: HeapConfiguration | undefined;
  /** Modes whose runs had hooks around every operation, named in a warning. */
  private readonly hookedModes = new Set<string>();
  readonly timeMs: number;
  private jobsLeft: number;
  private workLeftMs: number;

  constructor(
    readonly planned: Case,
    private readonly settings: MeasureSettings,
    private readonly counter: JobCounter,
    private readonly signal?: AbortSignal,
  ) {
    this.timeMs = measuredTimeMs(planned.loaded.scenario, settings);
    this.samples = new Map(planned.modes.map((mode) => [mode, []]));
    this.profiles = new Map(planned.modes.map((mode) => [mode, []]));
    this.jobsLeft = caseJobs(planned, settings.runs);
    this.workLeftMs = caseWorkMs(planned, settings);
  }

  get name(): string {
    return this.planned.loaded.scenario.name;
  }

  /** One child for `job`, on this case's runtime and V8 flags (and `extraFlags`). */
  runChild(job: WorkerJob, extraFlags: readonly string[] = []): Promise<JobOutcome> {
    const { v8Flags, runtime } = this.planned.variant;
    return runJob(job, {
      execPath: runtime.execPath,
      execArgv: childExecArgv([...v8Flags, ...extraFlags]),
      timeoutMs: this.settings.timeoutMs,
      signal: this.signal,
    });
  }

  get target(): JobTarget {
    const { scenario, moduleUrl } = this.planned.loaded;
    return { moduleUrl, scenarioName: scenario.name, params: this.planned.params };
  }

  /** Tell the progress bar a job of this case starts. */
  startJob(mode: string, round: number): void {
    this.counter.start(this.name, mode, round);
  }

  /** Count one job against the plan, growing the plan when the case runs longer than planned. */
  account(workMs: number): void {
    if (this.jobsLeft <= 0) this.counter.adjust(1, workMs);
    this.jobsLeft--;
    this.workLeftMs -= workMs;
    this.counter.done(workMs);
  }

  /** Run every mode's operation from a fresh setup and check that all return the same checksums. False when they do not. */
  async verify(): Promise<boolean> {
    this.counter.start(this.name, 'verify', 0);
    const verified = await this.runChild({
      kind: 'verify',
      ...this.target,
      modes: this.planned.modes,
      repetitions: VERIFY_REPETITIONS,
    });
    this.account(JOB_OVERHEAD_MS);
    if (verified.status === 'failed') {
      this.error = failureText(verified, 'checksum verification');
      return false;
    }
    if (verified.reply.status !== 'verified') throw new Error('worker answered a verify job with a measurement');
    this.checksums = verified.reply.checksums;
    this.error = checksumDisagreement(this.checksums);
    return this.error === undefined;
  }

  /** One measuring run of `mode`; `pair` marks it as one half of a base/head pair. False when it failed. */
  async measure(mode: string, round: number, pair?: number): Promise<boolean> {
    this.startJob(mode, round);
    const job: WorkerJob = {
      kind: 'measure',
      ...this.target,
      mode,
      timeMs: this.timeMs,
      warmupMs: this.settings.warmupMs,
      timelinePoints: this.settings.timelinePoints,
    };
    const outcome = await runMeasuring([this], job, `run ${round + 1} of mode "${mode}"`, this.signal);
    this.account(measureJobMs(this.planned, this.settings));
    if (outcome.status === 'failed') return this.fail(outcome, mode, round);
    if (outcome.reply.status !== 'measured')
      throw new Error(`worker answered a measure job with "${outcome.reply.status}"`);
    return this.accept(mode, outcome.reply, round, pair);
  }

  /** A failed job ends the case, with what happened. Always false. */
  fail(outcome: Extract<JobOutcome, { status: 'failed' }>, mode: string, round: number): false {
    this.error = failureText(outcome, `mode "${mode}" (run ${round + 1})`);
    return false;
  }

  /**
   * A run measured in some child, kept if its first checksum is the one verified, then profiled
   * under --alloc-profile. False when it is not kept or its profile failed.
   */
  async accept(mode: string, measured: MeasuredSide, round: number, pair?: number): Promise<boolean> {
    if (measured.firstChecksum !== this.checksums[mode]![0]) {
      this.error = `mode "${mode}" is not deterministic: its first operation returned ${this.checksums[mode]![0]} in one process and ${measured.firstChecksum} in another`;
      return false;
    }
    if (measured.perOperationHooks) this.hookedModes.add(mode);
    this.samples.get(mode)!.push(pair === undefined ? measured.sample : { ...measured.sample, pair });
    this.heap = measured.heap;
    return !this.settings.allocationProfile || this.profile(mode, round, measured.sample, measured.heap);
  }

  /**
   * The run's profile passes, in a child of their own started with inlining off (PROFILING_FLAGS):
   * sized from what the measuring child counted. False when it failed.
   */
  private async profile(mode: string, round: number, sample: RunSample, heap: HeapConfiguration): Promise<boolean> {
    const bytesPerOp = sample.memory.allocatedBytesPerOp;
    const ops = profilePassOps(bytesPerOp, sample.allocationPassOps, sample.ops, SAMPLING_INTERVAL_BYTES);
    const survivalOps = this.settings.allocationSurvival
      ? survivalPassOps(bytesPerOp, ops, heap.newSpaceCapacityBytes, sample.ops)
      : undefined;
    const outcome = await this.runChild(
      { kind: 'profile', ...this.target, mode, warmupMs: this.settings.warmupMs, ops, survivalOps },
      PROFILING_FLAGS,
    );
    if (outcome.status === 'failed') {
      this.error = failureText(outcome, `the profile passes of mode "${mode}" (run ${round + 1})`);
      return false;
    }
    if (outcome.reply.status !== 'profiled') throw new Error('worker answered a profile job with something else');
    this.profiles.get(mode)!.push(outcome.reply.passes);
    return true;
  }

  addWarning(warning: string): void {
    this.warnings.push(warning);
  }

  /** What the case's runs gave, or the failure that ended them; results/case-result.ts makes it the case's entry. */
  finished(): MeasuredCase {
    // Whatever the plan still counted for this case will not run.
    if (this.jobsLeft > 0) this.counter.adjust(-this.jobsLeft, -this.workLeftMs);
    this.jobsLeft = 0;
    return {
      planned: this.planned,
      timeMs: this.timeMs,
      heap: this.heap,
      checksums: this.checksums,
      runs: this.samples,
      profiles: this.profiles,
      hookedModes: [...this.hookedModes],
      warnings: this.warnings,
      error: this.error,
      stopped: this.stopped,
    };
  }
}

/**
 * Half the width of a mode's ops/s interval, in percent of its median: what `--precision` bounds
 * in a plain run (the interval the table shows).
 */
export function opsIntervalHalfWidthPercent(runs: readonly RunSample[]): number {
  const throughput = runs.map((run) => run.opsPerSec);
  const middle = median(throughput);
  const { low, high } = medianInterval(throughput);
  return middle > 0 ? ((high - low) / 2 / middle) * 100 : Infinity;
}

/** Whether a case has had enough rounds: `--runs` at least, then until precise enough or `--max-runs`. */
export function enoughRounds(
  rounds: number,
  settings: Pick<MeasureSettings, 'runs' | 'maxRuns' | 'precisionPercent'>,
  precise: () => boolean,
): boolean {
  if (rounds < settings.runs) return false;
  if (settings.precisionPercent === undefined || rounds >= (settings.maxRuns ?? settings.runs)) return true;
  return precise();
}

export async function executePlan(
  cases: readonly Case[],
  settings: MeasureSettings,
  hooks: ExecuteHooks,
): Promise<void> {
  const counter = JobCounter.forCases(cases, settings, hooks.onJobStart);
  for (const planned of cases) {
    if (hooks.signal?.aborted) return;
    const measurement = new CaseMeasurement(planned, settings, counter, hooks.signal);
    if (await measurement.verify()) {
      const precise = () =>
        planned.modes.every(
          (mode) => opsIntervalHalfWidthPercent(measurement.samples.get(mode)!) <= settings.precisionPercent!,
        );
      rounds: for (let round = 0; !enoughRounds(round, settings, precise); round++) {
        for (const mode of roundOrder(planned.modes, round)) {
          if (!(await measurement.measure(mode, round))) break rounds;
        }
      }
    }
    const measured = measurement.finished();
    if (!hooks.signal?.aborted) await hooks.onCaseDone(measured);
  }
}
