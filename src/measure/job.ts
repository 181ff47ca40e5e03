/** What the runner sends a child and what the child sends back, over a private channel (child/channel.ts; never stdout). */

import type { Params, Scenario } from '../plan/scenario.js';
import type { ProfilePasses } from './child/heap-profile.js';
import type { DuetIsolation, HeapConfiguration, RunSample } from './child/sample.js';

export interface JobTarget {
  moduleUrl: string;
  scenarioName: string;
  params: Params;
}

/** Run every mode's operation a few times from a fresh setup and report the values returned. */
export interface VerifyJob extends JobTarget {
  kind: 'verify';
  modes: string[];
  repetitions: number;
}

/** Measure one mode in this process: warm up, timed pass, counting pass. */
export interface MeasureJob extends JobTarget {
  kind: 'measure';
  mode: string;
  timeMs: number;
  warmupMs: number;
  /** Heap samples and pauses to keep for the run's timeline; 0 or absent: none. */
  timelinePoints?: number;
}

/**
 * Profile one mode in this process (`--alloc-profile`), started with the profiling flags: warm up,
 * then the allocation pass and the survival pass under the sampling heap profiler. Nothing is timed.
 */
export interface ProfileJob extends JobTarget {
  kind: 'profile';
  mode: string;
  warmupMs: number;
  ops: number;
  /** Operations of the survival pass; absent: no survival pass. */
  survivalOps?: number;
}

/** Import a scenario file and say what it declares, so that none of its code runs in arena-bench's own process. */
export interface DescribeJob {
  kind: 'describe';
  moduleUrl: string;
  /** The path as the user gave it, for messages. */
  source: string;
}

/** Import a config file written in code and send its default export back as data, for the same reason. */
export interface ReadConfigJob {
  kind: 'read-config';
  moduleUrl: string;
}

/** A scenario as a file declares it, minus its functions: the modes by name. */
export interface DescribedScenario {
  fields: Omit<Scenario, 'modes'>;
  modes: string[];
  unverified?: string;
}

/**
 * `run --against`: one mode of the same case from both trees, timed in this one process in
 * alternating slices, so that whatever the machine does to the process lands on both sides.
 */
export interface DuetJob {
  kind: 'duet';
  base: JobTarget;
  head: JobTarget;
  mode: string;
  /** Each side's timed time, summed over its slices. */
  timeMs: number;
  sliceMs: number;
  /** Each side's warm-up, before its first slice. */
  warmupMs: number;
  isolation: DuetIsolation;
}

export type WorkerJob = VerifyJob | MeasureJob | DuetJob | DescribeJob | ReadConfigJob | ProfileJob;

/** Whose code a job runs, as the messages about its misbehaviour name it. */
export type CodeOwner = 'scenario' | 'config file';

export function codeOwnerOf(job: Pick<WorkerJob, 'kind'>): CodeOwner {
  return job.kind === 'read-config' ? 'config file' : 'scenario';
}

export type DuetSideName = 'base' | 'head';

/** What one side of a duet measured: a run as a measure job gives it. */
export interface MeasuredSide {
  sample: RunSample;
  firstChecksum: string;
  heap: HeapConfiguration;
  /** The mode ran hooks around every operation (timed per operation, the hooks left out). */
  perOperationHooks?: true;
}

export type WorkerReply =
  | { status: 'verified'; checksums: Record<string, string[]> }
  | {
      status: 'described';
      scenarios?: DescribedScenario[];
      /** The file is not a scenario file arena-bench can run: the loader's UserError. */
      refusal?: { message: string; hint?: string; exitCode: number };
    }
  /** A config file's default export through JSON (`null` when it has none), or why it did not load. */
  | { status: 'config-read'; settings?: unknown; failure?: string }
  | ({ status: 'measured' } & MeasuredSide)
  | { status: 'duet-measured'; base: MeasuredSide; head: MeasuredSide }
  | { status: 'profiled'; passes: ProfilePasses }
  /** `side`: in a duet, the tree whose code threw, when it is known. */
  | { status: 'threw'; message: string; side?: DuetSideName }
  /** The scenario did something that makes its process's word unreliable, such as setting process.exitCode. */
  | { status: 'misbehaved'; message: string };

export type JobOutcome =
  | {
      status: 'ok';
      reply: Extract<
        WorkerReply,
        { status: 'verified' | 'measured' | 'duet-measured' | 'described' | 'config-read' | 'profiled' }
      >;
    }
  | {
      status: 'failed';
      reason: 'threw' | 'misbehaved' | 'timeout' | 'crashed' | 'out-of-memory' | 'interrupted';
      message: string;
      side?: DuetSideName;
    };
