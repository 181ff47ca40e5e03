/**
 * `run --against`: two trees measured in pairs. Each case of the head is matched with the same case
 * of the base; every round gives each mode one pair (under same-process pairing, each mode not yet
 * decided): by default one child that times both trees in alternating slices (a duet), with
 * `--pairing processes` a fresh process for each tree, back to back, the tree that goes first
 * alternating. Whatever the machine does lands on both runs of a
 * pair alike and the pair's ratio cancels it (docs/statistics.md, "Paired runs"). Same-process
 * cases stop once the sequential rule decides them, or at their share of `--budget`.
 */

import type { MetricName } from '../compare/metrics.js';
import { sequentialCaseDecisions } from '../compare/sequential.js';
import type { Case } from '../plan/plan.js';
import { roundOrder } from '../plan/plan.js';
import { trimmedMeanTest } from '../stats/paired.js';
import type { SequentialDesign } from '../stats/sequential.js';
import type { RunSample } from './child/sample.js';
import {
  CaseMeasurement,
  enoughRounds,
  JobCounter,
  type JobProgress,
  measureJobMs,
  opsIntervalHalfWidthPercent,
  runMeasuring,
} from './execute.js';
import type { DuetJob } from './job.js';
import type { MeasuredCase, MeasureSettings, PairingStop, SameProcessPairing } from './model.js';

/** The same case in both trees; a case found in one tree only is measured there alone. */
export interface CasePair {
  base?: Case;
  head?: Case;
}

export interface PairedHooks {
  onJobStart?(progress: JobProgress): void;
  onCaseDone(measured: { base?: MeasuredCase; head?: MeasuredCase }): Promise<void>;
  signal?: AbortSignal;
  /** A distinct id per case, written into both trees' entries so `compare` knows them for pairs. */
  pairingId(index: number): string;
}

/** What decides a same-process case: the sequential design, and the gate's metrics with their thresholds. */
export interface SequentialStopping {
  design: SequentialDesign;
  gate: readonly MetricName[];
  thresholds: Record<MetricName, number>;
}

/** Share trimmed at each end of a case's pair log-ratios, as the comparison's test trims them. */
const PAIR_TRIM = 0.2;

/** Half the width of the 95% interval of the head/base ops/s ratio over the pairs so far, in percent. */
export function pairRatioHalfWidthPercent(base: readonly RunSample[], head: readonly RunSample[]): number {
  const headByPair = new Map(head.filter((run) => run.pair !== undefined).map((run) => [run.pair, run]));
  const logRatios = base.flatMap((run) => {
    const partner = headByPair.get(run.pair);
    return run.pair !== undefined && partner ? [Math.log(partner.opsPerSec / run.opsPerSec)] : [];
  });
  const { interval } = trimmedMeanTest(logRatios, PAIR_TRIM);
  return Math.expm1((interval.high - interval.low) / 2) * 100;
}

/** How the warning of a case whose trees compute different results begins. */
export const CHANGED_RESULTS = 'the base and the head compute different results';

/** Where the two trees' first checksums of a mode differ, as a warning; undefined when they agree. */
export function treeChecksumDisagreement(
  base: Record<string, string[]>,
  head: Record<string, string[]>,
): string | undefined {
  const differing = Object.keys(head).filter((mode) => mode in base && base[mode]!.join() !== head[mode]!.join());
  if (differing.length === 0) return undefined;
  return (
    `${CHANGED_RESULTS} in mode${differing.length > 1 ? 's' : ''} ${differing.join(', ')} ` +
    `(first checksum ${differing.map((mode) => `${base[mode]![0]} → ${head[mode]![0]}`).join(', ')}): ` +
    'the change alters what the code computes, so its speed is compared with different work'
  );
}

/** Whether a side is still being measured: present, and nothing failed in it. */
function live(side: CaseMeasurement | undefined): side is CaseMeasurement {
  return side !== undefined && side.error === undefined;
}

