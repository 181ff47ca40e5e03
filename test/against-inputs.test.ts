/** run --against reads the base as npm does, says what the base lacks, and refuses a pairing with nothing in common before measuring. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, temporaryDirectory } from './helpers.js';

/** A scenario that leaves a file at FIXTURE_MARKER when a mode is set up: whether anything was measured. */
const scenario = (params: Record<string, number>) => `import { writeFileSync } from 'node:fs';
const mark = () => {
  if (process.env.FIXTURE_MARKER) writeFileSync(process.env.FIXTURE_MARKER, 'measured\\n');
  return () => 1;
};
export default { name: 'paired', params: ${JSON.stringify(params)}, modes: { heap: mark, arena: mark } };
`;

/** A head and a base tree, each a folder with bench/ in it, and `run <target> --against` the base from the head. */
function trees() {
  const root = temporaryDirectory();
  const [head, base] = [join(root, 'head'), join(root, 'base')];
  for (const tree of [head, base]) mkdirSync(join(tree, 'bench'), { recursive: true });
  const marker = join(root, 'measured');
  const runAgainst = (target: string) =>
    runCli(['run', target, '--against', base, '--out', 'r.json'], { cwd: head, env: { FIXTURE_MARKER: marker } });
  return { head, base, marker, runAgainst };
}

for (const [what, manifest, message] of [
  [
    'a package.json with a byte-order mark (npm reads it)',
    '\uFEFF{"name": "arena-bench"}',
    /^Error: .+base is an arena-bench checkout that is not built \(no dist\/scenarios\)\n/,
  ],
  ['an invalid package.json', '{"name": ', /^Error: --against: .+base\/package\.json is not valid JSON: /],
  ['a package.json that is a directory', undefined, /^Error: --against: .+base\/package\.json is not a file\n/],
] as [string, string | undefined, RegExp][]) {
  test(`a base with ${what} is exit 2 naming it, not a crash`, async () => {
    const { base, runAgainst } = trees();
    if (manifest === undefined) mkdirSync(join(base, 'package.json'));
    else writeFileSync(join(base, 'package.json'), manifest);
    const { exitCode, stderr } = await runAgainst('message-buffering');
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, message);
  });
}

test('a scenario file only the head has is said to be missing from the base, before measuring', async () => {
  const { head, base, marker, runAgainst } = trees();
  writeFileSync(join(head, 'bench', 'new.scenario.mjs'), scenario({}));
  const { exitCode, stderr } = await runAgainst('bench/new.scenario.mjs');
  assert.equal(exitCode, 2, stderr);
  assert.equal(
    stderr,
    `Error: in the base (--against ${base}): no scenario file at bench/new.scenario.mjs\n` +
      '  a scenario file the head adds has nothing to be compared with yet: run it without --against, or name only files both trees have\n',
  );
  assert.equal(existsSync(marker), false, 'nothing was measured');
});

test('a base whose scenario has other parameters is refused before measuring: nothing would be compared', async () => {
  const { head, base, marker, runAgainst } = trees();
  writeFileSync(join(head, 'bench', 'p.scenario.mjs'), scenario({ messages: 10 }));
  writeFileSync(join(base, 'bench', 'p.scenario.mjs'), scenario({ items: 10 }));
  const { exitCode, stderr } = await runAgainst('bench/p.scenario.mjs');
  assert.equal(exitCode, 2, stderr);
  assert.equal(
    stderr,
    `Error: nothing would be compared: no case the head measures, in the modes it measures, is in the base (--against ${base})\n` +
      '  base: paired items=10 (heap, arena)\n  head: paired messages=10 (heap, arena)\n' +
      '  measure the same scenarios with the same parameters and modes in both trees\n',
  );
  assert.equal(existsSync(marker), false, 'nothing was measured');
  assert.equal(existsSync(join(head, 'r.json')), false, 'no result file');
});

test("the base's built-in scenarios load in a child: one that exits while it loads fails as a scenario (exit 3)", async () => {
  const { head, base, marker, runAgainst } = trees();
  // Two arena-bench checkouts whose built-in suite is one scenario; the base's exits as it loads.
  for (const [tree, top] of [
    [head, ''],
    [base, 'process.exit(0);\n'],
  ]) {
    writeFileSync(join(tree!, 'package.json'), '{"name": "arena-bench", "type": "module"}');
    mkdirSync(join(tree!, 'dist', 'scenarios'), { recursive: true });
    writeFileSync(join(tree!, 'dist', 'scenarios', 'exits.js'), `${top}${scenario({})}`);
  }
  const { exitCode, stderr } = await runAgainst('paired');
  assert.equal(exitCode, 3, stderr);
  assert.match(
    stderr,
    /^Error: in the base \(--against .+\): scenario file .+base\/dist\/scenarios\/exits\.js failed while it was loaded: a scenario must not call process\.exit \(it called process\.exit\(0\)\)\n/,
  );
  assert.equal(existsSync(marker), false, 'nothing was measured');
  assert.equal(existsSync(join(head, 'r.json')), false);
});
