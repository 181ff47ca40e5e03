/**
 * What the tinybench shim captures, kept on globalThis: a loader may import the shim more than
 * once (tsx gives each import it compiles a namespace of its own), and every copy must add to the
 * same list.
 */

/** One `bench.add(name, fn, options)`, as given. */
export interface CapturedTask {
  name: string;
  fn: () => unknown;
  options: TaskHooks;
  /** What tinybench's own Task reports before it ran: code that reads it after `run()` finds nothing measured. */
  result: { state: 'not-started' };
}

/** The task options that arena-bench runs; the others (async, signal…) are ignored. */
export interface TaskHooks {
  beforeAll?: (this: CapturedTask, mode?: 'run') => unknown;
  beforeEach?: (this: CapturedTask, mode?: 'run') => unknown;
  afterEach?: (this: CapturedTask, mode?: 'run') => unknown;
  afterAll?: (this: CapturedTask, mode?: 'run') => unknown;
}

export interface CapturedBench {
  name: string | undefined;
  /** The Bench's `setup(task, mode)` and `teardown(task, mode)` options; the others (time, iterations, warmup…) are ignored. */
  setup: ((task: CapturedTask, mode: 'run') => unknown) | undefined;
  teardown: ((task: CapturedTask, mode: 'run') => unknown) | undefined;
  readonly tasks: CapturedTask[];
}

const REGISTRY = Symbol.for('arena-bench.tinybench.benches');

/** Every Bench constructed in this process so far, in order. */
export function capturedBenches(): CapturedBench[] {
  const holder = globalThis as { [REGISTRY]?: CapturedBench[] };
  return (holder[REGISTRY] ??= []);
}

/** Marks a shim Bench, since `instanceof` fails across the shim's copies. */
export const SHIM_BENCH = Symbol.for('arena-bench.tinybench.bench');
