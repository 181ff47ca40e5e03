/** What the runner sends a child and what the child sends back, over a private channel (child/channel.ts; never stdout). */

import type { Params } from '../plan/scenario.js';
import type { AllocationProfile } from './child/heap-profile.js';
import type { HeapConfiguration, RunSample } from './child/sample.js';

interface JobTarget {
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

/** Measure one mode in this process: warm up, timed pass, allocation pass. */
export interface MeasureJob extends JobTarget {
  kind: 'measure';
  mode: string;
  timeMs: number;
  warmupMs: number;
  /** Heap samples and pauses to keep for the run's timeline; 0 or absent: none. */
  timelinePoints?: number;
  /** One more pass after the others, under the sampling heap profiler (`--alloc-profile`). */
  allocationProfile?: boolean;
}

export type WorkerJob = VerifyJob | MeasureJob;

export type WorkerReply =
  | { status: 'verified'; checksums: Record<string, string[]> }
  | {
      status: 'measured';
      sample: RunSample;
      firstChecksum: string;
      heap: HeapConfiguration;
      allocationProfile?: AllocationProfile;
      /** The mode ran hooks around every operation (timed per operation, the hooks left out). */
      perOperationHooks?: true;
    }
  | { status: 'threw'; message: string }
  /** The scenario did something that makes its process's word unreliable, such as setting process.exitCode. */
  | { status: 'misbehaved'; message: string };

export type JobOutcome =
  | { status: 'ok'; reply: Extract<WorkerReply, { status: 'verified' | 'measured' }> }
  | {
      status: 'failed';
      reason: 'threw' | 'misbehaved' | 'timeout' | 'crashed' | 'out-of-memory' | 'interrupted';
      message: string;
    };