/**
 * `--budget` shared out case by case: each case gets what is left of it divided by the cases left,
 * so the time a case did not need goes to the cases after it.
 */
class BudgetShares {
  private readonly startedAt = performance.now();
  constructor(private readonly totalMs: number) {}

  shareMs(casesLeft: number): number {
    return Math.max(0, this.totalMs - (performance.now() - this.startedAt)) / Math.max(1, casesLeft);
  }
}

/**
 * Runs in fresh processes, a pair per round and mode, the tree that goes first alternating from job
 * to job: `--pairing processes`, and modes that only one tree has.
 */
async function measureInProcesses(
  base: CaseMeasurement | undefined,
  head: CaseMeasurement | undefined,
  modes: readonly string[],
  settings: MeasureSettings,
  signal: AbortSignal | undefined,
): Promise<void> {
  const precise = () =>
    modes.every((mode) => {
      const baseRuns = live(base) ? base.samples.get(mode) : undefined;
      const headRuns = live(head) ? head.samples.get(mode) : undefined;
      if (baseRuns && headRuns) return pairRatioHalfWidthPercent(baseRuns, headRuns) <= settings.precisionPercent!;
      const alone = baseRuns ?? headRuns;
      return alone === undefined || opsIntervalHalfWidthPercent(alone) <= settings.precisionPercent!;
    });
  let job = 0;
  for (let round = 0; (live(base) || live(head)) && !enoughRounds(round, settings, precise); round++) {
    for (const mode of roundOrder(modes, round)) {
      // Base first on even jobs, head first on odd ones: neither tree always runs on a machine the other just warmed.
      const order = job++ % 2 === 0 ? [base, head] : [head, base];
      const running = order.filter(live).filter((side) => side.samples.has(mode));
      const paired = running.length === 2 ? round : undefined;
      for (const side of running) if (!(await side.measure(mode, round, paired))) break;
    }
    if (signal?.aborted) break;
  }
}

/** One pair of `mode`: both trees' runs timed in one child, in alternating slices. False when it failed. */
async function measureDuet(
  base: CaseMeasurement,
  head: CaseMeasurement,
  mode: string,
  round: number,
  pairing: SameProcessPairing,
  settings: MeasureSettings,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  base.startJob(mode, round);
  head.startJob(mode, round);
  const job: DuetJob = {
    kind: 'duet',
    base: base.target,
    head: head.target,
    mode,
    timeMs: head.timeMs,
    sliceMs: pairing.sliceMs,
    warmupMs: settings.warmupMs,
    isolation: pairing.isolation,
  };
  const outcome = await runMeasuring([head, base], job, `pair ${round + 1} of mode "${mode}"`, signal);
  for (const side of [base, head]) side.account(measureJobMs(side.planned, settings));
  if (outcome.status === 'failed') {
    // A pair without one side is no pair: the other tree's case stops too, saying why.
    const failed = outcome.side === 'base' ? base : outcome.side === 'head' ? head : undefined;
    for (const side of [base, head]) {
      if (failed === undefined || side === failed) side.fail(outcome, mode, round);
      else
        side.fail(
          { ...outcome, message: `the ${outcome.side}'s side of its pair failed: ${outcome.message}` },
          mode,
          round,
        );
    }
    return false;
  }
  if (outcome.reply.status !== 'duet-measured')
    throw new Error(`worker answered a duet job with "${outcome.reply.status}"`);
  const measured = [
    ['base', base, outcome.reply.base],
    ['head', head, outcome.reply.head],
  ] as const;
  for (const [name, side, run] of measured) {
    if (await side.accept(mode, run, round, round)) continue;
    // As when a side throws: the other tree's case stops too, saying why.
    const other = side === base ? head : base;
    other.error ??= `the ${name}'s side of its pair failed: ${side.error}`;
    return false;
  }
  return true;
}

/**
 * The modes both trees have, a duet per undecided mode and round, until every mode is decided, the
 * case's share of the budget would be overrun by one more round, or `--max-runs` pairs. A mode the
 * sequential rule has decided takes no more pairs: they go to the modes whose answer is not known yet.
 */
