/**
 * What the vitest stand-in records, kept on globalThis: a loader may import the stand-in more than
 * once (tsx gives each import it compiles a namespace of its own), and every copy must add to the
 * same record.
 */

/** How vitest would treat a `bench` or `describe`: run, `.skip`, `.only` or `.todo`. */
export type VitestRunMode = 'run' | 'skip' | 'only' | 'todo';

type Hook = () => unknown;

export interface VitestSuite {
  name: string;
  mode: VitestRunMode;
  parent: VitestSuite | undefined;
  hooks: { beforeAll: Hook[]; beforeEach: Hook[]; afterEach: Hook[]; afterAll: Hook[] };
}

/** A bench's options: tinybench's Bench options, of which only `setup` and `teardown` have a meaning here. */
export interface VitestBenchOptions {
  setup?: (task: { name: string }, mode: 'run') => unknown;
  teardown?: (task: { name: string }, mode: 'run') => unknown;
  [ignored: string]: unknown;
}

export interface VitestBench {
  name: string;
  fn: () => unknown;
  options: VitestBenchOptions;
  mode: VitestRunMode;
  /** The innermost describe, or the file's root suite (no name) for a top-level bench. */
  suite: VitestSuite;
}

export interface VitestRecord {
  benches: VitestBench[];
  /** The suite a `describe` body is running in: the root suite of the file being loaded outside any. */
  current: VitestSuite;
}

const REGISTRY = Symbol.for('arena-bench.vitest');

/** The suite that holds a file's top-level benches and hooks; a new one for every file imported. */
export function rootSuite(): VitestSuite {
  return {
    name: '',
    mode: 'run',
    parent: undefined,
    hooks: { beforeAll: [], beforeEach: [], afterEach: [], afterAll: [] },
  };
}

export function vitestRecord(): VitestRecord {
  const holder = globalThis as { [REGISTRY]?: VitestRecord };
  return (holder[REGISTRY] ??= { benches: [], current: rootSuite() });
}
