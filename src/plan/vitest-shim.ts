/**
 * What `import … from 'vitest'` gives a benchmark file that arena-bench loads (see
 * stand-in-hooks.ts): `bench` and `describe` that record what the file declares, with vitest's
 * `.skip`, `.only`, `.todo`, `.skipIf` and `.runIf`, and the suite hooks. Nothing of the real
 * vitest is loaded: outside its own runner it refuses to start.
 */
import { type VitestBenchOptions, type VitestRunMode, type VitestSuite, vitestRecord } from './vitest-registry.js';

type Named = string | { name: string };

function nameOf(name: Named): string {
  return typeof name === 'string' ? name : name.name;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** describe(name, fn), describe(name, fn, options) and describe(name, options, fn) are all vitest's. */
function describeIn(mode: VitestRunMode) {
  return (name: Named, second?: unknown, third?: unknown): void => {
    const body = typeof second === 'function' ? second : typeof third === 'function' ? third : undefined;
    const record = vitestRecord();
    const parent = record.current;
    const suite: VitestSuite = {
      name: nameOf(name),
      mode,
      parent,
      hooks: { beforeAll: [], beforeEach: [], afterEach: [], afterAll: [] },
    };
    record.current = suite;
    let returned: unknown;
    try {
      returned = body?.();
    } finally {
      record.current = parent;
    }
    // The describes after it would run while it waits, and be taken for its own.
    if (isThenable(returned))
      throw new Error(
        `describe("${suite.name}") has an async body; arena-bench reads describe bodies as they run, so declare its benches without awaiting`,
      );
  };
}

function benchIn(mode: VitestRunMode) {
  return (name: Named, fn?: () => unknown, options: VitestBenchOptions = {}): void => {
    const record = vitestRecord();
    record.benches.push({ name: nameOf(name), fn: fn ?? (() => undefined), options, mode, suite: record.current });
  };
}

function withModifiers<T>(make: (mode: VitestRunMode) => T) {
  const run = make('run');
  const skip = make('skip');
  return Object.assign(run as T & object, {
    skip,
    only: make('only'),
    todo: make('todo'),
    skipIf: (condition: unknown) => (condition ? skip : run),
    runIf: (condition: unknown) => (condition ? run : skip),
  });
}

export const bench = withModifiers(benchIn);
export const describe = withModifiers(describeIn);
export const suite = describe;

function hook(kind: keyof VitestSuite['hooks']) {
  return (fn: () => unknown): void => void vitestRecord().current.hooks[kind].push(fn);
}

export const beforeAll = hook('beforeAll');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');
export const afterAll = hook('afterAll');
