/**
 * What measuring takes and gives: the settings it reads, and each case's runs as they were measured,
 * which results/case-result.ts makes the case's entry in the result file. The result file's
 * `settings` extend these, so measure/ never imports results/.
 */
import type { Case } from '../plan/plan.js';
import type { ProfilePasses } from './child/heap-profile.js';
import type { DuetIsolation, HeapConfiguration, RunSample } from './child/sample.js';

export interface MeasureSettings {
  runs: number;
  timeMs: number;
  warmupMs: number;
  timeoutMs: number;
  quick: boolean;
  /** Heap samples and pauses kept per run for the timeline (`--timeline-points`); 0: none. Absent in older files. */
  timelinePoints?: number;
  /** Whether each run ended with a sampling-heap-profiler pass (`--alloc-profile`). Absent in older files. */
  allocationProfile?: boolean;
  /** Whether the profiling children also ran the survival pass (`--alloc-profile` without `--no-alloc-survival`). */
  allocationSurvival?: boolean;
  /** `--precision`: runs were added to each case until its ops/s interval (of the pair ratio, under --against) was this narrow (half-width, percent). */
  precisionPercent?: number;
  /** `--max-runs`: the most runs a mode got under --precision, or the most pairs a case got under same-process pairing. */
  maxRuns?: number;
  /** `run --against` with same-process pairing (its default): docs/statistics.md, "Same-process pairing". */
  pairing?: SameProcessPairing;
}

export interface SameProcessPairing {
  method: 'same-process';
  isolation: DuetIsolation;
  /** Each side's slice; a pair's child alternates them. */
  sliceMs: number;
  /** The whole invocation's time budget: cases stop when decided, or when their share of it is spent. */
  budgetMs: number;
}

/**
 * `decided`: every gated metric of every mode reached a verdict; `budget`: another round would have
 * overrun the case's share of `--budget`; `most-pairs`: it reached `--max-runs`. `pairs`: the rounds
 * the case took; a mode decided sooner has fewer pairs.
 */
export interface PairingStop {
  reason: 'decided' | 'budget' | 'most-pairs';
  pairs: number;
  elapsedMs: number;
}

/** One case as measured: what its entry in the result file is made of. */
export interface MeasuredCase {
  planned: Case;
  /** Measured time per run: `--time`, or the scenario's longer minimum. */
  timeMs: number;
  /** The heap the last kept run's child had; absent when no run was kept. */
  heap?: HeapConfiguration;
  /** Each mode's checksums from the verification. */
  checksums: Record<string, string[]>;
  /** Each mode's kept runs, in the order they were measured. */
  runs: ReadonlyMap<string, readonly RunSample[]>;
  /** Each mode's runs' profile passes, under `--alloc-profile`. */
  profiles: ReadonlyMap<string, readonly ProfilePasses[]>;
  /** Modes whose runs had hooks around every operation. */
  hookedModes: readonly string[];
  /** What measuring noticed: a suspended child, base and head computing different results. */
  warnings: readonly string[];
  /** What ended the case early, when something did. */
  error?: string;
  /** Under same-process pairing: why the case took no more pairs, and after how many. */
  stopped?: PairingStop;
  /** Under `run --against`, when both trees have the case: the id both trees' entries carry. */
  pairing?: string;
}
