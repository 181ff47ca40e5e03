/**
 * The result-file readers against damaged files: random mutations of a real result file (fields
 * deleted, wrong types, non-finite and huge numbers, arrays and objects emptied, the text cut
 * short) fed to compare, report and export. Whatever the damage, the command ends with one of its
 * documented exit codes, never exit 4 (a bug) and never an uncaught throw. The commands run in
 * this process through the CLI's own entry point, their output captured, so a few hundred calls
 * take seconds. A fixed seed keeps failures reproducible; fast-check prints the shrunk mutation.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { main } from '../src/cli/cli.js';
import { FIXTURES, temporaryDirectory } from './helpers.js';

const SEED = 0x12;
const RUNS = 120;
const LEGACY = join(FIXTURES, 'legacy-result.json');
const ORIGINAL = JSON.parse(readFileSync(LEGACY, 'utf8')) as unknown;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** Written into the text as-is: JSON has no NaN or Infinity, but 1e999 parses to Infinity. */
const INFINITY = '__infinity__';

const REPLACEMENTS: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  INFINITY,
  '',
  'text',
  [],
  {},
  [1, 2, 3],
  { unexpected: 1 },
];

type Mutation =
  | { at: number; kind: 'delete' }
  | { at: number; kind: 'replace'; value: Json }
  | { at: number; kind: 'empty' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), kind: fc.constant('delete' as const) }),
  fc.record({ at: fc.nat(), kind: fc.constant('replace' as const), value: fc.constantFrom(...REPLACEMENTS) }),
  fc.record({ at: fc.nat(), kind: fc.constant('empty' as const) }),
);

type Place = [Json[] | Record<string, Json>, string | number];

/**
 * Every place in the tree a mutation can land, grouped by its path with array indices left out:
 * a mutation picks a field first, so `gc.byKind` is as likely a target as the thousands of numbers
 * in the timelines' arrays.
 */
function placesByField(node: Json, path = '', found = new Map<string, Place[]>()): Map<string, Place[]> {
  const add = (field: string, place: Place) => found.set(field, [...(found.get(field) ?? []), place]);
  if (Array.isArray(node))
    node.forEach((child, i) => {
      add(`${path}[]`, [node, i]);
      placesByField(child, `${path}[]`, found);
    });
  else if (node !== null && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) {
      add(`${path}.${key}`, [node, key]);
      placesByField(child, `${path}.${key}`, found);
    }
  }
  return found;
}

function mutate(file: Json, mutations: Mutation[]): void {
  for (const change of mutations) {
    const fields = [...placesByField(file).values()];
    const places = fields[change.at % fields.length]!;
    const [container, key] = places[Math.floor(change.at / fields.length) % places.length]!;
    const slot = container as Record<string | number, Json>;
    if (change.kind === 'delete') {
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete slot[key];
    } else if (change.kind === 'replace') slot[key] = change.value;
    else
      slot[key] = Array.isArray(slot[key]) ? [] : slot[key] !== null && typeof slot[key] === 'object' ? {} : slot[key]!;
  }
}

/** Run the CLI in this process with its output captured; a throw out of main() is a failure too. */
async function exitCodeOf(args: string[]): Promise<{ exitCode: number; output: string }> {
  const writes = [process.stdout.write, process.stderr.write];
  let output = '';
  const capture = ((chunk: string | Uint8Array) => {
    output += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    return { exitCode: await main(['node', 'arena-bench', ...args]), output };
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
  }
}

test('compare, report and export end with a documented exit code on any damaged result file', async () => {
  const directory = temporaryDirectory();
  const damaged = join(directory, 'damaged.json');
  const page = join(directory, 'page.html');
  // Outside GitHub Actions: no annotations, and no job summary to append to.
  const saved = { actions: process.env.GITHUB_ACTIONS, summary: process.env.GITHUB_STEP_SUMMARY };
  process.env.GITHUB_ACTIONS = '';
  process.env.GITHUB_STEP_SUMMARY = '';
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        async (mutations, cutAt) => {
          const file = structuredClone(ORIGINAL) as Json;
          mutate(file, mutations);
          let text = JSON.stringify(file).replaceAll(`"${INFINITY}"`, '1e999');
          if (cutAt !== null) text = text.slice(0, Math.floor(text.length * cutAt));
          writeFileSync(damaged, text);
          for (const args of [
            ['compare', LEGACY, damaged],
            ['compare', damaged, LEGACY, '--reporter', 'json'],
            ['report', damaged, '--out', page],
            ['report', LEGACY, damaged, '--out', page],
            ['export', damaged, '--format', 'github-action-benchmark-smaller'],
          ]) {
            const { exitCode, output } = await exitCodeOf(args);
            assert.ok([0, 1, 2, 3].includes(exitCode), `${args[0]} exited ${exitCode}:\n${output.slice(0, 2000)}`);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  } finally {
    for (const [name, value] of [
      ['GITHUB_ACTIONS', saved.actions],
      ['GITHUB_STEP_SUMMARY', saved.summary],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});
