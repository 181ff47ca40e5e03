/**
 * A duet: one mode of the same case from the base and the head tree, timed in this one process in
 * alternating slices, so that what the machine does to the process (the speed level it runs at,
 * a neighbour's burst) lands on both sides and their ratio cancels it. docs/statistics.md,
 * "Same-process pairing", says why and what it costs.
 *
 * Each side warms up alone, then both get two untimed alternations (a slice each), then the timed
 * ones. Which side goes first in an alternation is shuffled, each side first in half of them, so
 * neither always runs on a cache or a collector state the other just left.
 */
import { Worker } from 'node:worker_threads';
import type { DuetJob, DuetSideName, JobTarget, MeasuredSide, WorkerReply } from '../job.js';
import type { SideCall, SideReply, ThreadData } from './duet-thread.js';
import { GcRecorder } from './gc.js';
import { SlicedSide, type SliceSettings } from './sliced-side.js';
import { describeThrown, isInstance } from './thrown.js';

/** What one side's code threw, described, with the side: the parent fails that tree's case, not both. */
export class SideFailure extends Error {
  constructor(
    readonly side: DuetSideName,
    description: string,
  ) {
    super(description);
  }
}

/** A Worker side's failure, described in the Worker already. */
class ThreadFailure extends Error {}

/** The child's guards (process.exit and the like) are in worker.ts: describe the scenario's line that called them. */
const GUARDS_URL = new URL('./worker.js', import.meta.url).href;

function attributed<T>(side: DuetSideName, work: () => Promise<T> | T): Promise<T> {
  return Promise.resolve()
    .then(work)
    .catch((thrown: unknown) => {
      throw new SideFailure(
        side,
        isInstance(thrown, ThreadFailure) ? thrown.message : describeThrown(thrown, GUARDS_URL),
      );
    });
}

/** Every call to a side that runs its code, its failures marked as that side's. */
function labelled(side: DuetSideName, control: SideControl): SideControl {
  return {
    firstChecksum: control.firstChecksum,
    warmUp: () => attributed(side, () => control.warmUp()),
    slice: (counted) => attributed(side, () => control.slice(counted)),
  };
}

/** Untimed alternations (a slice each) after the warm-ups: each side runs again after the other has. */
const WARM_ALTERNATIONS = 2;

/** What the driver asks of a side, wherever it lives. */
interface SideControl {
  readonly firstChecksum: string;
  warmUp(): Promise<void>;
  slice(counted: boolean): Promise<void>;
}

/** Both sides, and what is done to both at once: where the timed part begins and ends, the untimed passes. */
interface Sides {
  base: SideControl;
  head: SideControl;
  beginTiming(): Promise<void>;
  endTiming(): Promise<void>;
  finish(wentFirst: { base: number; head: number }): Promise<{ base: MeasuredSide; head: MeasuredSide }>;
  close(): Promise<void>;
}

