/**
 * Where scenarios come from: the built-in suite (compiled under dist/scenarios) and the files,
 * folders and globs a user names on the command line.
 */
import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError } from '../errors.js';
import { type LoadedScenario, loadScenarioModule } from './loader.js';

export const BUILTIN_DIRECTORY = new URL('../../scenarios/', import.meta.url);
const SCENARIO_FILE = /\.[cm]?[jt]s$/;
/** What a directory target runs: every scenario file below it, and every benchmark file (`*.bench.*`, as vitest names them). */
const SCENARIO_FILES_IN_DIRECTORY = '**/*.{scenario,bench}.{ts,mts,cts,js,mjs,cjs}';

/** The built-in suite: this arena-bench's own, or another tree's compiled `scenarios/` directory (`run --against`). */
export async function loadBuiltinScenarios(
  builtinDirectory: URL = BUILTIN_DIRECTORY,
  load = loadScenarioModule,
): Promise<LoadedScenario[]> {
  const directory = fileURLToPath(builtinDirectory);
  const files = (await readdir(directory)).filter((file) => file.endsWith('.js')).sort();
  const loaded: LoadedScenario[] = [];
  for (const file of files) {
    loaded.push(...(await load(new URL(file, builtinDirectory).href, 'builtin')));
  }
  return loaded;
}

function looksLikePath(target: string): boolean {
  return (
    target.includes('/') ||
    target.includes('\\') ||
    target === '.' ||
    SCENARIO_FILE.test(target) ||
    isDynamicPattern(target)
  );
}

/** The files a path target names: itself, the scenario files below a directory, or a glob's matches. */
async function scenarioFiles(target: string, root: string): Promise<string[]> {
  const path = resolve(root, target);
  const info = await stat(path).catch(() => undefined);
  // A path that exists is that file or folder, whatever its name holds ([ab], (group), ?): only the rest are globs.
  if (!info && isDynamicPattern(target)) {
    const matches = await glob(target, { cwd: root, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
    if (matches.length === 0)
      throw new UserError(
        `no file matches ${target}`,
        'check the pattern; quote it so the shell leaves it to arena-bench',
      );
    return matches.filter((file) => SCENARIO_FILE.test(file)).sort();
  }
  if (info?.isDirectory()) {
    const matches = await glob(SCENARIO_FILES_IN_DIRECTORY, {
      cwd: path,
      absolute: true,
      ignore: ['**/node_modules/**'],
    });
    if (matches.length === 0) {
      throw new UserError(
        `no scenario files in ${target}`,
        'a directory target runs the files named *.scenario.ts or *.bench.ts (or .mts, .js, .mjs) below it',
      );
    }
    return matches.sort();
  }
  if (!info?.isFile())
    throw new UserError(`no scenario file at ${target}`, 'check the path, or give a built-in scenario name');
  return [path];
}

/** Whether these targets name the built-in suite or one of its scenarios (no targets: all of it). */
export function namesBuiltins(targets: readonly string[]): boolean {
  return targets.length === 0 || targets.some((target) => !looksLikePath(target));
}

/** Where targets are looked up: relative paths against `root`, built-in names in `builtinDirectory`. */
export interface TargetRoots {
  root: string;
  builtinDirectory: URL;
  /** How a scenario file is loaded: by the caller, in a child process (measure/describe.ts); here, only when none is given. */
  load?: (moduleUrl: string, source: string) => Promise<LoadedScenario[]>;
}

/**
 * Turn command-line targets into scenarios: built-in names or paths to scenario files. No target
 * means the whole built-in suite.
 */
export async function resolveTargets(
  targets: readonly string[],
  { root, builtinDirectory, load = loadScenarioModule }: TargetRoots = {
    root: process.cwd(),
    builtinDirectory: BUILTIN_DIRECTORY,
  },
): Promise<LoadedScenario[]> {
  // Another tree's built-in suite is code like a user's file, loaded as `load` loads those; this one's own is ours.
  const loadBuiltins = () =>
    loadBuiltinScenarios(
      builtinDirectory,
      builtinDirectory.href === BUILTIN_DIRECTORY.href ? loadScenarioModule : load,
    );
  if (targets.length === 0) return loadBuiltins();
  let builtins: LoadedScenario[] | undefined;
  const selected: LoadedScenario[] = [];
  for (const target of targets) {
    if (looksLikePath(target)) {
      for (const file of await scenarioFiles(target, root)) {
        selected.push(...(await load(pathToFileURL(file).href, file === resolve(root, target) ? target : file)));
      }
      continue;
    }
    builtins ??= await loadBuiltins();
    const builtin = builtins.find((loaded) => loaded.scenario.name === target);
    if (!builtin) {
      throw new UserError(
        `unknown scenario "${target}"`,
        `run "arena-bench list" to see the built-in scenarios, or give a path to a scenario file`,
      );
    }
    selected.push(builtin);
  }
  return selected;
}
