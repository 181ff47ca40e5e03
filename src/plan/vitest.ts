/**
 * vitest bench files as scenarios: each `describe` that holds benches is a scenario, named as
 * vitest prints it (nested ones joined by " > "), and each `bench` a mode; a file's top-level
 * benches are one scenario named after the file. The file's `vitest` import is served by a
 * recording stand-in (vitest-shim.ts; see stand-ins.ts).
 */
import { UserError } from '../errors.js';
import type { HookedOperation, ModeSetup, Scenario } from './scenario.js';
import { constantResult, fileStem } from './stand-ins.js';
import type { VitestBench, VitestSuite } from './vitest-registry.js';

export const VITEST_UNVERIFIED =
  'vitest benches return nothing that is compared, so the modes were not checked to compute the same result';

/** The suites from the outermost describe in, the file's root suite first. */
function suitesOf(bench: VitestBench): VitestSuite[] {
  const suites: VitestSuite[] = [];
  for (let suite: VitestSuite | undefined = bench.suite; suite; suite = suite.parent) suites.unshift(suite);
  return suites;
}

/**
 * The benches vitest would run: not skipped or todo, themselves or through a describe; and where
 * the file marks anything `.only`, only the benches marked so or inside a describe marked so.
 */
export function benchesToRun(benches: readonly VitestBench[]): VitestBench[] {
  const modesOf = (bench: VitestBench) => [bench.mode, ...suitesOf(bench).map((suite) => suite.mode)];
  const live = benches.filter((bench) => !modesOf(bench).some((mode) => mode === 'skip' || mode === 'todo'));
  const focused = live.filter((bench) => modesOf(bench).includes('only'));
  return focused.length > 0 ? focused : live;
}

async function runAll(hooks: readonly (() => unknown)[]): Promise<void> {
  for (const hook of hooks) await hook();
}

/**
 * One bench's setup: the describes' `beforeAll` and `beforeEach` hooks from the outermost in, then
 * the bench's `setup` option, untimed; its `teardown` and the describes' `afterEach` and
 * `afterAll` from the innermost out, after the last operation. vitest runs a describe's hooks
 * around its benches, not around every iteration, and a bench has no per-iteration hooks.
 */
function benchSetup(bench: VitestBench): ModeSetup {
  return async (): Promise<HookedOperation> => {
    const suites = suitesOf(bench);
    for (const suite of suites) await runAll(suite.hooks.beforeAll);
    for (const suite of suites) await runAll(suite.hooks.beforeEach);
    const task = { name: bench.name };
    await bench.options.setup?.(task, 'run');
    return {
      operation: constantResult(bench.fn),
      afterAll: async () => {
        await bench.options.teardown?.(task, 'run');
        for (const suite of [...suites].reverse()) await runAll(suite.hooks.afterEach);
        for (const suite of [...suites].reverse()) await runAll(suite.hooks.afterAll);
      },
    };
  };
}

/** The scenarios of a vitest bench file, in the order their first bench was declared. */
export function vitestScenarios(benches: readonly VitestBench[], moduleUrl: string, source: string): Scenario[] {
  const running = benchesToRun(benches);
  if (running.length === 0)
    throw new UserError(`${source} has no bench to run: every one is skipped or todo`, 'remove a .skip or a .todo');
  const scenarios = new Map<string, Scenario>();
  for (const bench of running) {
    const path = suitesOf(bench)
      .map((suite) => suite.name)
      .filter(Boolean);
    const name = path.length > 0 ? path.join(' > ') : fileStem(moduleUrl);
    const scenario = scenarios.get(name) ?? { name, modes: {} };
    scenarios.set(name, scenario);
    if (bench.name in scenario.modes)
      throw new UserError(
        `${source} has two benches named "${bench.name}" in "${name}"`,
        'give each bench of a describe its own name: they become the modes of one scenario',
      );
    scenario.modes[bench.name] = benchSetup(bench);
  }
  return [...scenarios.values()];
}
