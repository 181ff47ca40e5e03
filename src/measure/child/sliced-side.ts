/**
 * One side of a duet: one tree's operation of a mode, timed in slices that alternate with the
 * other tree's, its slices summed into one run sample.
 */
import type { HookedOperation, Operation } from '../../plan/scenario.js';
import type { JobTarget, MeasuredSide } from '../job.js';
import { collectGarbage, type GcPause, type TimeWindow, usedDataHeapBytes } from './gc.js';
import { describeChecksum, hasPerOperationHooks, isThenable, setUp, warmUp, withHooks } from './operation.js';
import { finishRun, type Retained } from './run-sample.js';
import type { DuetIsolation, DuetRecord } from './sample.js';
import { HeapSampler } from './timeline.js';
import { LATENCY_CAPACITY, LATENCY_SAMPLES_TARGET, timeAsync, timeHooked, timeSync } from './timing.js';

export interface SliceSettings {
  /** This side's timed time, summed over its slices. */
  timeMs: number;
  sliceMs: number;
  warmupMs: number;
  /** The side has a heap of its own (a Worker): retained is measured at the end, as in a measure job. */
  ownHeap: boolean;
}

/** No heap timeline in a duet: samples from two sides' slices would not make one picture. */
const NO_TIMELINE = new HeapSampler(0, 0);

export class SlicedSide {
  /** Where this side's timed slices fell: the GC pauses inside them are this side's. */
  readonly windows: TimeWindow[] = [];
  wentFirst = 0;
  private ops = 0;
  private elapsedMs = 0;
  private cpuMs = 0;
  private readonly latencies = new Float64Array(LATENCY_CAPACITY);
  private latencySamples = 0;
  private stride = 1;
  private retained: Retained = { retainedBeforeCountingBytes: 0 };
  private heapTotalBefore = 0;
  private memoryAtEnd: NodeJS.MemoryUsage | undefined;

  private readonly operation: Operation;

  private constructor(
    private readonly hooked: HookedOperation,
    private readonly isAsync: boolean,
    readonly firstChecksum: string,
    private readonly settings: SliceSettings,
  ) {
    this.operation = withHooks(hooked);
  }

  static async open(target: JobTarget, mode: string, settings: SliceSettings): Promise<SlicedSide> {
    const hooked = await setUp(target, mode);
    const first = withHooks(hooked)();
    const isAsync = isThenable(first);
    return new SlicedSide(hooked, isAsync, describeChecksum(isAsync ? await first : first), settings);
  }

  /**
   * Warm up alone, between two full collections. With a heap of its own the used heap now is what
   * retained is measured from at the end; in a shared heap what the warm-up left alive is this
   * side's alone, and what its counting passes leave alive is added at the end (run-sample.ts).
   */
  async warmUp(): Promise<void> {
    collectGarbage();
    const usedBefore = usedDataHeapBytes();
    const msPerOp = await warmUp(this.operation, this.isAsync, this.settings.warmupMs);
    if (this.settings.ownHeap) this.retained = { usedAfterSetupBytes: usedBefore };
    else {
      collectGarbage();
      this.retained = { retainedBeforeCountingBytes: usedDataHeapBytes() - usedBefore };
    }
    this.stride = Math.max(1, Math.ceil(this.settings.timeMs / msPerOp / LATENCY_SAMPLES_TARGET));
  }

  beginTiming(): void {
    this.heapTotalBefore = process.memoryUsage().heapTotal;
  }

  /** One slice of about `sliceMs`; `counted` false for the slices that only warm the side up again. */
  async slice(counted: boolean): Promise<void> {
    const { sliceMs, timeMs } = this.settings;
    // Latency readings are spread over the whole timed time, not packed into the first slices.
    const intervalMs = timeMs / LATENCY_SAMPLES_TARGET;
    const latencies = this.latencies.subarray(this.latencySamples);
    const cpuBefore = process.cpuUsage();
    const pass = hasPerOperationHooks(this.hooked)
      ? await timeHooked(this.hooked, sliceMs, this.stride, latencies, NO_TIMELINE)
      : this.isAsync
        ? await timeAsync(this.operation, sliceMs, this.stride, latencies, NO_TIMELINE, intervalMs)
        : timeSync(this.operation, sliceMs, this.stride, latencies, NO_TIMELINE, intervalMs);
    const cpu = process.cpuUsage(cpuBefore);
    this.stride = Math.max(1, Math.round(pass.ops / Math.max(1, pass.latencySamples)));
    if (!counted) return;
    this.ops += pass.ops;
    this.elapsedMs += pass.operationsMs ?? pass.endMs - pass.startMs;
    this.cpuMs += (cpu.user + cpu.system) / 1000;
    this.latencySamples += pass.latencySamples;
    this.windows.push({ startMs: pass.startMs, endMs: pass.endMs });
  }

  endTiming(): void {
    this.memoryAtEnd = process.memoryUsage();
  }

  /** The untimed passes and the run sample, given the pauses that fell in this side's slices. */
  async finish(pauses: GcPause[], isolation: DuetIsolation): Promise<MeasuredSide> {
    const timed = {
      ops: this.ops,
      elapsedMs: this.elapsedMs,
      cpuMs: this.cpuMs,
      latenciesMs: this.latencies.subarray(0, this.latencySamples),
      pauses,
      heapTotalBefore: this.heapTotalBefore,
      memoryAtEnd: this.memoryAtEnd ?? process.memoryUsage(),
    };
    const measured = await finishRun(this.hooked, this.isAsync, timed, this.retained, this.firstChecksum);
    const duet: DuetRecord = {
      isolation,
      slices: this.windows.length,
      sliceMs: this.settings.sliceMs,
      wentFirst: this.wentFirst,
    };
    return { ...measured, sample: { ...measured.sample, duet } };
  }
}
