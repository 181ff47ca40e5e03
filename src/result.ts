/**
 * The result file: one plain, serialisable type that every reporter and `compare` read, so a file
 * written yesterday can be re-reported today. Field names carry their units. The JSON Schema in
 * `schema/result.schema.json` describes the same shape for other tools.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ParamValue } from './scenario.js';

export const SCHEMA_VERSION = 1;

export type GcKind = 'minor' | 'minorMarkSweep' | 'major' | 'incremental' | 'weakcb';
export type AllocatedMethod = 'counter' | 'gc-profiler';

export interface GcKindTotals {
  count: number;
  pauseMs: number;
}

/** Collections inside the measured window; forced ones (`gc()`) are excluded. */
export interface GcSummary {
  count: number;
  pauseMs: { total: number; max: number; p99: number };
  /** Pause per 1000 operations: comparable across runs of different length. */
  pauseMsPerKop: number;
  byKind: Record<GcKind, GcKindTotals>;
}

export interface MemorySummary {
  allocatedBytesPerOp: number;
  allocatedMethod: AllocatedMethod;
  /** Used heap after a final full GC minus used heap after setup: what the operations left alive. */
  retainedBytes: number;
  /** Highest used heap seen in the allocation pass (just before a collection, or at its end). */
  peakHeapUsedBytes: number;
  /** Committed heap at the end of the timed pass minus before it. */
  heapGrowthBytes: number;
  /** Off-heap memory at the end of the timed pass: arena slabs live here, not in the heap. */
  arrayBuffersBytes: number;
  externalBytes: number;
  rssBytes: number;
}

/** One child process's measurement of one mode. */
export interface RunSample {
  ops: number;
  elapsedMs: number;
  /** Process CPU time (user + system) over the timed pass, all threads: GC helper threads show here, not in pauses. */
  cpuMs: number;
  opsPerSec: number;
  latencyNs: { p50: number; p99: number; max: number };
  /** Operations per latency sample: ops are timed one in `latencyStride` to keep the timer out of the heap. */
  latencyStride: number;
  latencySamples: number;
  gc: GcSummary;
  /** Main-thread pauses in the window, in the order they happened. */
  gcPausesMs: number[];
  memory: MemorySummary;
  /** Operations run in the separate allocation pass. */
  allocationPassOps: number;
}

export interface ModeSummary {
  ops: number;
  opsPerSec: { median: number; ci95: [number, number]; ciLevel: number };
  latencyNs: { p50: number; p99: number; max: number };
  cpuMsPerKop: number;
  gc: GcSummary;
  memory: MemorySummary;
}

export interface ModeResult {
  /** The first value the operation returned; every mode of the scenario returned the same sequence. */
  checksum: string;
  runs: RunSample[];
  summary: ModeSummary;
}

export interface ModeComparison {
  /** Hodges–Lehmann ratio of ops/s (mode ÷ baseline) with Moses' interval. */
  opsPerSecRatio: { median: number; ci95: [number, number]; ciLevel: number };
  /** GC pause per operation, mode ÷ baseline: 0 when the mode paused never, null when only the baseline paused never. */
  gcPauseRatio: number | null;
  /** Allocated bytes per operation, mode ÷ baseline; null when only the baseline allocated nothing. */
  allocatedBytesRatio: number | null;
}

/** The matrix dimensions a scenario entry was measured under; entries differ in these, not in name. */
export interface VariantResult {
  /** Extra V8 flags of every child (one --v8-flags set). */
  v8Flags: string[];
  /** The --node binary as given, or null for the Node.js that ran arena-bench. */
  node: string | null;
}

export interface ScenarioResult {
  name: string;
  /** Where the scenario came from: `builtin` or the file path given. */
  source: string;
  params: Record<string, ParamValue>;
  variant: VariantResult;
  /** The runtime the children actually ran. */
  runtime: { node: string; v8: string };
  status: 'ok' | 'failed';
  error?: string;
  warnings: string[];
  modes: Record<string, ModeResult>;
  comparison?: { baseline: string; against: Record<string, ModeComparison> };
}

export interface Environment {
  node: string;
  v8: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryBytes: number;
  /** Flags every measuring child was started with; a matrix's per-scenario flags are in each scenario's `variant`. */
  execArgv: string[];
  /** V8 heap configuration seen inside a child: young-generation sizes differ between Node versions. */
  heap?: { heapSizeLimitBytes: number; newSpaceCapacityBytes: number; semiSpaceBytes?: number };
}

export interface Settings {
  runs: number;
  timeMs: number;
  warmupMs: number;
  timeoutMs: number;
  /** One entry per --v8-flags given; each scenario runs under every set. */
  v8FlagSets: string[][];
  /** --node binaries; empty when the children run on arena-bench's own Node.js. */
  node: string[];
  modes: string[] | null;
  quick: boolean;
}

export interface ResultFile {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'arena-bench'; version: string };
  createdAt: string;
  /** False while a run is still adding scenarios, or when it was interrupted. */
  complete: boolean;
  environment: Environment;
  settings: Settings;
  scenarios: ScenarioResult[];
}

/** Write through a temporary file and rename, so a reader never sees half a file. */
export async function writeResultFile(path: string, result: ResultFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(result, null, 2) + '\n');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
