/**
 * Where scenarios come from: the built-in suite (compiled under dist/scenarios) and files a user
 * names. Loading validates the shape, so a mistake in a scenario file is a clear error, not a
 * crash halfway through a run.
 */
import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError } from './errors.js';
import { describeLoadError, importDefaultExport } from './loader.js';
import type { ParamValue, Scenario } from './scenario.js';

export interface LoadedScenario {
  scenario: Scenario;
  /** What the worker imports to find the scenario again. */
  moduleUrl: string;
  /** `builtin`, or the path the user gave. */
  source: string;
}

const BUILTIN_DIRECTORY = new URL('../scenarios/', import.meta.url);
const SCENARIO_FILE = /\.[cm]?[jt]s$/;
/** What a directory target runs: every scenario file below it. */
const SCENARIO_FILES_IN_DIRECTORY = '**/*.scenario.{ts,mts,cts,js,mjs,cjs}';

function validParamValue(value: unknown): value is ParamValue {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** Why `candidate` is not a scenario object, or undefined when it is one. */
function scenarioProblem(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null) return 'it is not an object';
  const { name, description, params, modes } = candidate as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') return 'it has no "name" string';
  if (typeof description !== 'string') return `"${name}" has no "description" string`;
  if (params !== undefined) {
    if (typeof params !== 'object' || params === null) return `"${name}".params is not an object`;
    for (const [key, value] of Object.entries(params)) {
      if (!validParamValue(value)) return `"${name}".params.${key} is not a number, string or boolean`;
    }
  }
  if (typeof modes !== 'object' || modes === null) return `"${name}" has no "modes" object`;
  const entries = Object.entries(modes);
  if (!('heap' in modes)) return `"${name}" has no "heap" mode (the baseline every other mode is compared with)`;
  if (entries.length < 2) return `"${name}" has only one mode; a paired scenario needs at least two`;
  for (const [mode, setup] of entries) {
    if (typeof setup !== 'function') return `"${name}".modes.${mode} is not a function (params) => operation`;
  }
  return undefined;
}

/** Import a scenario module and check its default export: one scenario or an array of them. */
export async function loadScenarioModule(moduleUrl: string, source: string): Promise<LoadedScenario[]> {
  let exported: unknown;
  try {
    exported = await importDefaultExport(moduleUrl);
  } catch (error) {
    throw new UserError(`cannot load scenario file ${source}: ${describeLoadError(error, moduleUrl)}`, 'fix the file so that Node can import it');
  }
  if (exported === undefined) {
    throw new UserError(`${source} has no default export`, 'export default { name, description, params, modes: { heap, arena } }');
  }
  const candidates = Array.isArray(exported) ? exported : [exported];
  const names = new Set<string>();
  return candidates.map((candidate) => {
    const problem = scenarioProblem(candidate);
    if (problem) {
      throw new UserError(`${source} does not export a valid scenario: ${problem}`, 'see "Writing a scenario" in the README');
    }
    const scenario = candidate as Scenario;
    if (names.has(scenario.name)) throw new UserError(`${source} defines scenario "${scenario.name}" twice`);
    names.add(scenario.name);
    return { scenario, moduleUrl, source };
  });
}

export async function loadBuiltinScenarios(): Promise<LoadedScenario[]> {
  const directory = fileURLToPath(BUILTIN_DIRECTORY);
  const files = (await readdir(directory)).filter((file) => file.endsWith('.js')).sort();
  const loaded: LoadedScenario[] = [];
  for (const file of files) {
    loaded.push(...(await loadScenarioModule(new URL(file, BUILTIN_DIRECTORY).href, 'builtin')));
  }
  return loaded;
}

function looksLikePath(target: string): boolean {
  return target.includes('/') || target.includes('\\') || target === '.' || SCENARIO_FILE.test(target) || isDynamicPattern(target);
}

/** The files a path target names: itself, the scenario files below a directory, or a glob's matches. */
async function scenarioFiles(target: string): Promise<string[]> {
  if (isDynamicPattern(target)) {
    const matches = await glob(target, { absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
    if (matches.length === 0) throw new UserError(`no file matches ${target}`, 'check the pattern; quote it so the shell leaves it to arena-bench');
    return matches.filter((file) => SCENARIO_FILE.test(file)).sort();
  }
  const path = resolve(target);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) {
    const matches = await glob(SCENARIO_FILES_IN_DIRECTORY, { cwd: path, absolute: true, ignore: ['**/node_modules/**'] });
    if (matches.length === 0) {
      throw new UserError(`no scenario files in ${target}`, 'a directory target runs the files named *.scenario.ts, .mts, .js or .mjs below it');
    }
    return matches.sort();
  }
  if (!info?.isFile()) throw new UserError(`no scenario file at ${target}`, 'check the path, or give a built-in scenario name');
  return [path];
}

/**
 * Turn command-line targets into scenarios: built-in names or paths to scenario files. No target
 * means the whole built-in suite.
 */
export async function resolveTargets(targets: readonly string[]): Promise<LoadedScenario[]> {
  if (targets.length === 0) return loadBuiltinScenarios();
  let builtins: LoadedScenario[] | undefined;
  const selected: LoadedScenario[] = [];
  for (const target of targets) {
    if (looksLikePath(target)) {
      for (const file of await scenarioFiles(target)) {
        selected.push(...(await loadScenarioModule(pathToFileURL(file).href, file === resolve(target) ? target : file)));
      }
      continue;
    }
    builtins ??= await loadBuiltinScenarios();
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

/** Find one scenario by name in a module: what the worker does in the child. */
export async function findScenario(moduleUrl: string, name: string): Promise<Scenario> {
  const loaded = await loadScenarioModule(moduleUrl, fileURLToPath(moduleUrl));
  const match = loaded.find((entry) => entry.scenario.name === name);
  if (!match) throw new Error(`scenario "${name}" is no longer exported by ${fileURLToPath(moduleUrl)}`);
  return match.scenario;
}
