/**
 * The allocation-profile pass: the operation run under V8's sampling heap profiler, after every
 * figure of the run has been taken, so the profiler's cost lands in no timed or counted number.
 */
import { Session } from 'node:inspector';
import type { Operation } from '../../plan/scenario.js';
import { runOps } from './timing.js';

/** The Chrome DevTools protocol's `HeapProfiler.SamplingHeapProfile`, as `.heapprofile` files hold it. */
export interface SamplingHeapProfile {
  head: SamplingHeapProfileNode;
  samples: SamplingHeapProfileSample[];
}

export interface ProfileCallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  /** 0-based, of the function's start: the profiler attributes to functions, not statements. */
  lineNumber: number;
  columnNumber: number;
}

export interface SamplingHeapProfileNode {
  callFrame: ProfileCallFrame;
  /** Bytes allocated by this frame itself, scaled up from the samples to an estimate of all allocations. */
  selfSize: number;
  id: number;
  children: SamplingHeapProfileNode[];
}

export interface SamplingHeapProfileSample {
  size: number;
  nodeId: number;
  ordinal: number;
}

/** One run's profile and the operations it covers, sent to the parent beside the run sample. */
export interface AllocationProfile {
  ops: number;
  samplingIntervalBytes: number;
  profile: SamplingHeapProfile;
}

/**
 * Mean bytes between samples. Measured on test/fixtures/split.mjs (3:1, 3000 operations, one process,
 * settings interleaved, shared machine): the larger site's share was off by at most 0.03, 0.19,
 * 0.61 and 0.96 points at 1, 4, 16 and 32 KiB, with the pass taking 2.5, 3.2, 2.4 and 1.9 times the
 * plain loop, differences within the machine's noise. 4 KiB keeps a tenth-share site within a
 * point; below it, profiles of many small objects pay a stack walk for every few objects.
 */
export const SAMPLING_INTERVAL_BYTES = 4096;

/**
 * Samples the pass aims for: the relative error of a site's share is about 1/√(its samples), so a
 * site with a tenth of the bytes gets ~400 samples (±5% of its share).
 */
const TARGET_SAMPLES = 4000;

/**
 * Operations to profile: enough for the target number of samples at the exact bytes per operation
 * the counting pass found, at least as many as that pass ran, never more than the timed pass did
 * (which bounds the pass's time). A mode that allocates nothing gets the most, so that a stray
 * sample in the profiler's own work weighs as little as possible per operation.
 */
export function profilePassOps(
  allocatedBytesPerOp: number,
  countingPassOps: number,
  timedOps: number,
  samplingIntervalBytes: number,
): number {
  const wanted =
    allocatedBytesPerOp > 0 ? Math.ceil((TARGET_SAMPLES * samplingIntervalBytes) / allocatedBytesPerOp) : timedOps;
  return Math.max(countingPassOps, Math.min(wanted, timedOps));
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

/**
 * `ops` operations under the sampling profiler. Objects the collector has already freed stay in the
 * profile (includeObjectsCollectedBy*GC, accepted by Node 20 to 26): without them the profile shows
 * what survives, not what was allocated.
 */
export async function profileAllocations(
  operation: Operation,
  isAsync: boolean,
  ops: number,
  samplingIntervalBytes: number,
): Promise<AllocationProfile> {
  const session = new Session();
  session.connect();
  try {
    await post(session, 'HeapProfiler.enable');
    await post(session, 'HeapProfiler.startSampling', {
      samplingInterval: samplingIntervalBytes,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    await runOps(operation, ops, isAsync);
    const { profile } = await post<{ profile: SamplingHeapProfile }>(session, 'HeapProfiler.stopSampling');
    return { ops, samplingIntervalBytes, profile };
  } finally {
    session.disconnect();
  }
}
