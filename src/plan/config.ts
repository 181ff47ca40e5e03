/**
 * A config file for teams that run the same selection every time: the settings of
 * `arena-bench run`, named like its long options in camelCase. Command-line options win.
 *
 *   // arena-bench.config.json
 *   { "targets": ["message-buffering"], "runs": 10, "params": { "messages": [100, 1000] },
 *     "v8Flags": ["--max-semi-space-size=16", "--max-semi-space-size=64"] }
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command, Option } from 'commander';
import { messageOf, UserError } from '../errors.js';

/** Looked for in the working directory, in this order, when --config is not given. */
export const CONFIG_FILES = [
  'arena-bench.config.json',
  'arena-bench.config.ts',
  'arena-bench.config.mts',
  'arena-bench.config.js',
  'arena-bench.config.mjs',
];

export interface RunConfig {
  path: string;
  targets: string[];
  /** Option values by attribute name, still as text: they go through the same parsers as argv. */
  settings: Record<string, unknown>;
}

export function findConfigFile(directory: string): string | undefined {
  return CONFIG_FILES.map((name) => resolve(directory, name)).find((path) => existsSync(path));
}

/**
 * A config file's settings. A JSON file is read here; one written in code is given to `readCode`,
 * which must not run it in this process (see measure/describe.ts).
 */
export async function loadConfig(
  path: string,
  readCode: (moduleUrl: string, source: string) => Promise<unknown>,
): Promise<RunConfig> {
  let content: unknown;
  if (path.endsWith('.json')) {
    try {
      content = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new UserError(
        `cannot read config file ${path}: ${messageOf(error)}`,
        'fix it, or name another with --config',
      );
    }
  } else {
    content = await readCode(pathToFileURL(path).href, path);
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new UserError(
      `config file ${path} does not hold an object of settings`,
      'e.g. { "runs": 10, "targets": ["message-buffering"] }',
    );
  }
  const { targets = [], params, ...settings } = content as Record<string, unknown>;
  if (!Array.isArray(targets) || !targets.every((target) => typeof target === 'string')) {
    throw new UserError(`config file ${path}: "targets" is not a list of scenario names or paths`);
  }
  if (params !== undefined) settings.param = paramTexts(params, path);
  return { path, targets, settings };
}

/** `{ messages: [100, 1000] }` → `["messages=100,1000"]`, the form --param takes. */
function paramTexts(params: unknown, path: string): string[] {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new UserError(`config file ${path}: "params" is not an object of parameter values`);
  }
  return Object.entries(params).map(([name, value]) => `${name}=${(Array.isArray(value) ? value : [value]).join(',')}`);
}

/** Repeatable options: each list item is one occurrence on the command line. */
function isRepeatable(option: Option): boolean {
  return Array.isArray(option.defaultValue) || option.defaultValue instanceof Map;
}

/**
 * Set every option the command line left alone from the config, through the option's own
 * parser, so a bad value gets the same check and message as on the command line.
 */
export function applyConfig(command: Command, config: RunConfig): void {
  const names = command.options.map((option) => option.attributeName());
  for (const [name, value] of Object.entries(config.settings)) {
    const option = command.options.find((candidate) => candidate.attributeName() === name);
    if (!option || name === 'config') {
      throw new UserError(
        `config file ${config.path}: unknown setting "${name}"`,
        `settings are run's long options in camelCase: targets, params, ${names.filter((known) => known !== 'param' && known !== 'config').join(', ')}`,
      );
    }
    if (command.getOptionValueSource(name) === 'cli') continue;
    command.setOptionValueWithSource(name, parseSetting(option, value, config.path), 'config');
  }
}

function parseSetting(option: Option, value: unknown, path: string): unknown {
  const name = option.attributeName();
  if (option.isBoolean()) {
    if (typeof value !== 'boolean') throw new UserError(`config file ${path}: "${name}" is true or false`);
    return value;
  }
  const items = Array.isArray(value) ? value : [value];
  if (!items.every((item) => typeof item === 'string' || typeof item === 'number')) {
    throw new UserError(
      `config file ${path}: "${name}" takes ${isRepeatable(option) ? 'a list of ' : ''}text or numbers`,
    );
  }
  const texts = items.map(String);
  try {
    if (isRepeatable(option)) {
      return texts.reduce<unknown>(
        (previous, text) => (option.parseArg ? option.parseArg(text, previous) : text),
        structuredClone(option.defaultValue),
      );
    }
    // A list for a single-valued option is its comma-separated form (e.g. "modes").
    const text = texts.join(',');
    if (option.argChoices && !option.argChoices.includes(text))
      throw new Error(`Allowed choices are ${option.argChoices.join(', ')}.`);
    return option.parseArg ? option.parseArg(text, undefined) : text;
  } catch (error) {
    throw new UserError(`config file ${path}: "${name}": ${messageOf(error)}`);
  }
}