async function measureInDuets(
  base: CaseMeasurement,
  head: CaseMeasurement,
  modes: readonly string[],
  settings: MeasureSettings,
  stopping: SequentialStopping,
  shareMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const pairing = settings.pairing!;
  const maxPairs = settings.maxRuns ?? settings.runs;
  const undecided = () => {
    const { design, gate, thresholds } = stopping;
    const decisions = sequentialCaseDecisions(design, base.samples, head.samples, gate, thresholds);
    return modes.filter((mode) => !decisions[mode]?.decided);
  };
  const startedAt = performance.now();
  let duets = 0;
  let stop: PairingStop['reason'] | undefined;
  let round = 0;
  for (; live(base) && live(head) && !signal?.aborted; round++) {
    // No look decides before the first --runs pairs.
    const open = round < settings.runs ? modes : undecided();
    if (round >= settings.runs) {
      const elapsedMs = performance.now() - startedAt;
      if (open.length === 0) stop = 'decided';
      else if (round >= maxPairs) stop = 'most-pairs';
      else if (elapsedMs + (elapsedMs / duets) * open.length > shareMs) stop = 'budget';
      if (stop) break;
    }
    for (const mode of roundOrder(open, round)) {
      if (!(await measureDuet(base, head, mode, round, pairing, settings, signal))) return;
      duets++;
    }
  }
  if (!stop) return;
  const stopped: PairingStop = { reason: stop, pairs: round, elapsedMs: Math.round(performance.now() - startedAt) };
  base.stopped = stopped;
  head.stopped = stopped;
}

/** `stopping`: with same-process pairing (`settings.pairing`), what decides a case. */
export async function executePairedPlan(
  pairs: readonly CasePair[],
  settings: MeasureSettings,
  hooks: PairedHooks,
  stopping?: SequentialStopping,
): Promise<void> {
  const counter = JobCounter.forCases(
    pairs.flatMap((pair) => [pair.base, pair.head].filter((planned): planned is Case => planned !== undefined)),
    settings,
    hooks.onJobStart,
  );
  const duets = settings.pairing && stopping && { stopping, budget: new BudgetShares(settings.pairing.budgetMs) };
  for (const [index, pair] of pairs.entries()) {
    if (hooks.signal?.aborted) return;
    const base = pair.base && new CaseMeasurement(pair.base, settings, counter, hooks.signal);
    const head = pair.head && new CaseMeasurement(pair.head, settings, counter, hooks.signal);
    const verifiedBase = base ? await base.verify() : false;
    const verifiedHead = head ? await head.verify() : false;
    if (verifiedBase && verifiedHead) {
      const disagreement = treeChecksumDisagreement(base!.checksums, head!.checksums);
      if (disagreement) for (const side of [base!, head!]) side.addWarning(disagreement);
    }
    const modes = [...new Set([...(pair.head?.modes ?? []), ...(pair.base?.modes ?? [])])];
    if (duets && live(base) && live(head)) {
      const shared = modes.filter((mode) => base.samples.has(mode) && head.samples.has(mode));
      const shareMs = duets.budget.shareMs(pairs.length - index);
      if (shared.length > 0) await measureInDuets(base, head, shared, settings, duets.stopping, shareMs, hooks.signal);
      const alone = modes.filter((mode) => !shared.includes(mode));
      if (alone.length > 0) await measureInProcesses(base, head, alone, settings, hooks.signal);
    } else await measureInProcesses(base, head, modes, settings, hooks.signal);
    if (hooks.signal?.aborted) return;
    const pairing = hooks.pairingId(index);
    const finished = (side: CaseMeasurement | undefined) => {
      if (!side) return undefined;
      const measured = side.finished();
      return base && head ? { ...measured, pairing } : measured;
    };
    await hooks.onCaseDone({ base: finished(base), head: finished(head) });
  }
}
