import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  BIN,
  childEnv,
  FAST,
  FIXTURES,
  projectWithPackage,
  readValidResult,
  runCli,
  temporaryDirectory,
  typeCheck,
} from './helpers.js';

test('init writes a TypeScript scenario that runs as is with the command it prints', async () => {
  const project = projectWithPackage();
  const init = await runCli(['init', 'orders.scenario.ts'], { cwd: project });
  assert.equal(init.exitCode, 0, init.stderr);
  const printed = /npx arena-bench run (\S+)/.exec(init.stdout);
  assert.ok(printed, init.stdout);
  assert.equal(printed[1], './orders.scenario.ts');

  const out = join(project, 'result.json');
  const run = await runCli(['run', printed[1]!, ...FAST, '--out', out], { cwd: project });
  assert.equal(run.exitCode, 0, run.stderr);
  const [caseResult] = readValidResult(out).scenarios;
  assert.equal(caseResult!.name, 'orders');
  assert.equal(caseResult!.source, './orders.scenario.ts');
  // The template's arena mode allocates nothing even before V8 optimises it (its handles stay small
  // integers, never boxed). Code V8 compiles during the counting passes is left out, but what else
  // optimising puts on the heap on a loaded machine can still reach one pass: "allocates nothing"
  // is below 1 B/op, as the tool's own warnings read it (NO_ALLOCATION_BYTES_PER_OP) and cli.test
  // asserts.
  const { heap, arena } = caseResult!.modes;
  assert.ok(
    heap!.summary.memory.allocatedBytesPerOp > 1000,
    `heap allocates: ${heap!.summary.memory.allocatedBytesPerOp} B/op`,
  );
  assert.ok(
    arena!.summary.memory.allocatedBytesPerOp < 1,
    `arena allocates nothing: ${arena!.summary.memory.allocatedBytesPerOp} B/op`,
  );
});

test('the init template type-checks against the package types', () => {
  const project = projectWithPackage();
  execFileSync(process.execPath, [BIN, 'init'], { cwd: project, env: childEnv() });
  // Throws, with tsc's complaints, if the template or the package's types are wrong.
  typeCheck(project, ['arena.scenario.ts']);
});

for (const [args, message] of [
  [['init', 'arena.scenario.ts'], /Error: arena\.scenario\.ts already exists, and init never overwrites a file/],
  [['init', 'bench.mjs'], /Error: init writes a TypeScript scenario, and bench\.mjs does not end in \.ts/],
] as [string[], RegExp][]) {
  test(`init refuses: ${args.join(' ')}`, async () => {
    const project = temporaryDirectory();
    writeFileSync(join(project, 'arena.scenario.ts'), 'mine\n');
    const { exitCode, stderr } = await runCli(args, { cwd: project });
    assert.equal(exitCode, 2);
    assert.match(stderr, message);
    assert.equal(readFileSync(join(project, 'arena.scenario.ts'), 'utf8'), 'mine\n');
  });
}

test('a syntax error in a TypeScript scenario names the file and line', async () => {
  const project = temporaryDirectory();
  writeFileSync(join(project, 'broken.scenario.ts'), 'export default {\n  name: "broken",\n  oops: (1 +),\n};\n');
  const { exitCode, stderr } = await runCli(['run', './broken.scenario.ts'], { cwd: project });
  assert.equal(exitCode, 2);
  assert.match(stderr, /cannot load scenario file \.\/broken\.scenario\.ts: .*broken\.scenario\.ts:3/s);
});

