/**
 * `run --against <dir>`: the two trees a paired run measures. Relative paths name the same files in
 * both; built-in scenario names name each tree's own arena-bench, so a change to the built-in suite
 * or to the arena library is measured against the base's version of it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { messageOf, UserError } from '../errors.js';
import type { Case } from './plan.js';

/** The compiled built-in suite of an arena-bench checkout, or of the arena-bench a project installed. */
function builtinDirectoryIn(tree: string): string | undefined {
  const name = packageName(join(tree, 'package.json'));
  if (name === 'arena-bench') {
    const compiled = join(tree, 'dist', 'scenarios');
    if (!existsSync(compiled)) {
      throw new UserError(
        `${tree} is an arena-bench checkout that is not built (no dist/scenarios)`,
        `run "npm ci" (which builds it) or "npm run build" in ${tree}`,
      );
    }
    return compiled;
  }
  const installed = join(tree, 'node_modules', 'arena-bench', 'dist', 'scenarios');
  return existsSync(installed) ? installed : undefined;
}

/** The name in a tree's package.json, read as npm reads it (a byte-order mark is allowed); undefined when there is none. */
function packageName(manifest: string): unknown {
  const info = statSync(manifest, { throwIfNoEntry: false });
  if (!info) return undefined;
  const hint = 'give --against a checkout whose package.json npm can read';
  if (!info.isFile()) throw new UserError(`--against: ${manifest} is not a file`, hint);
  try {
    const manifestData = JSON.parse(readFileSync(manifest, 'utf8').replace(/^\uFEFF/, '')) as { name?: unknown } | null;
    return manifestData?.name;
  } catch (error) {
    throw new UserError(`--against: ${manifest} is not valid JSON: ${messageOf(error)}`, hint);
  }
}

/** The base tree given to --against: a directory, with an arena-bench of its own when built-in names are asked for. */
export function checkBaseTree(tree: string): string {
  const path = resolve(tree);
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info?.isDirectory()) {
    throw new UserError(
      `--against ${tree}: no such directory`,
      'give a checkout of the base, e.g. "git worktree add ../base origin/main"',
    );
  }
  return path;
}

/** Where a tree's built-in scenarios are; the base must have them, the head falls back to the running arena-bench's. */
export function builtinDirectoryOf(tree: string, side: 'base' | 'head', own: URL): URL {
  const found = builtinDirectoryIn(tree);
  if (found) return pathToFileURL(`${found}/`);
  if (side === 'head') return own;
  throw new UserError(
    `--against ${tree}: built-in scenarios were asked for, but that tree is neither an arena-bench checkout nor has arena-bench in node_modules`,
    `install the base's dependencies there ("npm ci" in ${tree}), or name scenario files instead of built-in scenarios`,
  );
}

function caseKey(planned: Case): string {
  const params = Object.entries(planned.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { v8Flags, runtime } = planned.variant;
  return JSON.stringify([planned.loaded.scenario.name, params, v8Flags, runtime.path]);
}

/** Each head case with the base's same case, in the head's order; the base's extra cases after. */
export function pairCases(base: readonly Case[], head: readonly Case[]): { base?: Case; head?: Case }[] {
  const baseByKey = new Map(base.map((planned) => [caseKey(planned), planned]));
  const pairs = head.map((planned) => {
    const key = caseKey(planned);
    const partner = baseByKey.get(key);
    baseByKey.delete(key);
    return { base: partner, head: planned };
  });
  return [...pairs, ...[...baseByKey.values()].map((planned) => ({ base: planned }))];
}
