import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { standInsImported } from '../src/plan/stand-ins.js';
import { benchesToRun } from '../src/plan/vitest.js';
import { rootSuite, type VitestBench, type VitestRunMode, type VitestSuite } from '../src/plan/vitest-registry.js';
import { FAST, FIXTURES, REPOSITORY, readValidResult, runCli, temporaryDirectory } from './helpers.js';

/**
 * An ES module project with the fixture and a vitest package: the stand-in checks that vitest is
 * installed, and never loads it.
 */
function vitestProject(withVitest: boolean): string {
  const directory = temporaryDirectory();
  writeFileSync(join(directory, 'package.json'), '{"type":"module"}');
  if (withVitest) {
    mkdirSync(join(directory, 'node_modules', 'vitest'), { recursive: true });
    writeFileSync(join(directory, 'node_modules', 'vitest', 'package.json'), '{"name":"vitest","type":"module"}');
  }
  copyFileSync(join(FIXTURES, 'vitest-suites.bench.ts'), join(directory, 'vitest-suites.bench.ts'));
  return directory;
}

test('a vitest bench file runs unchanged: describes are scenarios, benches modes', async () => {
  const directory = vitestProject(true);
  const out = join(directory, 'out.json');
  // A folder target finds *.bench.* files.
  const { exitCode, stdout, stderr } = await runCli(['run', directory, ...FAST, '--out', out]);
  assert.equal(exitCode, 0, stderr);
  assert.match(stdout, /slice vs json: [\d.]+× ops\/s/);
  assert.match(stdout, /warning: not verified: vitest benches return nothing/);
  const cases = readValidResult(out).scenarios;
  assert.deepEqual(
    cases.map((caseResult) => [caseResult.name, caseResult.status, Object.keys(caseResult.modes)]),
    [
      ['vitest-suites', 'ok', ['stringify']],
      ['parse', 'ok', ['json', 'slice']],
      ['parse > large', 'ok', ['join']],
    ],
  );
});

test('a vitest bench file where vitest is not installed is refused with exit 2', async () => {
  const directory = vitestProject(false);
  const { exitCode, stderr } = await runCli(['run', join(directory, 'vitest-suites.bench.ts'), ...FAST]);
  assert.equal(exitCode, 2);
  assert.match(stderr, /imports vitest, which is not installed where the file is/);
  assert.match(stderr, /npm install --save-dev vitest/);
});

const suite = (name: string, mode: VitestRunMode, parent: VitestSuite): VitestSuite => ({
  ...rootSuite(),
  name,
  mode,
  parent,
});
const benchIn = (name: string, mode: VitestRunMode, parent: VitestSuite): VitestBench => ({
  name,
  mode,
  suite: parent,
  fn: () => undefined,
  options: {},
});

for (const [what, build, expected] of [
  [
    'skip and todo drop a bench, a skipped describe drops its benches',
    (root: VitestSuite) => {
      const skipped = suite('s', 'skip', root);
      return [
        benchIn('a', 'run', root),
        benchIn('b', 'skip', root),
        benchIn('c', 'todo', root),
        benchIn('d', 'run', skipped),
      ];
    },
    ['a'],
  ],
  [
    '.only keeps the benches marked so and those in a describe marked so',
    (root: VitestSuite) => {
      const focused = suite('f', 'only', root);
      return [
        benchIn('a', 'run', root),
        benchIn('b', 'only', root),
        benchIn('c', 'run', focused),
        benchIn('d', 'skip', focused),
      ];
    },
    ['b', 'c'],
  ],
] as const) {
  test(`vitest run modes: ${what}`, () => {
    assert.deepEqual(
      benchesToRun(build(rootSuite())).map((bench) => bench.name),
      expected,
    );
  });
}

test('a mitata file runs unchanged: .args become parameters, computed arguments run before every operation', async () => {
  const out = join(temporaryDirectory(), 'mitata.json');
  const file = join(FIXTURES, 'mitata-args.mjs');
  const { exitCode, stdout, stderr } = await runCli(['run', file, ...FAST, '--out', out], { env: { COLUMNS: '200' } });
  assert.equal(exitCode, 0, stderr);
  assert.match(stdout, /sort \$size vs copy \$size: [\d.]+× ops\/s/);
  assert.match(stdout, /warning: mode "sort \$size" runs hooks around every operation/);
  const cases = readValidResult(out).scenarios;
  assert.deepEqual(
    cases.map((caseResult) => [caseResult.name, caseResult.params, caseResult.comparison?.baseline]),
    [
      ['sort', { size: 10 }, 'copy $size'],
      ['sort', { size: 20 }, 'copy $size'],
    ],
  );
  assert.equal(cases[0]!.modes['sort $size']!.summary.memory.allocatedMethod, 'used-heap-per-operation');

  // --param on the command line wins over the file's .args.
  const overridden = await runCli(['run', file, ...FAST, '--modes', 'copy $size', '--param', 'size=5', '--out', out]);
  assert.equal(overridden.exitCode, 0, overridden.stderr);
  assert.deepEqual(
    readValidResult(out).scenarios.map((caseResult) => caseResult.params),
    [{ size: 5 }],
  );
});

for (const [what, source, message] of [
  [
    'an async describe body',
    "import { bench, describe } from 'vitest';\ndescribe('later', async () => {\n  bench('a', () => {});\n});\n",
    /describe\("later"\) has an async body/,
  ],
  [
    "mitata's iterator form",
    "import { bench, run } from 'mitata';\nbench('loop', (state) => {\n  for (const _ of state) {}\n});\nawait run();\n",
    /mitata bench "loop" in .* takes the iterator state/,
  ],
] as const) {
  test(`refused before anything runs, with exit 2: ${what}`, async () => {
    const directory = vitestProject(true);
    symlinkSync(join(REPOSITORY, 'node_modules', 'mitata'), join(directory, 'node_modules', 'mitata'), 'dir');
    const path = join(directory, 'refused.bench.mjs');
    writeFileSync(path, source);
    const { exitCode, stderr } = await runCli(['run', path, ...FAST]);
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, message);
  });
}

test('a file gets the stand-ins of the packages it imports, not of those it only names', () => {
  assert.deepEqual(
    standInsImported(
      "import { bench } from 'mitata';\nconst { Bench } = require(\"tinybench\");\nawait import('vitest');\n",
    ),
    ['tinybench', 'vitest', 'mitata'],
  );
  assert.deepEqual(standInsImported("// faster than 'tinybench' measures it\nconst name = 'vitest';\n"), []);
});
