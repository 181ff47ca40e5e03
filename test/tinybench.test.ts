import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { FAST, FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

const NOT_VERIFIED =
  'not verified: tinybench tasks return nothing, so the modes were not checked to compute the same result';

for (const [style, file, name, modes, line] of [
  [
    'a Bench exported as the default (.mjs)',
    'tinybench-default.bench.mjs',
    'tinybench-default',
    ['heap', 'columns'],
    /columns: [\d.]+× ops\/s/,
  ],
  [
    'await bench.run() at top level (.ts)',
    'tinybench-toplevel.bench.ts',
    'tinybench-toplevel',
    ['join', 'concat'],
    /concat vs join: [\d.]+× ops\/s/,
  ],
] as const) {
  test(`a tinybench file runs unchanged: ${style}`, async () => {
    const out = join(temporaryDirectory(), 'tinybench.json');
    const { exitCode, stdout, stderr } = await runCli(['run', join(FIXTURES, file), ...FAST, '--out', out]);
    assert.equal(exitCode, 0, stderr);
    assert.match(stdout, line);
    assert.ok(stdout.includes(`warning: ${NOT_VERIFIED}`), stdout);
    // The file's own console.table of results it does not have is not shown.
    assert.doesNotMatch(stdout, /Task name/);

    const caseResult = readValidResult(out).scenarios[0]!;
    assert.equal(caseResult.name, name);
    assert.equal(caseResult.status, 'ok', caseResult.error);
    assert.deepEqual(Object.keys(caseResult.modes), modes);
    assert.equal(caseResult.comparison!.baseline, modes[0]);
    assert.equal(caseResult.verified, false);
    assert.equal(caseResult.unverifiedReason, NOT_VERIFIED.replace('not verified: ', ''));
    // The tasks throw unless their setup hook ran, so measured runs in every mode show that it did.
    for (const mode of modes) assert.equal(caseResult.modes[mode]!.runs.length, 2);
  });
}

test("tinybench hooks run around every operation, and what they allocate is not the task's", async () => {
  const out = join(temporaryDirectory(), 'hooks.json');
  const file = join(FIXTURES, 'tinybench-hooks.bench.mjs');
  const { exitCode, stdout, stderr } = await runCli(['run', file, ...FAST, '--out', out], { env: { COLUMNS: '200' } });
  // The task throws on an operation that beforeEach did not run before.
  assert.equal(exitCode, 0, stderr);
  assert.match(stdout, /warning: mode "drain" runs hooks around every operation: /);
  assert.doesNotMatch(stdout, /drain mode shows no allocation/);

  const caseResult = readValidResult(out).scenarios[0]!;
  assert.equal(caseResult.status, 'ok', caseResult.error);
  const hooked = caseResult.modes.drain!.summary.memory;
  const inline = caseResult.modes['refill-and-drain']!.summary.memory;
  assert.equal(hooked.allocatedMethod, 'used-heap-per-operation');
  assert.equal(inline.allocatedMethod, 'gc-profiler');
  // The hook builds ~1 KB per operation: not the task's, which allocates nothing; the same work
  // inside a task is that task's.
  assert.ok(hooked.allocatedBytesPerOp < 1, `${hooked.allocatedBytesPerOp} B/op`);
  assert.ok(inline.allocatedBytesPerOp > 500, `${inline.allocatedBytesPerOp} B/op`);
});
