/**
 * tinybench files as scenarios: each Bench a file builds (exported as its default, or run at top
 * level with `await bench.run()`) becomes one scenario, each of its tasks a mode. The file's
 * `tinybench` import is served by a recording stand-in (tinybench-shim.ts; see stand-ins.ts).
 */
import { UserError } from '../errors.js';
import type { HookedOperation, Scenario } from './scenario.js';
import { constantResult, fileStem } from './stand-ins.js';
import { type CapturedBench, type CapturedTask, SHIM_BENCH } from './tinybench-registry.js';

/** Why a tinybench scenario's modes are not checked against each other, in the output and the result file. */
export const TINYBENCH_UNVERIFIED =
  'tinybench tasks return nothing, so the modes were not checked to compute the same result';

function isShimBench(value: unknown): value is CapturedBench {
  return typeof value === 'object' && value !== null && SHIM_BENCH in value;
}

/** The Benches a module built, and the one it exports when that was built elsewhere (a module it imported). */
export function tinybenchBenches(exported: unknown, built: readonly CapturedBench[]): CapturedBench[] {
  return isShimBench(exported) && !built.includes(exported) ? [...built, exported] : [...built];
}

/** A Bench of the real tinybench (its tasks out of reach): loaded some way the hook does not see. */
export function looksLikeUncapturedBench(value: unknown): boolean {
  const candidate = value as { add?: unknown; table?: unknown; tasks?: unknown } | null;
  return (
    !isShimBench(value) &&
    typeof candidate?.add === 'function' &&
    typeof candidate.table === 'function' &&
    Array.isArray(candidate.tasks)
  );
}

/**
 * One task's setup, as tinybench runs a task: the Bench's `setup` and the task's `beforeAll` once,
 * untimed; `beforeEach` and `afterEach` around every operation, outside the timing and the
 * allocation count; `afterAll` and the Bench's `teardown` once after the last.
 */
function taskSetup(bench: CapturedBench, task: CapturedTask): () => Promise<HookedOperation> {
  return async () => {
    await bench.setup?.(task, 'run');
    const { options } = task;
    await options.beforeAll?.call(task, 'run');
    const { beforeEach, afterEach } = options;
    return {
      operation: constantResult(task.fn),
      ...(beforeEach ? { beforeEach: () => beforeEach.call(task, 'run') } : {}),
      ...(afterEach ? { afterEach: () => afterEach.call(task, 'run') } : {}),
      afterAll: async () => {
        await options.afterAll?.call(task, 'run');
        await bench.teardown?.(task, 'run');
      },
    };
  };
}

/** The scenarios of a tinybench file: one per Bench, named by the Bench's `name`, else the file's name. */
export function tinybenchScenarios(benches: readonly CapturedBench[], moduleUrl: string, source: string): Scenario[] {
  const stem = fileStem(moduleUrl);
  return benches.map((bench, i) => {
    if (bench.tasks.length === 0)
      throw new UserError(`${source} builds a tinybench Bench with no tasks`, 'add tasks with bench.add(name, fn)');
    const name = bench.name ?? (benches.length > 1 ? `${stem}-${i + 1}` : stem);
    return { name, modes: Object.fromEntries(bench.tasks.map((task) => [task.name, taskSetup(bench, task)])) };
  });
}
