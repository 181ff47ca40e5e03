/**
 * The result file: one plain, serialisable type that every reporter and `compare` read, so a file
 * written yesterday can be re-reported today. Field names carry their units. The JSON Schema in
 * `schema/result.schema.json` describes the same shape; every file read is checked against it.
 */
import { readFile } from 'node:fs/promises';
import { messageOf, UserError } from '../errors.js';
import type { GcFigures, HeapConfiguration, MemoryFigures, RunSample } from '../measure/child/sample.js';
import type { MeasureSettings, PairingStop } from '../measure/model.js';
import type { ParamValue } from '../plan/scenario.js';
import type { SequentialDesign } from '../stats/sequential.js';
import { schemaProblem } from './schema-check.js';
import { writeFileAtomic } from './write-file-atomic.js';

export type {
  AllocatedMethod,
  GcFigures,
  GcKind,
  GcKindTotals,
  HeapConfiguration,
  MemoryFigures,
  RunSample,
  RunTimeline,
} from '../measure/child/sample.js';
export type { PairingStop, SameProcessPairing } from '../measure/model.js';

export const SCHEMA_VERSION = 1;

export interface ModeSummary {
  ops: number;
  opsPerSec: { median: number; ci95: [number, number]; ciLevel: number };
  latencyNs: { p50: number; p99: number; max: number };
  cpuMsPerKop: number;
  gc: GcFigures;
  memory: MemoryFigures;
}

export interface ModeResult {
  /** The first value the operation returned; every mode of the scenario returned the same sequence. */
  checksum: string;
  runs: RunSample[];
  summary: ModeSummary;
  /** Where the mode allocates, from the sampling heap profiler (`--alloc-profile`); absent without it. */
  allocationSites?: AllocationSites;
}

/** A function as the profiler names it; line and column are 1-based, of the function's start. */
export interface SourceFrame {
  functionName: string;
  url: string;
  line: number;
  column: number;
}

export interface AllocationSite extends SourceFrame {
  /** Estimated from the samples: the site's sampled bytes over the operations profiled. */
  bytesPerOp: number;
  /** Of the mode's sampled total, 0–1. */
  share: number;
  /** The callers, nearest first, up to the measuring loop (the heaviest path when there are several). */
  stack: SourceFrame[];
  /** The first caller in the scenario's own code, when the site itself is in Node.js, a package or arena-bench. */
  userFrame?: SourceFrame;
  /** From the survival pass: the site's sampled bytes that no scavenge freed, over its operations. */
  survivedBytesPerOp?: number;
  /**
   * survivedBytesPerOp ÷ bytesPerOp, 0–1 (the two come from separate passes, so a ratio sampled
   * above 1 is shown as 1); null when the allocation pass sampled none of the site's bytes.
   */
  survival?: number | null;
}

/** The survival pass of every run, pooled: what survived the young generation, and what blurs it. */
export interface SurvivalFigures {
  profiledOps: number;
  /** All sampled bytes that no scavenge freed, over `profiledOps`. */
  sampledBytesPerOp: number;
  /** Major collections in the passes: each may have counted young objects already dead as survivors. */
  majorCollections: number;
  /** Young-generation bytes when those began, over `profiledOps`: a bound on the dead objects they counted as survivors. */
  youngBytesPerOpAtMajors: number;
  /** Live in the young generation at the passes' ends, over `profiledOps`: survivors no scavenge decided. */
  youngBytesPerOpAtEnd: number;
}

export interface AllocationSites {
  samplingIntervalBytes: number;
  /** Operations in the profile passes of all runs, pooled. */
  profiledOps: number;
  /** All sampled bytes over `profiledOps`: to be checked against `summary.memory.allocatedBytesPerOp`. */
  sampledBytesPerOp: number;
  /** The heaviest sites, at most `--alloc-sites`. */
  sites: AllocationSite[];
  /** What the sites are ranked by: surviving bytes when the mode collected in old space and survival was measured. Absent in older files: allocated. */
  rankedBy?: 'allocated' | 'survived';
  /** Absent without the survival pass. */
  survival?: SurvivalFigures;
}

