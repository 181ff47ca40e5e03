/**
 * What `import … from 'mitata'` gives a benchmark file that arena-bench loads (see
 * stand-in-hooks.ts): mitata's own exports (`do_not_optimize` among them), except that `bench`
 * records the benchmark and what is chained on it, `group` and the layouts (`summary`, `compact`,
 * `barplot`, `boxplot`, `lineplot`) run their bodies, and `run()` returns at once with nothing
 * measured: mitata's loop must not run inside arena-bench's children.
 */
import { type MitataBench, mitataRecord } from './mitata-registry.js';

export * from 'mitata';

/** The chainable object `bench()` returns; options that decide how mitata measures do nothing here. */
export class B {
  readonly #bench: MitataBench;

  constructor(bench: MitataBench) {
    this.#bench = bench;
  }

  name(name: string): this {
    this.#bench.name = name;
    return this;
  }

  args(name: unknown, values?: unknown[]): this {
    const { args } = this.#bench;
    if (Array.isArray(name)) args.x = name;
    else if (typeof name === 'string' && Array.isArray(values)) args[name] = values;
    else if (typeof name === 'object' && name !== null)
      for (const [key, list] of Object.entries(name)) if (Array.isArray(list)) args[key] = list;
    return this;
  }

  /** mitata's own sequence: start, start × multiplier, … up to end, end included. */
  range(name: string, start: number, end: number, multiplier = 8): this {
    const values: number[] = [];
    for (let value = start; value <= end; value *= multiplier) values.push(Math.min(value, end));
    if (!values.includes(end)) values.push(end);
    return this.args(name, values);
  }

  dense_range(name: string, start: number, end: number, step = 1): this {
    const values: number[] = [];
    for (let value = start; value <= end; value += step) values.push(value);
    if (!values.includes(end)) values.push(end);
    return this.args(name, values);
  }

  baseline(on = true): this {
    this.#bench.baseline = on;
    return this;
  }

  gc(): this {
    return this;
  }

  highlight(): this {
    return this;
  }

  compact(): this {
    return this;
  }

  async run(): Promise<undefined> {
    return undefined;
  }
}

export function bench(name: unknown, fn?: unknown): B {
  const body = (typeof name === 'function' ? name : fn) as MitataBench['fn'];
  const named = typeof name === 'string' ? name : body?.name || 'anonymous';
  const record = mitataRecord();
  const recorded: MitataBench = {
    name: named,
    fn: body,
    args: {},
    baseline: false,
    groups: [...record.groups],
    collection: record.collection,
  };
  record.benches.push(recorded);
  return new B(recorded);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Run a group's or a layout's body with `name` (if any) on the stack of groups. */
function within(name: string | undefined, body: () => unknown): unknown {
  const record = mitataRecord();
  record.collection++;
  if (name !== undefined) record.groups.push(name);
  const leave = () => {
    const left = mitataRecord();
    left.collection++;
    if (name !== undefined) left.groups.pop();
  };
  let returned: unknown;
  try {
    returned = body();
  } finally {
    if (!isThenable(returned)) leave();
  }
  if (!isThenable(returned)) return undefined;
  const done = Promise.resolve(returned).finally(leave);
  record.pending.push(done);
  return done.then(() => undefined);
}

export function group(name: unknown, body?: () => unknown): unknown {
  return typeof name === 'function' ? within(undefined, name as () => unknown) : within(String(name), body!);
}

const layout = (body: () => unknown) => within(undefined, body);
export const summary = layout;
export const compact = layout;
export const barplot = layout;
export const boxplot = layout;
export const lineplot = layout;

export async function run(): Promise<{ context: Record<string, never>; benchmarks: [] }> {
  return { context: {}, benchmarks: [] };
}
