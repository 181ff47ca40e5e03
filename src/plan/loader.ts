/**
 * Importing the user's own modules, TypeScript included: scenario files, validated so a mistake
 * is a clear error and not a crash halfway through an invocation, and config files. The worker imports
 * this too, so it stays free of anything only the command line needs.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { messageOf, UserError } from '../errors.js';
import { MITATA_UNVERIFIED, mitataScenarios } from './mitata.js';
import type { ParamValue, Scenario } from './scenario.js';
import {
  type Captured,
  checkInstalled,
  hooksSeeRequire,
  importCapturing,
  installStandInHooks,
  standInsImported,
  withoutConsoleOutput,
} from './stand-ins.js';
import { looksLikeUncapturedBench, TINYBENCH_UNVERIFIED, tinybenchBenches, tinybenchScenarios } from './tinybench.js';
import { VITEST_UNVERIFIED, vitestScenarios } from './vitest.js';

export interface LoadedScenario {
  scenario: Scenario;
  /** What the worker imports to find the scenario again. */
  moduleUrl: string;
  /** `builtin`, or the path the user gave. */
  source: string;
  /** Why the modes' results cannot be checked to agree (a tinybench file); absent when they are checked. */
  unverified?: string;
}

const TYPESCRIPT_FILE = /\.(m?ts|cts)$/;

/**
 * Import a module by URL. TypeScript goes through tsx where this Node.js cannot strip types itself
 * (Node 20); elsewhere Node's own type stripping runs it. A child process loads scenario files the
 * same way, so both sides see the same module.
 */
export async function importDefaultExport(moduleUrl: string): Promise<unknown> {
  const features = process.features as { typescript?: string | false };
  const namespace = (
    TYPESCRIPT_FILE.test(moduleUrl) && !features.typescript
      ? await (await import('tsx/esm/api')).tsImport(moduleUrl, import.meta.url)
      : await import(moduleUrl)
  ) as { default?: unknown };
  return unwrapCommonJsDefault(namespace.default);
}

/**
 * Paths Node.js cannot import, said plainly instead of as the error they cause: a backslash (a
 * file URL may not hold one, even encoded), and under tsx (TypeScript on Node 20) a `?` or `#`,
 * which it takes for a query and then reports a syntax error the file does not have.
 */
