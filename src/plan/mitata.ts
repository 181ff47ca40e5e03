/**
 * mitata files as scenarios: the benches mitata shows together (one `group`, `summary` or other
 * layout) are a scenario, and each `bench` a mode.
 * `.args(...)` and `.range(...)` become the scenario's parameters, swept as `--param` sweeps them.
 * The file's `mitata` import is served by a recording stand-in (mitata-shim.ts; see stand-ins.ts).
 */
import { UserError } from '../errors.js';
import type { MitataBench } from './mitata-registry.js';
import type { HookedOperation, ModeSetup, Params, ParamValue, Scenario } from './scenario.js';
import { constantResult, fileStem } from './stand-ins.js';

export const MITATA_UNVERIFIED =
  'mitata benchmarks return nothing that is compared, so the modes were not checked to compute the same result';

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;

function isGeneratorFunction(fn: unknown): fn is (state: { get(name: string): unknown }) => AsyncIterator<unknown> {
  return fn instanceof GeneratorFunction || fn instanceof AsyncGeneratorFunction;
}

/** What a generator benchmark yields: the operation, or `{ bench, 0: () => argument, … }` (computed arguments). */
interface Yielded {
  bench?: (...args: unknown[]) => unknown;
  manual?: unknown;
  [index: number]: () => unknown;
}

/**
 * A generator benchmark's setup: the code before its `yield` runs untimed, with `state.get(name)`
 * reading the case's parameters; the code after it runs after the last operation. A yielded
 * `{ bench(a, b), 0() {…}, 1() {…} }` computes fresh arguments before every operation, as mitata
 * does, outside the timing and the allocation count.
 */
function generatorSetup(bench: MitataBench, source: string): ModeSetup {
  return async (params: Params): Promise<HookedOperation> => {
    const generator = (bench.fn as unknown as (state: object) => AsyncIterator<unknown>)({
      get: (name: string) => params[name],
    });
    const first = await generator.next();
    const finish = async () => void (await generator.next());
    const yielded = first.value as Yielded | (() => unknown) | undefined;
    if (typeof yielded === 'function') return { operation: constantResult(yielded), afterAll: finish };
    if (typeof yielded?.bench !== 'function')
      throw new UserError(
        `mitata bench "${bench.name}" in ${source} yields ${yielded?.manual ? 'a manual benchmark' : 'no function'}`,
        'yield the function to measure, or { bench(...args), 0() { return arg } }; manual timing is not supported',
      );
    const run = yielded.bench;
    const computers = Array.from({ length: run.length }, (_, i) => yielded[i]!);
    const args: unknown[] = new Array(run.length);
    return {
      operation: constantResult(() => Reflect.apply(run, undefined, args)),
      beforeEach: () => {
        for (let i = 0; i < computers.length; i++) args[i] = computers[i]!();
      },
      afterAll: finish,
    };
  };
}

function benchSetup(bench: MitataBench, source: string): ModeSetup {
  if (isGeneratorFunction(bench.fn)) return generatorSetup(bench, source);
  if (typeof bench.fn !== 'function' || bench.fn.length > 0)
    throw new UserError(
      `mitata bench "${bench.name}" in ${source} ${typeof bench.fn === 'function' ? 'takes the iterator state' : 'has no function'}`,
      'give bench() a function of no arguments, or a generator function that yields one; the iterator form is not supported',
    );
  const operation = constantResult(bench.fn);
  return () => operation;
}

function isParamValue(value: unknown): value is ParamValue {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** The values each argument takes over the scenario's benches, in the order first given. */
function parameters(benches: readonly MitataBench[], scenario: string, source: string): Record<string, ParamValue[]> {
  const params: Record<string, ParamValue[]> = {};
  for (const bench of benches) {
    for (const [name, values] of Object.entries(bench.args)) {
      if (!values.every(isParamValue) || values.length === 0)
        throw new UserError(
          `mitata bench "${bench.name}" in ${source} sweeps "${name}" over values that are not numbers, strings or booleans`,
          'arena-bench sweeps arguments as parameters: give .args() numbers, strings or booleans, and build the data from them before the yield',
        );
      const known = (params[name] ??= []);
      for (const value of values) if (!known.includes(value)) known.push(value);
    }
  }
  for (const [name, values] of Object.entries(params)) {
    if (new Set(values.map((value) => typeof value)).size > 1)
      throw new UserError(
        `"${name}" of ${scenario} in ${source} mixes types of values`,
        'give one argument values of one type',
      );
  }
  return params;
}

/**
 * The scenarios of a mitata file: one per collection, as mitata shows them, named by the groups
 * around it or else by the file ("bench", then "bench-2", … when the file has several).
 */
export function mitataScenarios(benches: readonly MitataBench[], moduleUrl: string, source: string): Scenario[] {
  const collections = new Map<number, MitataBench[]>();
  for (const bench of benches) collections.set(bench.collection, [...(collections.get(bench.collection) ?? []), bench]);
  const named = new Map<string, number>();
  return [...collections.values()].map((members) => {
    const groups = members[0]!.groups;
    const base = groups.length > 0 ? groups.join(' > ') : fileStem(moduleUrl);
    const seen = (named.get(base) ?? 0) + 1;
    named.set(base, seen);
    const name = seen > 1 ? `${base}-${seen}` : base;
    const modes: Scenario['modes'] = {};
    for (const bench of members) {
      if (bench.name in modes)
        throw new UserError(
          `${source} has two benches named "${bench.name}" in "${name}"`,
          'give each bench of a group its own name: they become the modes of one scenario',
        );
      modes[bench.name] = benchSetup(bench, source);
    }
    const params = parameters(members, name, source);
    const baseline = members.find((bench) => bench.baseline)?.name;
    return {
      name,
      modes,
      ...(Object.keys(params).length > 0 ? { params } : {}),
      ...(baseline ? { baseline } : {}),
    };
  });
}
