/**
 * The allocation-profile passes: the operation run under V8's sampling heap profiler in a child of
 * its own, started with inlining off, so the profiler's cost lands in no timed or counted number and
 * every function keeps its own frame.
 */
import { Session } from 'node:inspector';
import v8 from 'node:v8';
import type { Operation } from '../../plan/scenario.js';
import { runOps } from './timing.js';

/**
 * The profiling child's V8 flags. The profiler charges an allocation to the physical frame, so a
 * function TurboFan or Maglev (on by default from Node 22) inlined would be charged to its caller:
 * both stop inlining. The large initial old space keeps major collections out of the survival pass
 * (see survivalPass): a major collection also frees the young generation's dead objects, and the
 * profiler then counts them as collected by a major GC, that is, as survivors.
 */
export const PROFILING_FLAGS = ['--no-turbo-inlining', '--no-maglev-inlining', '--initial-old-space-size=1024'];

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

/** One pass's profile and the operations it covers. */
export interface AllocationProfile {
  ops: number;
  samplingIntervalBytes: number;
  profile: SamplingHeapProfile;
}

/** The survival pass: a profile of what no scavenge freed, and what may blur it. */
export interface SurvivalProfile extends AllocationProfile {
  /** Major collections in the pass: each also frees young objects that were already dead, counted as survivors. */
  majorCollections: number;
  /** Young-generation bytes, dead and alive, when those collections began: a bound on what they counted as survivors. */
  youngBytesAtMajors: number;
  /** Live in the young generation when the pass ended: counted as survivors though no scavenge decided their fate. */
  youngBytesAtEnd: number;
}

/** What the profiling child sends back: everything allocated, and (unless turned off) what survived. */
export interface ProfilePasses {
  allocated: AllocationProfile;
  survived?: SurvivalProfile;
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

/**
 * Young generations the survival pass allocates at least: an object is decided when a scavenge
 * meets it, and those still young when the pass ends are undecided; over four young generations
 * of allocation they are at most about a quarter of the bytes, and usually far less (only what is
 * alive at the end stays undecided: the pass ends with a scavenge).
 */
const SURVIVAL_YOUNG_GENERATIONS = 4;

/**
 * Operations for the survival pass: at least as many as the allocation pass, enough to allocate
 * SURVIVAL_YOUNG_GENERATIONS young generations, never more than the timed pass ran.
 */
export function survivalPassOps(
  allocatedBytesPerOp: number,
  allocationPassOps: number,
  newSpaceCapacityBytes: number,
  timedOps: number,
): number {
  if (allocatedBytesPerOp <= 0) return allocationPassOps;
  const wanted = Math.ceil((SURVIVAL_YOUNG_GENERATIONS * newSpaceCapacityBytes) / allocatedBytesPerOp);
  return Math.max(allocationPassOps, Math.min(wanted, timedOps));
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

/**
 * `ops` operations under the sampling profiler. With `survivors`, objects a scavenge frees leave the
 * profile and those a major GC frees stay: what is left survived the young generation. Without it
 * both stay: everything allocated. (includeObjectsCollectedBy*GC are honoured by Node 20 to 26.)
 * `afterOps` runs between the last operation and the end of sampling.
 */
async function profilePass(
  operation: Operation,
  isAsync: boolean,
  ops: number,
  samplingIntervalBytes: number,
  survivors: boolean,
  afterOps = () => {},
): Promise<SamplingHeapProfile> {
  const session = new Session();
  session.connect();
  try {
    await post(session, 'HeapProfiler.enable');
    await post(session, 'HeapProfiler.startSampling', {
      samplingInterval: samplingIntervalBytes,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: !survivors,
    });
    await runOps(operation, ops, isAsync);
    afterOps();
    const { profile } = await post<{ profile: SamplingHeapProfile }>(session, 'HeapProfiler.stopSampling');
    return profile;
  } finally {
    session.disconnect();
  }
}

const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/** Bytes in the young generation, large objects included. */
function youngBytes(): number {
  let used = 0;
  for (const space of v8.getHeapSpaceStatistics())
    if (YOUNG_SPACES.has(space.space_name)) used += space.space_used_size;
  return used;
}

/**
 * The survival pass. The GC profiler sees how much was young when each major collection began (an
 * upper bound on the dead young objects it counted as survivors); a scavenge at the end takes the
 * dead objects still young out of the profile, and what it leaves young is undecided.
 */
async function survivalPass(
  operation: Operation,
  isAsync: boolean,
  ops: number,
  samplingIntervalBytes: number,
): Promise<SurvivalProfile> {
  const gcProfiler = new v8.GCProfiler();
  let majorCollections = 0;
  let youngBytesAtMajors = 0;
  let youngBytesAtEnd = 0;
  gcProfiler.start();
  const profile = await profilePass(operation, isAsync, ops, samplingIntervalBytes, true, () => {
    for (const collection of gcProfiler.stop().statistics) {
      if (collection.gcType !== 'MarkSweepCompact') continue;
      majorCollections++;
      for (const space of collection.beforeGC.heapSpaceStatistics)
        if (YOUNG_SPACES.has(space.spaceName)) youngBytesAtMajors += space.spaceUsedSize;
    }
    globalThis.gc!({ type: 'minor' });
    youngBytesAtEnd = youngBytes();
  });
  return { ops, samplingIntervalBytes, profile, majorCollections, youngBytesAtMajors, youngBytesAtEnd };
}

/** The allocation pass, then with `survivalOps` the survival pass, one after the other in this process. */
export async function profileAllocations(
  operation: Operation,
  isAsync: boolean,
  ops: number,
  samplingIntervalBytes: number,
  survivalOps?: number,
): Promise<ProfilePasses> {
  const profile = await profilePass(operation, isAsync, ops, samplingIntervalBytes, false);
  const allocated = { ops, samplingIntervalBytes, profile };
  if (survivalOps === undefined) return { allocated };
  return { allocated, survived: await survivalPass(operation, isAsync, survivalOps, samplingIntervalBytes) };
}