/**
 * A mode against its scenario's baseline mode, inside one result (`comparison.against` in the file).
 * One result file against another is a `Comparison` (src/compare/).
 */
export interface ModeRatios {
  /** Hodges–Lehmann ratio of ops/s (mode ÷ baseline) with Moses' interval. */
  opsPerSecRatio: { median: number; ci95: [number, number]; ciLevel: number };
  /** GC pause per operation, mode ÷ baseline: 0 when the mode paused never, null when only the baseline paused never. */
  gcPauseRatio: number | null;
  /** Allocated bytes per operation, mode ÷ baseline; null when only the baseline allocated nothing. */
  allocatedBytesRatio: number | null;
}

/** The matrix dimensions a case was measured under; cases of one scenario differ in these, not in name. */
export interface VariantResult {
  /** Extra V8 flags of every child (one --v8-flags set). */
  v8Flags: string[];
  /** The --node binary as given, or null for the Node.js that ran arena-bench. */
  node: string | null;
}

/**
 * One case of a result file: a scenario at one set of parameters under one variant. The file keeps them in
 * `scenarios`, the key of schema version 1.
 */
export interface CaseResult {
  name: string;
  /** Where the scenario came from: `builtin` or the file path given. */
  source: string;
  params: Record<string, ParamValue>;
  /** Measured time per run: `settings.timeMs`, or the scenario's longer minimum. Absent in older files. */
  timeMs?: number;
  variant: VariantResult;
  /** The runtime the children actually ran, and the heap it gave them (absent when nothing was measured). */
  runtime: { node: string; v8: string; heap?: HeapConfiguration };
  status: 'ok' | 'failed';
  error?: string;
  /** False when the modes' results could not be checked to agree (tinybench tasks return nothing); absent when they were checked. */
  verified?: false;
  /** Why they were not checked, when `verified` is false. */
  unverifiedReason?: string;
  /**
   * Under `run --against`: the id the invocation gave both trees' entries of this case. `compare`
   * tests runs of two entries with the same id as pairs (their runs' `pair`), not as two samples.
   */
  pairing?: string;
  /** Under same-process pairing: why the case took no more pairs, and after how many. */
  stopped?: PairingStop;
  warnings: string[];
  modes: Record<string, ModeResult>;
  comparison?: { baseline: string; against: Record<string, ModeRatios> };
}

export interface Environment {
  node: string;
  v8: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryBytes: number;
  /** Flags every measuring child was started with; a matrix's per-scenario flags are in each case's `variant`. */
  execArgv: string[];
  /** NODE_OPTIONS as arena-bench found it, when set: it reaches every child, as flags the children were not given. */
  nodeOptions?: string;
}

/** The settings an invocation measured under; those measuring reads are in `MeasureSettings` (measure/model.ts). */
export interface Settings extends MeasureSettings {
  /** One entry per --v8-flags given; each scenario runs under every set. */
  v8FlagSets: string[][];
  /** --node binaries; empty when the children run on arena-bench's own Node.js. */
  node: string[];
  modes: string[] | null;
  /** Sites kept per mode (`--alloc-sites`), with `allocationProfile`. */
  allocationSites?: number;
  /** `--shard i/n`: this file holds the i-th of n parts of the cases (1-based). */
  shard?: { index: number; count: number };
  /** `run --against`: which tree this file measured, and the other tree's directory. */
  against?: { side: 'base' | 'head'; baseTree: string };
  /**
   * `run --against` stopped each case by the group-sequential rule of src/stats/sequential.ts with
   * this design; `compare` replays it on the pairs of two files that both carry it. Absent in older files.
   */
  sequential?: SequentialDesign;
  /**
   * `run --against` and `run --baseline`: what the invocation's check decided with, so that `compare`
   * and `report` of its files decide alike unless told otherwise. Absent in older files.
   */
  check?: RecordedCheck;
}