/** One boolean per alternation, true where the base goes first: half of them (rounded down), in random order. */
export function balancedOrder(alternations: number, random: () => number = Math.random): boolean[] {
  const order = Array.from({ length: alternations }, (_, i) => i < Math.floor(alternations / 2));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export async function measureDuet(job: DuetJob): Promise<WorkerReply> {
  const settings: SliceSettings = {
    timeMs: job.timeMs,
    sliceMs: job.sliceMs,
    warmupMs: job.warmupMs,
    ownHeap: job.isolation === 'worker',
  };
  const sides = job.isolation === 'worker' ? await openThreads(job, settings) : await openShared(job, settings);
  try {
    const base = labelled('base', sides.base);
    const head = labelled('head', sides.head);
    const baseFirstInWarmUp = Math.random() < 0.5;
    for (const side of baseFirstInWarmUp ? [base, head] : [head, base]) await side.warmUp();
    for (let i = 0; i < WARM_ALTERNATIONS; i++)
      for (const side of i % 2 === 0 ? [base, head] : [head, base]) await side.slice(false);
    await sides.beginTiming();
    const order = balancedOrder(Math.max(2, Math.ceil(job.timeMs / job.sliceMs)));
    for (const baseFirst of order) for (const side of baseFirst ? [base, head] : [head, base]) await side.slice(true);
    await sides.endTiming();
    const baseWentFirst = order.filter(Boolean).length;
    const measured = await sides.finish({ base: baseWentFirst, head: order.length - baseWentFirst });
    return { status: 'duet-measured', ...measured };
  } finally {
    await sides.close();
  }
}

/** Both sides in this isolate: one heap, one collector; a pause belongs to the side whose slice it fell in. */
async function openShared(job: DuetJob, settings: SliceSettings): Promise<Sides> {
  const base = await attributed('base', () => SlicedSide.open(job.base, job.mode, settings));
  const head = await attributed('head', () => SlicedSide.open(job.head, job.mode, settings));
  // Started after both warm-ups, whose forced collections it need not hold.
  let recorder: GcRecorder | undefined;
  return {
    base,
    head,
    async beginTiming() {
      recorder = new GcRecorder();
      base.beginTiming();
      head.beginTiming();
    },
    async endTiming() {
      base.endTiming();
      head.endTiming();
    },
    async finish(wentFirst) {
      await recorder!.flush();
      const basePauses = recorder!.pausesWithin(base.windows);
      const headPauses = recorder!.pausesWithin(head.windows);
      recorder!.stop();
      base.wentFirst = wentFirst.base;
      head.wentFirst = wentFirst.head;
      return {
        base: await attributed('base', () => base.finish(basePauses, 'shared')),
        head: await attributed('head', () => head.finish(headPauses, 'shared')),
      };
    },
    close: async () => {},
  };
}

const THREAD_URL = new URL('./duet-thread.js', import.meta.url);

/** A side in a Worker of its own, driven by messages; its slices are timed in the Worker. */
class ThreadSide implements SideControl {
  private pending: { resolve(value: unknown): void; reject(error: Error): void } | undefined;
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly firstChecksum: string,
  ) {}

  static async open(target: JobTarget, mode: string, settings: SliceSettings): Promise<ThreadSide> {
    const data: ThreadData = { target, mode, settings };
    const worker = new Worker(THREAD_URL, { workerData: data });
    const opened = new Promise<string>((resolve, reject) => {
      worker.once('message', (reply: SideReply) =>
        reply.ok ? resolve(reply.value as string) : reject(new Error(reply.message)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new ThreadFailure(`its Worker exited with code ${code} while it set up`)));
    });
    const side = new ThreadSide(worker, await opened);
    worker.on('message', (reply: SideReply) => {
      const pending = side.pending;
      side.pending = undefined;
      if (reply.ok) pending?.resolve(reply.value);
      else pending?.reject(new ThreadFailure(reply.message));
    });
    const fail = (error: Error) => {
      side.failure ??= error;
      side.pending?.reject(side.failure);
      side.pending = undefined;
    };
    worker.on('error', fail);
    // A Worker can end without an 'error' event (its thread stopped from outside, say): a call it
    // will never answer fails now, not at the duet's --timeout.
    worker.on('exit', (code) => fail(new ThreadFailure(`its Worker exited with code ${code} before answering`)));
    return side;
  }

  private call(message: SideCall): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message);
    });
  }

  warmUp = () => this.call({ call: 'warmUp' }).then(() => {});
  beginTiming = () => this.call({ call: 'beginTiming' }).then(() => {});
  slice = (counted: boolean) => this.call({ call: 'slice', counted }).then(() => {});
  endTiming = () => this.call({ call: 'endTiming' }).then(() => {});
  finish = (wentFirst: number) => this.call({ call: 'finish', wentFirst }) as Promise<MeasuredSide>;
  close = () => this.worker.terminate().then(() => {});
}

/** Each side in a Worker: its own isolate, heap and collector, so its pauses and heap are its own. */
async function openThreads(job: DuetJob, settings: SliceSettings): Promise<Sides> {
  const base = await attributed('base', () => ThreadSide.open(job.base, job.mode, settings));
  const head = await attributed('head', () => ThreadSide.open(job.head, job.mode, settings)).catch(
    async (error: unknown) => {
      await base.close();
      throw error;
    },
  );
  return {
    base,
    head,
    beginTiming: async () => {
      await base.beginTiming();
      await head.beginTiming();
    },
    endTiming: async () => {
      await base.endTiming();
      await head.endTiming();
    },
    finish: async (wentFirst) => ({
      base: await attributed('base', () => base.finish(wentFirst.base)),
      head: await attributed('head', () => head.finish(wentFirst.head)),
    }),
    close: async () => {
      await Promise.all([base.close(), head.close()]);
    },
  };
}
