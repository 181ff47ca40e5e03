/**
 * What the mitata stand-in records, kept on globalThis: a loader may import the stand-in more than
 * once (tsx gives each import it compiles a namespace of its own), and every copy must add to the
 * same record.
 */

/** One `bench(name, fn)` with what was chained on it. */
export interface MitataBench {
  name: string;
  fn: (...args: never[]) => unknown;
  /** `.args(...)`, `.range(...)` and `.dense_range(...)`: each name's values, swept as parameters. */
  args: Record<string, unknown[]>;
  /** `.baseline()`: the mode the others are compared with. */
  baseline: boolean;
  /** The names of the `group`s around it, outermost first. */
  groups: string[];
  /**
   * mitata's collection: every `group`, `summary` or other layout starts a new one on entering and
   * on leaving, and mitata shows and compares the benches of one collection together.
   */
  collection: number;
}

export interface MitataRecord {
  benches: MitataBench[];
  /** The names of the groups whose bodies are running. */
  groups: string[];
  collection: number;
  /** Async group bodies still running. */
  pending: Promise<unknown>[];
}

const REGISTRY = Symbol.for('arena-bench.mitata');

export function mitataRecord(): MitataRecord {
  const holder = globalThis as { [REGISTRY]?: MitataRecord };
  return (holder[REGISTRY] ??= { benches: [], groups: [], collection: 0, pending: [] });
}