export function unimportablePath(path: string): string | undefined {
  if (process.platform !== 'win32' && path.includes('\\'))
    return 'Node.js cannot import a file whose path holds a backslash';
  const features = process.features as { typescript?: string | false };
  if (TYPESCRIPT_FILE.test(path) && !features.typescript && /[?#]/.test(path))
    return `on Node.js ${process.versions.node} TypeScript is compiled by tsx, which cannot load a file whose path holds "?" or "#"`;
  return undefined;
}

function refuseUnimportable(moduleUrl: string, source: string): void {
  const problem = moduleUrl.startsWith('file:') ? unimportablePath(fileURLToPath(moduleUrl)) : undefined;
  if (problem) throw new UserError(`cannot load scenario file ${source}: ${problem}`, 'rename the folder or the file');
}

/**
 * A .ts file outside an ESM package is compiled as CommonJS, and importing it wraps its exports:
 * `default` then holds `{ default: value }`. Unwrap that one level.
 */
function unwrapCommonJsDefault(exported: unknown): unknown {
  const wrapped = typeof exported === 'object' && exported !== null && Object.keys(exported).join() === 'default';
  return wrapped ? (exported as { default: unknown }).default : exported;
}

/**
 * Why a module failed to load, with the file and line where Node knows them. tsx puts them in the
 * message and Node's type stripping at the top of the stack; for a plain JavaScript syntax error
 * Node keeps them to itself, so `node --check` is asked.
 */
export function describeLoadError(error: unknown, moduleUrl: string): string {
  const message = messageOf(error);
  const path = fileURLToPath(moduleUrl);
  if (message.includes(path)) return message;
  // A revoked Proxy throws even at instanceof: such a value has no stack to read.
  let stackTop = '';
  let syntaxError = false;
  try {
    if (error instanceof Error && typeof error.stack === 'string') stackTop = error.stack.split('\n')[0]!;
    syntaxError = error instanceof SyntaxError;
  } catch {
    // Described by messageOf alone.
  }
  // Node 24 and 26 name the file by its path here; a file URL is read too.
  const located = /^(file:\/\/.+|\/.+):(\d+)$/.exec(stackTop);
  if (located) {
    const file = located[1]!.startsWith('file:') ? fileURLToPath(located[1]!) : located[1]!;
    return `${message} (at ${file}:${located[2]})`;
  }
  if (syntaxError && !TYPESCRIPT_FILE.test(moduleUrl)) {
    const where = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' }).stderr.trim().split('\n')[0];
    if (where?.startsWith(path)) return `${message} (at ${where})`;
  }
  return message;
}

function validParamValue(value: unknown): value is ParamValue {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** Why `candidate` is not a scenario object, or undefined when it is one. */
function scenarioProblem(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null) return 'it is not an object';
  const { name, description, baseline, params, minTimeMs, modes } = candidate as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') return 'it has no "name" string';
  if (description !== undefined && typeof description !== 'string') return `"${name}".description is not a string`;
  if (params !== undefined) {
    if (typeof params !== 'object' || params === null) return `"${name}".params is not an object`;
    for (const [key, value] of Object.entries(params)) {
      if (Array.isArray(value)) {
        if (value.length === 0 || !value.every(validParamValue) || new Set(value.map((v) => typeof v)).size > 1)
          return `"${name}".params.${key} is a list, but not a non-empty list of numbers, strings or booleans of one type`;
      } else if (!validParamValue(value)) {
        return `"${name}".params.${key} is not a number, string or boolean, nor a list of them to sweep`;
      }
    }
  }
  if (minTimeMs !== undefined && !(typeof minTimeMs === 'number' && Number.isFinite(minTimeMs) && minTimeMs > 0)) {
    return `"${name}".minTimeMs is not a positive number of milliseconds`;
  }
  if (typeof modes !== 'object' || modes === null) return `"${name}" has no "modes" object`;
  const entries = Object.entries(modes);
  if (entries.length === 0) return `"${name}" has no modes`;
  if (baseline !== undefined && !(typeof baseline === 'string' && baseline in modes)) {
    return `"${name}".baseline is ${JSON.stringify(baseline)}, which is not one of its modes (${Object.keys(modes).join(', ')})`;
  }
  // Modes and parameters are keys of plain objects all the way to the result file; there this one sets the prototype.
  for (const [where, keys] of [
    ['modes', Object.keys(modes)],
    ['params', Object.keys((params as object | undefined) ?? {})],
  ] as const) {
    if (keys.includes('__proto__'))
      return `"${name}".${where}.__proto__: a name JavaScript objects cannot hold as a key; rename it`;
  }
  for (const [mode, setup] of entries) {
    if (typeof setup !== 'function') return `"${name}".modes.${mode} is not a function (params) => operation`;
  }
  return undefined;
}

/**
 * Import a scenario module and check its default export: one scenario or an array of them, or the
 * benchmarks a tinybench, vitest or mitata file declared (see stand-ins.ts).
 */
export async function loadScenarioModule(moduleUrl: string, source: string): Promise<LoadedScenario[]> {
  refuseUnimportable(moduleUrl, source);
  const text = moduleUrl.startsWith('file:') ? await readFile(fileURLToPath(moduleUrl), 'utf8').catch(() => '') : '';
  const standIns = standInsImported(text);
  for (const name of standIns) checkInstalled(name, moduleUrl, source);
  if (standIns.length > 0) installStandInHooks();
  let imported: { exported: unknown; captured: Captured };
  try {
    const load = () => importCapturing(moduleUrl, () => importDefaultExport(moduleUrl));
    imported = standIns.length > 0 ? await withoutConsoleOutput(load) : await load();
  } catch (error) {
    const required = standIns.length > 0 && !hooksSeeRequire();
    throw new UserError(
      `cannot load scenario file ${source}: ${describeLoadError(error, moduleUrl)}`,
      required
        ? `fix the file so that Node can import it; on Node.js before 22.15 a require() of ${standIns.join(' or ')} is not seen, so a benchmark file must be an ES module (.mts or .mjs, or "type": "module" in its package.json)`
        : 'fix the file so that Node can import it',
    );
  }
  const { exported, captured } = imported;
  const benches = tinybenchBenches(exported, captured.tinybench);
  if (benches.length > 0)
    return checkedScenarios(tinybenchScenarios(benches, moduleUrl, source), moduleUrl, source, TINYBENCH_UNVERIFIED);
  if (captured.vitest.length > 0)
    return checkedScenarios(vitestScenarios(captured.vitest, moduleUrl, source), moduleUrl, source, VITEST_UNVERIFIED);
  if (captured.mitata.length > 0)
    return checkedScenarios(mitataScenarios(captured.mitata, moduleUrl, source), moduleUrl, source, MITATA_UNVERIFIED);
  if (looksLikeUncapturedBench(exported)) {
    throw new UserError(
      `${source} exports a tinybench Bench whose tasks arena-bench could not capture`,
      "import it in an ES module as `import { Bench } from 'tinybench'` (a require() of tinybench is not seen on this Node.js)",
    );
  }
  if (exported === undefined) {
    const named = standIns.length > 0 ? ` and declares no ${standIns.join(' or ')} benchmark` : '';
    throw new UserError(`${source} has no default export${named}`, 'export default { name, modes: { heap, arena } }');
  }
  return checkedScenarios(Array.isArray(exported) ? exported : [exported], moduleUrl, source);
}

function checkedScenarios(
  candidates: readonly unknown[],
  moduleUrl: string,
  source: string,
  unverified?: string,
): LoadedScenario[] {
  const names = new Set<string>();
  return candidates.map((candidate) => {
    const problem = scenarioProblem(candidate);
    if (problem) {
      throw new UserError(
        `${source} does not export a valid scenario: ${problem}`,
        'see docs/scenarios.md, "The file format"',
      );
    }
    const scenario = candidate as Scenario;
    if (names.has(scenario.name)) throw new UserError(`${source} defines scenario "${scenario.name}" twice`);
    names.add(scenario.name);
    return { scenario, moduleUrl, source, ...(unverified ? { unverified } : {}) };
  });
}

/** Find one scenario by name in a module: what the worker does in the child. */
export async function findScenario(moduleUrl: string, name: string): Promise<Scenario> {
  const loaded = await loadScenarioModule(moduleUrl, fileURLToPath(moduleUrl));
  const match = loaded.find((entry) => entry.scenario.name === name);
  if (!match) throw new Error(`scenario "${name}" is no longer exported by ${fileURLToPath(moduleUrl)}`);
  return match.scenario;
}
