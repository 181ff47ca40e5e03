import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FAST, FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

test('a plain .mjs scenario file runs by path: heap allocates and collects, arena neither', async () => {
  const out = join(temporaryDirectory(), 'pair.json');
  const { exitCode, stdout, stderr } = await runCli(['run', join(FIXTURES, 'pair.mjs'), ...FAST, '--out', out]);
  assert.equal(exitCode, 0, stderr);
  assert.match(stdout, /fixture-pair/);
  assert.match(stdout, /arena: [\d.]+× ops\/s/);
  assert.doesNotMatch(stdout, /\x1b\[/, 'no colour when NO_COLOR is set and stdout is not a terminal');
  assert.match(stderr, new RegExp(`results written to ${out}`));

  const result = readValidResult(out);
  assert.equal(result.complete, true);
  const [caseResult] = result.scenarios;
  const { heap, arena } = caseResult!.modes;
  assert.equal(heap!.runs.length, 2);
  assert.equal(arena!.runs.length, 2);
  assert.equal(heap!.checksum, arena!.checksum);
  assert.ok(
    heap!.summary.memory.allocatedBytesPerOp > 1000,
    `heap allocates: ${heap!.summary.memory.allocatedBytesPerOp} B/op`,
  );
  assert.ok(heap!.summary.gc.count > 0, 'heap mode collects');
  assert.ok(
    arena!.summary.memory.allocatedBytesPerOp < 1,
    `arena allocates nothing: ${arena!.summary.memory.allocatedBytesPerOp} B/op`,
  );
  for (const run of arena!.runs) assert.equal(run.gc.count, 0, 'an allocation-free mode reports zero collections');
  assert.ok(caseResult!.comparison!.against.arena!.allocatedBytesRatio! < 0.01);
  assert.deepEqual(caseResult!.warnings, []);
});

test('--reporter json prints exactly the result file', async () => {
  const out = join(temporaryDirectory(), 'pair.json');
  const { exitCode, stdout } = await runCli([
    'run',
    join(FIXTURES, 'pair.mjs'),
    ...FAST,
    '--runs',
    '1',
    '--reporter',
    'json',
    '--out',
    out,
  ]);
  assert.equal(exitCode, 0);
  assert.deepEqual(JSON.parse(stdout), readValidResult(out));
});

test('failing scenarios exit 3 with a reason each, and the scenario that worked is still written', async () => {
  const out = join(temporaryDirectory(), 'failures.json');
  // The hanging mode never returns, so it times out however fast the machine is; the timeout is
  // long enough that the other scenarios' jobs finish within it on a machine loaded many times over.
  const { exitCode, stdout, stderr } = await runCli([
    'run',
    join(FIXTURES, 'failures.mjs'),
    ...FAST,
    '--timeout',
    '10000',
    '--out',
    out,
  ]);
  assert.equal(exitCode, 3);
  assert.match(stderr, /3 scenario\(s\) failed: fixture-disagrees, fixture-throws, fixture-hangs/);
  assert.match(stdout, /operation 1 returned 42 in "heap" but 41 in "arena"/);

  const result = readValidResult(out);
  const byName = Object.fromEntries(result.scenarios.map((caseResult) => [caseResult.name, caseResult]));
  assert.equal(byName['fixture-ok']!.status, 'ok');
  assert.equal(byName['fixture-disagrees']!.status, 'failed');
  assert.deepEqual(byName['fixture-disagrees']!.modes, {}, 'nothing is reported for modes that disagree');
  assert.match(
    byName['fixture-throws']!.error!,
    /threw: Error: arena exhausted on purpose \(at .*failures\.mjs:\d+:\d+\)/,
  );
  assert.match(byName['fixture-hangs']!.error!, /did not finish within 10000 ms/);
});

test('a child that runs out of memory is a failed scenario that says so', async () => {
  const out = join(temporaryDirectory(), 'oom.json');
  const { exitCode } = await runCli([
    'run',
    join(FIXTURES, 'oom.mjs'),
    ...FAST,
    '--v8-flags=--max-old-space-size=32',
    '--out',
    out,
  ]);
  assert.equal(exitCode, 3);
  assert.match(readValidResult(out).scenarios[0]!.error!, /ran out of memory: .*heap out of memory/);
});

test('a heap mode whose objects were optimised away is flagged', async () => {
  const out = join(temporaryDirectory(), 'lazy.json');
  const { exitCode, stdout } = await runCli(['run', join(FIXTURES, 'lazy.mjs'), ...FAST, '--runs', '1', '--out', out]);
  assert.equal(exitCode, 0);
  assert.match(stdout, /warning: heap mode shows no allocation/);
  assert.match(readValidResult(out).scenarios[0]!.warnings[0]!, /escape analysis/);
});

for (const [args, message] of [
  [['run', 'no-such-scenario'], /Error: unknown scenario "no-such-scenario"\n {2}run "arena-bench list"/],
  [['run', './missing.scenario.mjs'], /Error: no scenario file at \.\/missing\.scenario\.mjs/],
  [['run', '--bogus'], /unknown option '--bogus'/],
  [['run', '--runs', 'two'], /--runs takes a whole number of at least 1/],
  [
    ['run', join(FIXTURES, 'pair.mjs'), '--param', 'nope=1'],
    /Error: unknown parameter "nope"\n {2}the selected scenarios take: items/,
  ],
  [['run', join(FIXTURES, 'pair.mjs'), '--modes', 'pool'], /Error: unknown mode "pool"/],
  [
    ['run', join(FIXTURES, 'pair.mjs'), '--v8-flags=--no-such-v8-flag'],
    /cannot run a child on node v\d+[.\d]*: .*bad option: --no-such-v8-flag/,
  ],
  [['run', '--reporter', 'xml'], /argument 'xml' is invalid. Allowed choices are table, markdown, json/],
] as [string[], RegExp][]) {
  test(`usage error exits 2 and writes nothing: ${args.join(' ')}`, async () => {
    const directory = temporaryDirectory();
    const out = join(directory, 'result.json');
    const { exitCode, stderr } = await runCli([...args, '--out', out]);
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, message);
    assert.equal(existsSync(out), false);
  });
}

for (const width of [60, 80]) {
  test(`every command's help, and list, fit ${width} columns`, async () => {
    for (const command of [[], ['run'], ['list'], ['init'], ['compare'], ['export'], ['report']]) {
      const { exitCode, stdout } = await runCli([...command, '--help'], { env: { COLUMNS: String(width) } });
      assert.equal(exitCode, 0);
      const wide = stdout.split('\n').filter((line) => [...line].length > width);
      assert.deepEqual(wide, [], `arena-bench ${command.join(' ')} --help`);
    }
    const listed = await runCli(['list'], { env: { COLUMNS: String(width) } });
    assert.deepEqual(
      listed.stdout.split('\n').filter((line) => [...line].length > width),
      [],
      'arena-bench list',
    );
  });
}

test('--help on run shows examples and the exit codes', async () => {
  const { exitCode, stdout } = await runCli(['run', '--help']);
  assert.equal(exitCode, 0);
  assert.match(stdout, /Examples:/);
  assert.match(stdout, /3 a scenario failed/);
});
