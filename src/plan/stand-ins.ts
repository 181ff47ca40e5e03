/**
 * Benchmark files of other tools run unchanged: while such a file loads, in the parent and in
 * every child, its `tinybench`, `vitest` or `mitata` import is served by a stand-in that records
 * the benchmarks instead of measuring them (stand-in-hooks.ts routes the import). This module
 * installs the hook, checks the package is there, and collects what a module recorded.
 */
import { existsSync } from 'node:fs';
import module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { type MitataBench, mitataRecord } from './mitata-registry.js';
import { resolve } from './stand-in-hooks.js';
import { type CapturedBench, capturedBenches } from './tinybench-registry.js';
import { rootSuite, type VitestBench, vitestRecord } from './vitest-registry.js';

export type StandInPackage = 'tinybench' | 'vitest' | 'mitata';

/**
 * The packages a file imports (`from 'x'`, `import('x')`, `require('x')`); only those files get the
 * hook and the check that the package is installed, so other scenarios load as before.
 */
export function standInsImported(source: string): StandInPackage[] {
  return (['tinybench', 'vitest', 'mitata'] as const).filter((name) =>
    new RegExp(`(?:\\bfrom|\\bimport|\\brequire)\\s*\\(?\\s*['"]${name}['"]`).test(source),
  );
}

let hooksInstalled = false;

/** Whether this Node.js resolves require() through the hook too (module.registerHooks, 22.15 and later). */
export function hooksSeeRequire(): boolean {
  return typeof (module as { registerHooks?: unknown }).registerHooks === 'function';
}

/** Route the packages' imports to the stand-ins, once per process: registerHooks where Node has it, register (off-thread) before. */
export function installStandInHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const { registerHooks } = module as { registerHooks?: (hooks: { resolve: typeof resolve }) => unknown };
  if (registerHooks) registerHooks({ resolve });
  else module.register(new URL('./stand-in-hooks.js', import.meta.url));
}

/**
 * Refuse a file whose package is not installed where the file is (a node_modules folder above
 * it): a vitest file must not run on a machine where `vitest bench` could not run it, and the
 * tinybench and mitata stand-ins hand on the rest of the real package.
 */
export function checkInstalled(name: StandInPackage, moduleUrl: string, source: string): void {
  let directory = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(directory, 'node_modules', name, 'package.json'))) return;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  throw new UserError(
    `${source} imports ${name}, which is not installed where the file is`,
    `install it in the file's project (npm install --save-dev ${name}); arena-bench measures the file's benchmarks itself, but runs only files their own tool could run`,
  );
}

/** What the stand-ins recorded while one module was imported. */
export interface Captured {
  tinybench: CapturedBench[];
  vitest: VitestBench[];
  mitata: MitataBench[];
}

/** What each module recorded: a module runs once per process, so a second load reads it from here. */
const capturedByModule = new Map<string, Captured>();

/** Import a module and note what the stand-ins recorded; `importModule` is the loader's own import. */
export async function importCapturing<T>(
  moduleUrl: string,
  importModule: () => Promise<T>,
): Promise<{ exported: T; captured: Captured }> {
  const before = {
    tinybench: capturedBenches().length,
    vitest: vitestRecord().benches.length,
    mitata: mitataRecord().benches.length,
  };
  vitestRecord().current = rootSuite();
  const exported = await importModule();
  // An async group body may finish after the module does.
  await Promise.all(mitataRecord().pending.splice(0));
  const captured = capturedByModule.get(moduleUrl) ?? {
    tinybench: capturedBenches().slice(before.tinybench),
    vitest: vitestRecord().benches.slice(before.vitest),
    mitata: mitataRecord().benches.slice(before.mitata),
  };
  capturedByModule.set(moduleUrl, captured);
  return { exported, captured };
}

/**
 * Import a benchmark file with its console output to stdout silenced. Such a file prints its
 * tool's results at top level (`console.table(bench.table())`), and while arena-bench reads it
 * there are none: the stand-ins measure nothing. Warnings and errors (stderr) still show.
 */
export async function withoutConsoleOutput<T>(load: () => Promise<T>): Promise<T> {
  const methods = ['log', 'info', 'debug', 'table', 'dir'] as const;
  const saved = methods.map((name) => console[name]);
  for (const name of methods) console[name] = () => undefined;
  try {
    return await load();
  } finally {
    methods.forEach((name, i) => {
      console[name] = saved[i] as never;
    });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** What a benchmark function returns is not compared: the operation returns a constant, after awaiting it. */
export function constantResult(fn: (...args: never[]) => unknown): () => number | Promise<number> {
  return () => {
    const returned = fn();
    return isThenable(returned) ? Promise.resolve(returned).then(() => 0) : 0;
  };
}

/** "bench" for bench.mjs, "parse" for parse.bench.ts. */
export function fileStem(moduleUrl: string): string {
  return basename(fileURLToPath(moduleUrl)).replace(/(\.bench)?\.[cm]?[jt]s$/, '');
}