test('two V8 flag sets and two Node binaries make one result with every combination, side by side', async () => {
  const directory = temporaryDirectory();
  // A second path to the same binary stands in for a second Node.js version: the variant is the path given.
  const otherNode = join(directory, 'node');
  symlinkSync(process.execPath, otherNode);
  const out = join(directory, 'matrix.json');
  const { exitCode, stdout, stderr } = await runCli([
    'run',
    join(FIXTURES, 'pair.mjs'),
    ...FAST,
    '--runs',
    '1',
    '--v8-flags=--max-semi-space-size=2',
    '--v8-flags',
    '--max-semi-space-size=32 --max-old-space-size=256',
    '--node',
    process.execPath,
    '--node',
    otherNode,
    '--reporter',
    'markdown',
    '--out',
    out,
  ]);
  assert.equal(exitCode, 0, stderr);
  const result = readValidResult(out);
  assert.deepEqual(
    result.scenarios.map(
      ({ variant }) => `${variant.node === otherNode ? 'other' : 'own'} ${variant.v8Flags.join(' ')}`,
    ),
    [
      'own --max-semi-space-size=2',
      'own --max-semi-space-size=32 --max-old-space-size=256',
      'other --max-semi-space-size=2',
      'other --max-semi-space-size=32 --max-old-space-size=256',
    ],
  );
  assert.deepEqual(result.settings.v8FlagSets, [
    ['--max-semi-space-size=2'],
    ['--max-semi-space-size=32', '--max-old-space-size=256'],
  ]);
  for (const caseResult of result.scenarios) assert.equal(caseResult.runtime.node, process.version);
  // One table for the scenario, a variant column, a row per variant and mode.
  assert.equal(stdout.match(/^### fixture-pair/gm)?.length, 1);
  assert.match(stdout, /^\| variant \| mode \|/m);
  assert.equal(stdout.match(/^\| node v[\d.]+ · --max-semi-space-size=2 \| (heap|arena) \|/gm)?.length, 4);
});

for (const [args, message] of [
  [['--node', '/no/such/node'], /Error: --node \/no\/such\/node is not a Node.js binary arena-bench can run: .*ENOENT/],
  [
    ['--v8-flags', '--max-semi-space-size=2', '--v8-flags', '--no-such-flag'],
    /Error: --v8-flags "--no-such-flag" cannot run a child on node/,
  ],
] as [string[], RegExp][]) {
  test(`an unusable runtime or flag set is refused before anything runs: ${args.join(' ')}`, async () => {
    const { exitCode, stderr } = await runCli([
      'run',
      join(FIXTURES, 'pair.mjs'),
      ...args,
      '--out',
      join(temporaryDirectory(), 'r.json'),
    ]);
    assert.equal(exitCode, 2);
    assert.match(stderr, message);
  });
}

test('a directory target runs every *.scenario file below it, and a quoted glob the files it matches', async () => {
  const project = temporaryDirectory();
  mkdirSync(join(project, 'nested'));
  writeFileSync(join(project, 'helpers.mjs'), 'export const notAScenario = 1;\n');
  for (const [file, name] of [
    ['a.scenario.mjs', 'alpha'],
    ['nested/b.scenario.mjs', 'beta'],
  ]) {
    writeFileSync(
      join(project, file),
      `const kept = [];\nexport default { name: '${name}', description: 'd', modes: { heap: () => () => { kept[0] = { x: 1 }; return 1; }, arena: () => () => 1 } };\n`,
    );
  }
  const names = async (target: string) => {
    const out = join(temporaryDirectory(), 'r.json');
    const { exitCode, stderr } = await runCli(['run', target, ...FAST, '--runs', '1', '--out', out], { cwd: project });
    assert.equal(exitCode, 0, stderr);
    return readValidResult(out).scenarios.map((caseResult) => caseResult.name);
  };
  assert.deepEqual(await names('.'), ['alpha', 'beta']);
  assert.deepEqual(await names('nested/*.mjs'), ['beta']);
});

test('a config file in the working directory supplies settings, and the command line wins', async () => {
  const project = temporaryDirectory();
  writeFileSync(
    join(project, 'arena-bench.config.json'),
    JSON.stringify({
      targets: [join(FIXTURES, 'pair.mjs')],
      runs: 1,
      time: 50,
      warmup: 10,
      params: { items: [10, 20] },
      reporter: 'markdown',
    }),
  );
  const out = join(project, 'r.json');
  const { exitCode, stdout, stderr } = await runCli(['run', '--runs', '2', '--out', out], { cwd: project });
  assert.equal(exitCode, 0, stderr);
  assert.match(stdout, /^### fixture-pair {2}items=10$/m);
  const result = readValidResult(out);
  assert.deepEqual(
    result.scenarios.map((caseResult) => caseResult.params.items),
    [10, 20],
  );
  assert.equal(result.settings.runs, 2);
  assert.equal(result.settings.timeMs, 50);
});

for (const [config, message] of [
  ['{"runz": 3}', /config file .*arena-bench\.config\.json: unknown setting "runz"/],
  ['{"runs": "many"}', /"runs": --runs takes a whole number of at least 1/],
  ['{"reporter": "xml"}', /"reporter": Allowed choices are table, markdown, json/],
  ['{"runs": ', /cannot read config file .*arena-bench\.config\.json/],
] as [string, RegExp][]) {
  test(`a bad config file is a usage error that names it: ${config}`, async () => {
    const project = temporaryDirectory();
    writeFileSync(join(project, 'arena-bench.config.json'), config);
    const { exitCode, stderr } = await runCli(['run', join(FIXTURES, 'pair.mjs')], { cwd: project });
    assert.equal(exitCode, 2);
    assert.match(stderr, message);
  });
}

test("a scenario's minTimeMs lengthens its runs beyond --time, is recorded and named, and --quick ignores it", async () => {
  const project = temporaryDirectory();
  const scenario = (name: string, extra: string) =>
    `{ name: '${name}', description: 'd',${extra} modes: { heap: () => () => 1, arena: () => () => 1 } }`;
  // 60 ms against 1500: no stall of a loaded machine stretches a 60 ms run that far.
  writeFileSync(
    join(project, 'timed.scenario.mjs'),
    `export default [${scenario('long', ' minTimeMs: 1500,')}, ${scenario('short', '')}];\n`,
  );
  const out = join(project, 'r.json');
  const { exitCode, stdout, stderr } = await runCli(
    ['run', './timed.scenario.mjs', '--runs', '1', '--time', '60', '--warmup', '10', '--out', out],
    { cwd: project },
  );
  assert.equal(exitCode, 0, stderr);
  const [long, short] = readValidResult(out).scenarios;
  assert.deepEqual([long!.timeMs, short!.timeMs], [1500, 60]);
  // The timed loop stops at the first operation past its deadline.
  for (const run of long!.modes.heap!.runs) assert.ok(run.elapsedMs >= 1500, `${run.elapsedMs} ms`);
  for (const run of short!.modes.heap!.runs) assert.ok(run.elapsedMs < 1500, `${run.elapsedMs} ms`);
  assert.match(stdout, /1 run per mode of 60 ms \(longer: long 1500 ms\)/);

  const quick = join(project, 'quick.json');
  assert.equal(
    (await runCli(['run', './timed.scenario.mjs', '--quick', '--runs', '1', '--out', quick], { cwd: project }))
      .exitCode,
    0,
  );
  assert.deepEqual(
    readValidResult(quick).scenarios.map((entry) => entry.timeMs),
    [150, 150],
  );
});

test('a minTimeMs that is not a positive number is refused with the field named', async () => {
  const project = temporaryDirectory();
  writeFileSync(
    join(project, 'bad.scenario.mjs'),
    "export default { name: 'bad', description: 'd', minTimeMs: '1s', modes: { heap: () => () => 1, arena: () => () => 1 } };\n",
  );
  const { exitCode, stderr } = await runCli(['run', './bad.scenario.mjs'], { cwd: project });
  assert.equal(exitCode, 2);
  assert.match(
    stderr,
    /bad\.scenario\.mjs does not export a valid scenario: "bad"\.minTimeMs is not a positive number of milliseconds/,
  );
});