/** A check's decision settings: the gated metrics, the thresholds (percent) and the error rate. */
export interface RecordedCheck {
  gate: string[];
  /** For tests between independent runs. */
  thresholds: Record<string, number>;
  /** For tests on the pairs of `run --against`. */
  pairedThresholds: Record<string, number>;
  alpha: number;
  correction: 'holm' | 'bh';
}

export interface ResultFile {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'arena-bench'; version: string };
  createdAt: string;
  /** False while the invocation writing it is still adding cases, or when it was interrupted. */
  complete: boolean;
  environment: Environment;
  settings: Settings;
  scenarios: CaseResult[];
}

/** How long a case's runs were timed: its own `timeMs`, or `settings.timeMs` in files that predate the field. */
export function caseTimeMs(caseResult: CaseResult, settings: Settings): number {
  return caseResult.timeMs ?? settings.timeMs;
}

/** "time-series-window 1000 ms" for each case whose runs were timed other than `settings.timeMs` (its scenario's `minTimeMs`), once per name. */
export function ownRunTimes(result: ResultFile): string[] {
  const { settings } = result;
  const own = result.scenarios.filter((caseResult) => caseTimeMs(caseResult, settings) !== settings.timeMs);
  return [...new Set(own.map((caseResult) => `${caseResult.name} ${caseResult.timeMs} ms`))];
}

/**
 * The fewest and the most runs a mode of the file holds: under `--precision` (and `run --against`)
 * modes get different counts, more than `settings.runs`. A file with no mode measured: settings.runs.
 */
export function runsPerMode(result: ResultFile): { fewest: number; most: number } {
  const counts = result.scenarios.flatMap((caseResult) =>
    Object.values(caseResult.modes).map((mode) => mode.runs.length),
  );
  if (counts.length === 0) return { fewest: result.settings.runs, most: result.settings.runs };
  return { fewest: Math.min(...counts), most: Math.max(...counts) };
}

/** Written whole or not at all: see write-file-atomic.ts. */
export async function writeResultFile(path: string, result: ResultFile): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`, {
    what: 'the result file',
    hint: 'choose another path with --out',
  });
}

/**
 * Read and check a result file: parse, refuse a newer schema version clearly, then check it against
 * the JSON Schema, so what every reader relies on is there. Every way it can fail is a UserError
 * (exit code 2) that names the file and, for a schema mismatch, the first field that is wrong.
 */
export async function readResultFile(path: string): Promise<ResultFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : messageOf(error);
    throw new UserError(
      `cannot read result file ${path}: ${reason}`,
      'give the path of a result file written by "arena-bench run --out <file>"',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      `${path} is not valid JSON${text.trim() === '' ? ' (it is empty)' : ' (truncated or corrupted?)'}: ${messageOf(error)}`,
      're-run the benchmark that wrote it',
    );
  }
  const { schemaVersion, tool } = (data ?? {}) as {
    schemaVersion?: unknown;
    tool?: { name?: unknown; version?: unknown };
  };
  if (typeof data !== 'object' || data === null || tool?.name !== 'arena-bench' || typeof schemaVersion !== 'number') {
    throw new UserError(
      `${path} is not an arena-bench result file (no "schemaVersion" and "tool": {"name": "arena-bench"})`,
    );
  }
  if (schemaVersion > SCHEMA_VERSION) {
    throw new UserError(
      `${path} has schemaVersion ${schemaVersion}, written by a newer arena-bench (${String(tool.version)}); this one reads schemaVersion ${SCHEMA_VERSION}`,
      'upgrade arena-bench to compare it (npm install arena-bench@latest)',
    );
  }
  if (schemaVersion !== SCHEMA_VERSION)
    throw new UserError(
      `${path} has schemaVersion ${schemaVersion}, which no arena-bench wrote; expected ${SCHEMA_VERSION}`,
    );
  const problem = schemaProblem(data);
  if (problem)
    throw new UserError(
      `${path} is not a valid arena-bench result file: ${problem}`,
      're-run the benchmark that wrote it',
    );
  return data as ResultFile;
}
