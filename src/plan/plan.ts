/**
 * What will run: scenarios × parameter sets × modes × runs. Runs are interleaved across modes, and
 * the starting mode rotates from run to run, so drift on a noisy machine lands on every mode alike.
 */

import { UserError } from '../errors.js';
import type { LoadedScenario } from './loader.js';
import type { Runtime } from './runtime.js';
import { declaredBaseline, type Params, type ParamValue } from './scenario.js';

/** What the children run under: one V8 flag set on one Node.js binary. */
export interface Variant {
  v8Flags: string[];
  runtime: Runtime;
}

/** A case: one scenario with one set of parameters under one variant (a `CaseResult` in the result file). */
export interface Case {
  loaded: LoadedScenario;
  params: Params;
  modes: string[];
  /** The mode the others are compared with: the scenario's baseline, or the first mode `--modes` kept when it left that out. */
  baseline: string;
  variant: Variant;
}

/** `--param name=value` as given; a comma-separated value sweeps the parameter. */
export type ParamOverrides = Map<string, string[]>;

export function parseParamOverride(text: string, overrides: ParamOverrides = new Map()): ParamOverrides {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new UserError(`--param "${text}" is not name=value`, 'for example --param messages=1000');
  const name = text.slice(0, equals).trim();
  const values = text
    .slice(equals + 1)
    .split(',')
    .map((value) => value.trim());
  if (values.some((value) => value === '')) throw new UserError(`--param ${name} has an empty value`);
  return new Map(overrides).set(name, values);
}

function coerce(scenario: string, name: string, text: string, defaultValue: ParamValue): ParamValue {
  if (typeof defaultValue === 'number') {
    const value = Number(text);
    if (!Number.isFinite(value)) throw new UserError(`--param ${name}=${text}: "${name}" of ${scenario} is a number`);
    return value;
  }
  if (typeof defaultValue === 'boolean') {
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    throw new UserError(`--param ${name}=${text}: "${name}" of ${scenario} is true or false`);
  }
  return text;
}

/**
 * Every combination of the swept values, in the order given: the lists in the scenario's own
 * params, each replaced by `--param` where the command line names it.
 */
function parameterSets(loaded: LoadedScenario, overrides: ParamOverrides): Params[] {
  const defaults = loaded.scenario.params ?? {};
  let sets: Params[] = [{}];
  for (const [name, given] of Object.entries(defaults)) {
    const listed: readonly ParamValue[] = Array.isArray(given) ? given : [given as ParamValue];
    const texts = overrides.get(name);
    const values = texts ? texts.map((text) => coerce(loaded.scenario.name, name, text, listed[0]!)) : listed;
    const repeated = values.find((value, index) => values.indexOf(value) !== index);
    if (repeated !== undefined)
      throw new UserError(
        texts
          ? `--param ${name}=${texts.join(',')} gives ${name}=${String(repeated)} twice`
          : `${loaded.scenario.name} lists ${name}=${String(repeated)} twice in its params`,
        'give each value once: each value is a case, and a case twice would be compared as two',
      );
    sets = sets.flatMap((set) => values.map((value) => ({ ...set, [name]: value })));
  }
  return sets;
}

/** Every V8 flag set on every runtime: the matrix an invocation repeats each scenario over. */
export function variantsOf(flagSets: readonly string[][], runtimes: readonly Runtime[]): Variant[] {
  const sets = flagSets.length ? flagSets : [[]];
  const given = (flag: string, texts: string[]) => {
    const repeated = texts.find((text, index) => texts.indexOf(text) !== index);
    if (repeated !== undefined)
      throw new UserError(`${flag} ${repeated} is given twice`, 'give each once: every case would run twice');
  };
  given(
    '--v8-flags',
    sets.map((flags) => JSON.stringify(flags.join(' '))),
  );
  given(
    '--node',
    runtimes.flatMap((runtime) => (runtime.path === null ? [] : [runtime.path])),
  );
  return runtimes.flatMap((runtime) => sets.map((v8Flags) => ({ v8Flags: [...v8Flags], runtime })));
}

const describeSource = (source: string) => (source === 'builtin' ? 'its built-in name' : source);

export function planCases(
  scenarios: readonly LoadedScenario[],
  overrides: ParamOverrides,
  modeFilter: readonly string[] | null,
  variants: readonly Variant[],
): Case[] {
  for (const name of overrides.keys()) {
    if (!scenarios.some((loaded) => name in (loaded.scenario.params ?? {}))) {
      const known = [...new Set(scenarios.flatMap((loaded) => Object.keys(loaded.scenario.params ?? {})))];
      throw new UserError(
        `unknown parameter "${name}"`,
        known.length ? `the selected scenarios take: ${known.join(', ')}` : 'the selected scenarios take no parameters',
      );
    }
  }
  if (modeFilter) {
    for (const mode of modeFilter) {
      if (!scenarios.some((loaded) => mode in loaded.scenario.modes)) {
        const known = [...new Set(scenarios.flatMap((loaded) => Object.keys(loaded.scenario.modes)))];
        throw new UserError(`unknown mode "${mode}"`, `the selected scenarios have modes: ${known.join(', ')}`);
      }
    }
  }
  const sourceOf = new Map<string, string>();
  for (const { scenario, source } of scenarios) {
    const earlier = sourceOf.get(scenario.name);
    if (earlier !== undefined)
      throw new UserError(
        `scenario "${scenario.name}" is selected twice: ${earlier === source ? `${describeSource(source)} is given twice` : `by ${describeSource(earlier)} and by ${describeSource(source)}`}`,
        'name each scenario once: two cases of one name would be measured and compared as one',
      );
    sourceOf.set(scenario.name, source);
  }
  return scenarios.flatMap((loaded) => {
    const all = Object.keys(loaded.scenario.modes);
    const modes = modeFilter ? all.filter((mode) => modeFilter.includes(mode)) : all;
    if (modes.length === 0) return [];
    const declared = declaredBaseline(loaded.scenario);
    const baseline = modes.includes(declared) ? declared : modes[0]!;
    return parameterSets(loaded, overrides).flatMap((params) =>
      variants.map((variant) => ({ loaded, params, modes, baseline, variant })),
    );
  });
}

/** The sentence a result carries when `--modes` left out the scenario's baseline; undefined when it did not. */
export function baselineSubstitution(planned: Case): string | undefined {
  const declared = declaredBaseline(planned.loaded.scenario);
  if (planned.baseline === declared || planned.modes.length < 2) return undefined;
  return `--modes left out the baseline "${declared}", so the other modes are compared with "${planned.baseline}", the first mode selected`;
}

/** The modes of one round of runs, the first rotating from round to round: no mode always goes first. */
export function roundOrder(modes: readonly string[], round: number): string[] {
  return modes.map((_, i) => modes[(round + i) % modes.length]!);
}
