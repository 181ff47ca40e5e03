/**
 * tinybench files as scenarios: each Bench a file builds (exported as its default, or run at top
 * level with `await bench.run()`) becomes one scenario, each of its tasks a mode. The file's
 * `tinybench` import is served by a capturing shim (tinybench-shim.ts, through the resolution
 * hook in tinybench-hooks.ts), installed before the file loads, in the parent and in every child.
 */
import module from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import type { HookedOperation, Scenario } from './scenario.js';
import { resolve } from './tinybench-hooks.js';
import { type CapturedBench, type CapturedTask, capturedBenches, SHIM_BENCH } from './tinybench-registry.js';

/** Why a tinybench scenario's modes are not checked against each other, in the output and the result file. */
export const TINYBENCH_UNVERIFIED =
  'tinybench tasks return nothing, so the modes were not checked to compute the same result';

/** A file that names the package at all; only those get the hook, so other scenarios load as before. */
export function mentionsTinybench(source: string): boolean {
  return /['"]tinybench['"]/.test(source);
}

let hooksInstalled = false;

/** Route `tinybench` imports to the shim, once per process: registerHooks where Node has it, register (off-thread) before. */
export function installTinybenchHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const { registerHooks } = module as { registerHooks?: (hooks: { resolve: typeof resolve }) => unknown };
  if (registerHooks) registerHooks({ resolve });
  else module.register(new URL('./tinybench-hooks.js', import.meta.url));
}

/** The benches each module built while it was imported: a module runs once per process, so a second load reads them from here. */
const benchesByModule = new Map<string, CapturedBench[]>();

/** Import a module and note the benches it built; `importModule` is the loader's own import. */
export async function importCapturing<T>(
  moduleUrl: string,
  importModule: () => Promise<T>,
): Promise<{ exported: T; benches: CapturedBench[] }> {
  const before = capturedBenches().length;
  const exported = await importModule();
  const built = benchesByModule.get(moduleUrl) ?? capturedBenches().slice(before);
  benchesByModule.set(moduleUrl, built);
  const benches = isShimBench(exported) && !built.includes(exported) ? [...built, exported] : built;
  return { exported, benches };
}

function isShimBench(value: unknown): value is CapturedBench {
  return typeof value === 'object' && value !== null && SHIM_BENCH in value;
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

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * One task's setup, as tinybench runs a task: the Bench's `setup` and the task's `beforeAll` once,
 * untimed; `beforeEach` and `afterEach` around every operation, outside the timing and the
 * allocation count; `afterAll` and the Bench's `teardown` once after the last. The operation
 * returns a constant: there is no result to compare.
 */
function taskSetup(bench: CapturedBench, task: CapturedTask): () => Promise<HookedOperation> {
  return async () => {
    await bench.setup?.(task, 'run');
    const { fn, options } = task;
    await options.beforeAll?.call(task, 'run');
    const operation = () => {
      const returned = fn();
      return isThenable(returned) ? Promise.resolve(returned).then(() => 0) : 0;
    };
    const { beforeEach, afterEach } = options;
    return {
      operation,
      ...(beforeEach ? { beforeEach: () => beforeEach.call(task, 'run') } : {}),
      ...(afterEach ? { afterEach: () => afterEach.call(task, 'run') } : {}),
      afterAll: async () => {
        await options.afterAll?.call(task, 'run');
        await bench.teardown?.(task, 'run');
      },
    };
  };
}

/** "bench" for bench.mjs, "parse" for parse.bench.ts. */
function fileStem(moduleUrl: string): string {
  return basename(fileURLToPath(moduleUrl)).replace(/(\.bench)?\.[cm]?[jt]s$/, '');
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
