/**
 * What follows a timed pass, whether it was one window (a measure job) or a duet's slices: the
 * untimed allocation passes, the retained heap, the run sample, and last the mode's afterAll hook.
 * (Allocation sites are profiled in a child of their own: execute.ts.)
 */
import type { HookedOperation } from '../../plan/scenario.js';
import { quantileOfSorted, sortedCopy } from '../../stats/order.js';
import type { MeasuredSide } from '../job.js';
import { collectGarbage, countAllocationsPerOperation, type GcPause, usedDataHeapBytes } from './gc.js';
import { allocatedBytesPerOp, hasPerOperationHooks, heapConfiguration, withHooks } from './operation.js';
import { pauseFigures } from './pauses.js';
import type { RunSample } from './sample.js';

/** What the timed pass itself gave. */
export interface TimedFigures {
  ops: number;
  elapsedMs: number;
  cpuMs: number;
  /** The operations timed one by one, in ms. */
  latenciesMs: Float64Array;
  pauses: GcPause[];
  heapTotalBefore: number;
  memoryAtEnd: NodeJS.MemoryUsage;
}

/**
 * Retained heap: measured now against the used heap after setup; or, for a duet's side that shares
 * its heap, what its warm-up left alive plus what its counting passes leave alive, each run alone
 * between two full collections (what it keeps alive within the timed slices is not its alone).
 */
export type Retained = { usedAfterSetupBytes: number } | { retainedBeforeCountingBytes: number };

export async function finishRun(
  hooked: HookedOperation,
  isAsync: boolean,
  timed: TimedFigures,
  retained: Retained,
  firstChecksum: string,
): Promise<MeasuredSide> {
  // Each counting pass runs a sixteenth of the timed operations (at least one): two to five of them,
  // an eighth to a third of the timed pass's time.
  const allocationPassOps = Math.max(1, Math.round(timed.ops / 16));
  const perOperationHooks = hasPerOperationHooks(hooked);
  const operation = withHooks(hooked);
  const sharedHeap = 'retainedBeforeCountingBytes' in retained;
  if (sharedHeap) collectGarbage();
  const usedBeforeCounting = sharedHeap ? usedDataHeapBytes() : 0;
  const allocation = perOperationHooks
    ? await countAllocationsPerOperation(hooked, allocationPassOps)
    : await allocatedBytesPerOp(operation, isAsync, allocationPassOps);
  collectGarbage();
  const retainedBytes = sharedHeap
    ? retained.retainedBeforeCountingBytes + usedDataHeapBytes() - usedBeforeCounting
    : usedDataHeapBytes() - retained.usedAfterSetupBytes;

  const latencyNs = sortedCopy(Array.from(timed.latenciesMs, (ms) => ms * 1e6));
  const { memoryAtEnd } = timed;
  const sample: RunSample = {
    ops: timed.ops,
    elapsedMs: timed.elapsedMs,
    cpuMs: timed.cpuMs,
    opsPerSec: (timed.ops / timed.elapsedMs) * 1000,
    latencyNs: {
      p50: quantileOfSorted(latencyNs, 0.5),
      p99: quantileOfSorted(latencyNs, 0.99),
      max: latencyNs[latencyNs.length - 1] ?? 0,
    },
    latencyStride: Math.round(timed.ops / Math.max(1, timed.latenciesMs.length)),
    latencySamples: timed.latenciesMs.length,
    gc: pauseFigures(timed.pauses, timed.ops),
    gcPausesMs: timed.pauses.map((pause) => Math.round(pause.durationMs * 1000) / 1000),
    memory: {
      allocatedBytesPerOp: allocation.allocatedBytes,
      allocatedMethod: allocation.method,
      retainedBytes,
      peakHeapUsedBytes: allocation.peakHeapUsedBytes,
      heapGrowthBytes: memoryAtEnd.heapTotal - timed.heapTotalBefore,
      arrayBuffersBytes: memoryAtEnd.arrayBuffers,
      externalBytes: memoryAtEnd.external,
      rssBytes: memoryAtEnd.rss,
    },
    allocationPassOps,
  };
  await hooked.afterAll?.();
  return {
    sample,
    firstChecksum,
    heap: heapConfiguration(),
    ...(perOperationHooks ? { perOperationHooks: true as const } : {}),
  };
}
