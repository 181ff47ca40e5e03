/**
 * What `import … from 'tinybench'` gives a scenario file that arena-bench loads (see
 * stand-in-hooks.ts): tinybench's own exports, except that `Bench` only records the tasks added
 * to it. tinybench 6 keeps a task's function in a private field, so the tasks are taken where they
 * are added. `run()` and `runSync()` return at once with nothing measured: tinybench's timing loop
 * allocates for every sample it records, and run inside arena-bench's children it would land in
 * the GC figures of the window.
 */
import {
  type CapturedBench,
  type CapturedTask,
  capturedBenches,
  SHIM_BENCH,
  type TaskHooks,
} from './tinybench-registry.js';

export * from 'tinybench';

interface BenchOptions {
  name?: string;
  setup?: CapturedBench['setup'];
  teardown?: CapturedBench['teardown'];
}

export class Bench extends EventTarget implements CapturedBench {
  readonly [SHIM_BENCH] = true;
  name: string | undefined;
  setup: CapturedBench['setup'];
  teardown: CapturedBench['teardown'];
  readonly #tasks = new Map<string, CapturedTask>();

  constructor(options: BenchOptions = {}) {
    super();
    this.name = options.name;
    this.setup = options.setup;
    this.teardown = options.teardown;
    capturedBenches().push(this);
  }

  get tasks(): CapturedTask[] {
    return [...this.#tasks.values()];
  }

  get results(): CapturedTask['result'][] {
    return this.tasks.map((task) => task.result);
  }

  add(name: string, fn: () => unknown, options: TaskHooks = {}): this {
    if (this.#tasks.has(name)) throw new Error(`Task "${name}" already exists`);
    this.#tasks.set(name, { name, fn, options, result: { state: 'not-started' } });
    return this;
  }

  getTask(name: string): CapturedTask | undefined {
    return this.#tasks.get(name);
  }

  remove(name: string): this {
    this.#tasks.delete(name);
    return this;
  }

  reset(): void {}

  async run(): Promise<CapturedTask[]> {
    return this.tasks;
  }

  runSync(): CapturedTask[] {
    return this.tasks;
  }

  /** The task names, no figures: arena-bench reports those. (The file's own console.table is silenced while it loads.) */
  table(): Record<string, string>[] {
    return this.tasks.map((task) => ({ 'Task name': task.name }));
  }
}
