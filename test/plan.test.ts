import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../src/errors.js';
import type { LoadedScenario } from '../src/plan/loader.js';
import {
  type ParamOverrides,
  parseParamOverride,
  planCases as planWithVariants,
  roundOrder,
  variantsOf,
} from '../src/plan/plan.js';
import { ownRuntime } from '../src/plan/runtime.js';

const op = () => () => 0;
const scenario = (
  name: string,
  params: Record<string, number | boolean | string | (number | boolean | string)[]>,
  modes = ['heap', 'arena'],
): LoadedScenario => ({
  scenario: { name, description: '', params, modes: Object.fromEntries(modes.map((mode) => [mode, op])) as never },
  moduleUrl: `file:///${name}.mjs`,
  source: 'builtin',
});

const onOwnRuntime = variantsOf([], [ownRuntime()]);
const planCases = (scenarios: LoadedScenario[], overrides: ParamOverrides, modes: string[] | null) =>
  planWithVariants(scenarios, overrides, modes, onOwnRuntime);

test('every flag set runs on every runtime, and no flag set means one empty set', () => {
  const node20 = { ...ownRuntime(), path: '/bin/node20' };
  const node26 = { ...ownRuntime(), path: '/bin/node26' };
  assert.deepEqual(
    variantsOf([['--max-semi-space-size=16'], ['--max-semi-space-size=64']], [node20, node26]).map(
      ({ v8Flags, runtime }) => `${runtime.path} ${v8Flags.join(' ')}`,
    ),
    [
      '/bin/node20 --max-semi-space-size=16',
      '/bin/node20 --max-semi-space-size=64',
      '/bin/node26 --max-semi-space-size=16',
      '/bin/node26 --max-semi-space-size=64',
    ],
  );
  assert.deepEqual(
    onOwnRuntime.map(({ v8Flags }) => v8Flags),
    [[]],
  );
});

test('each scenario and parameter set runs under each variant, variants adjacent', () => {
  const variants = variantsOf([['--a'], ['--b']], [ownRuntime()]);
  const cases = planWithVariants([scenario('x', { n: 1 })], parseParamOverride('n=1,2'), null, variants);
  assert.deepEqual(
    cases.map(({ params, variant }) => `n=${params.n} ${variant.v8Flags}`),
    ['n=1 --a', 'n=1 --b', 'n=2 --a', 'n=2 --b'],
  );
});

test('runs are interleaved across modes and the first mode rotates', () => {
  assert.deepEqual(
    [0, 1, 2, 3].map((round) => roundOrder(['heap', 'arena', 'pool'], round).join(',')),
    ['heap,arena,pool', 'arena,pool,heap', 'pool,heap,arena', 'heap,arena,pool'],
  );
});

test('a comma-separated --param sweeps the parameter, typed by its default', () => {
  const overrides = parseParamOverride('messages=10,100', parseParamOverride('retain=1'));
  const cases = planCases([scenario('a', { messages: 1000, retain: 0, ascii: true })], overrides, null);
  assert.deepEqual(
    cases.map((planned) => planned.params),
    [
      { messages: 10, retain: 1, ascii: true },
      { messages: 100, retain: 1, ascii: true },
    ],
  );
});

test('a parameter applies to the scenarios that have it and leaves the others alone', () => {
  const cases = planCases(
    [scenario('a', { messages: 1 }), scenario('b', { depth: 2 })],
    parseParamOverride('depth=5'),
    null,
  );
  assert.deepEqual(
    cases.map((planned) => [planned.loaded.scenario.name, planned.params]),
    [
      ['a', { messages: 1 }],
      ['b', { depth: 5 }],
    ],
  );
});

for (const [text, message] of [
  ['messages', '--param "messages" is not name=value'],
  ['=3', '--param "=3" is not name=value'],
  ['messages=1,', '--param messages has an empty value'],
]) {
  test(`--param ${text} is refused: ${message}`, () => {
    assert.throws(
      () => parseParamOverride(text),
      (error: unknown) => error instanceof UserError && error.message === message,
    );
  });
}

for (const [override, message] of [
  ['nope=1', 'unknown parameter "nope"'],
  ['messages=lots', '--param messages=lots: "messages" of a is a number'],
  ['ascii=maybe', '--param ascii=maybe: "ascii" of a is true or false'],
]) {
  test(`planning with --param ${override} fails: ${message}`, () => {
    assert.throws(
      () => planCases([scenario('a', { messages: 1, ascii: false })], parseParamOverride(override), null),
      (error: unknown) => error instanceof UserError && error.message === message,
    );
  });
}

test('--modes filters each scenario, and a mode no scenario has is an error', () => {
  const cases = planCases([scenario('a', {}, ['heap', 'arena', 'pool'])], new Map(), ['heap', 'pool']);
  assert.deepEqual(cases[0]!.modes, ['heap', 'pool']);
  assert.throws(() => planCases([scenario('a', {})], new Map(), ['pool']), /unknown mode "pool"/);
});

test('a list of values in the file is swept, and --param on the command line wins', () => {
  const swept = scenario('a', { size: [100, 1000], ascii: true });
  const params = (overrides: ParamOverrides) => planCases([swept], overrides, null).map((planned) => planned.params);
  assert.deepEqual(params(new Map()), [
    { size: 100, ascii: true },
    { size: 1000, ascii: true },
  ]);
  assert.deepEqual(params(parseParamOverride('size=10')), [{ size: 10, ascii: true }]);
  assert.deepEqual(params(parseParamOverride('ascii=false')), [
    { size: 100, ascii: false },
    { size: 1000, ascii: false },
  ]);
  assert.throws(() => params(parseParamOverride('size=big')), /"size" of a is a number/);
});
