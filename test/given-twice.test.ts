/**
 * Whatever is given twice is refused, never counted twice: a result file on one side (by any name,
 * or as a copy) or in two pairs, a parameter value, a flag set, a runtime, a scenario, a case in a file.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { around, resultFile } from './fixtures/results.js';
import { FIXTURES, runCli, temporaryDirectory } from './helpers.js';

const BASE = join(FIXTURES, 'legacy-result.json');
const HEAD = join(FIXTURES, 'legacy-result-2.json');
const REFUSAL =
  /Error: .+ and .+ hold the same run \(started 2026-12-01T09:33:19\.029Z\): the same file twice, or a copy of it, would count its runs twice\n {2}give each result file once\n$/;

/** A folder holding head.json, and the other names the tests give it. */
function spellings(): { directory: string; head: string } {
  const directory = temporaryDirectory();
  mkdirSync(join(directory, 'dir'));
  const head = join(directory, 'dir', 'head.json');
  copyFileSync(HEAD, head);
  linkSync(head, join(directory, 'dir', 'hard-link.json'));
  return { directory, head };
}

for (const [name, current] of [
  ['the same path twice', () => `${HEAD},${HEAD}`],
  ['./x and ../dir/x', () => 'head.json,../dir/head.json'],
  ['a hard link', () => 'head.json,hard-link.json'],
  [
    'a copy in a directory side',
    ({ head }: { head: string }) => {
      copyFileSync(head, join(head, '..', 'copy.json'));
      return '.';
    },
  ],
] as [string, (files: { head: string }) => string][]) {
  test(`compare refuses one file given twice on a side: ${name} (exit 2)`, async () => {
    const files = spellings();
    const { exitCode, stdout, stderr } = await runCli(['compare', BASE, current(files)], {
      cwd: join(files.directory, 'dir'),
    });
    assert.equal(exitCode, 2, stdout + stderr);
    assert.match(stderr, REFUSAL);
    assert.equal(stdout, '');
  });
}

for (const [name, pairs] of [
  ['the same pair twice', (head: string) => [`${BASE}:${head}`, `${BASE}:${head}`]],
  [
    'one run in two pairs, as a copy and through a hard link',
    (head: string) => [`${BASE}:${head}`, `${HEAD}:../dir/hard-link.json`],
  ],
] as [string, (head: string) => string[]][]) {
  test(`compare --pairs refuses ${name} (exit 2)`, async () => {
    const files = spellings();
    const { exitCode, stdout, stderr } = await runCli(['compare', '--pairs', ...pairs(files.head)], {
      cwd: join(files.directory, 'dir'),
    });
    assert.equal(exitCode, 2, stdout + stderr);
    assert.match(
      stderr,
      /^Error: .+ and .+ hold the same run \(started [^)]+\), in pairs 1 and 2: it would count twice\n {2}give each result file in one pair only\n$/,
    );
    assert.equal(stdout, '');
  });
}

test('run --baseline x,x is refused before anything is measured', async () => {
  const directory = temporaryDirectory();
  const [out, marker] = [join(directory, 'r.json'), join(directory, 'measured')];
  const { exitCode, stderr } = await runCli(
    ['run', join(FIXTURES, 'marker.mjs'), '--runs', '1', '--out', out, '--baseline', `${HEAD},${HEAD}`],
    { env: { FIXTURE_MARKER: marker } },
  );
  assert.equal(exitCode, 2, stderr);
  assert.match(stderr, REFUSAL);
  assert.equal(existsSync(marker), false, 'no mode was set up');
  assert.equal(existsSync(out), false, 'no result file');
});

test('two sessions of one side are still pooled, and a file may be compared with itself', async () => {
  const pooled = await runCli(['compare', BASE, `${BASE},${HEAD}`]);
  assert.equal(pooled.exitCode, 0, pooled.stderr);
  const itself = await runCli(['compare', HEAD, HEAD]);
  assert.equal(itself.exitCode, 0, itself.stderr);
});

for (const [args, message] of [
  [
    ['message-buffering', '--param', 'messages=10,10'],
    'Error: --param messages=10,10 gives messages=10 twice\n  give each value once: each value is a case, and a case twice would be compared as two\n',
  ],
  [['message-buffering', '--param', 'messages=10,1e1'], 'Error: --param messages=10,1e1 gives messages=10 twice\n'],
  [
    ['message-buffering', '--v8-flags=--max-semi-space-size=4', '--v8-flags', ' --max-semi-space-size=4'],
    'Error: --v8-flags "--max-semi-space-size=4" is given twice\n  give each once: every case would run twice\n',
  ],
  [
    ['message-buffering', '--node', process.execPath, '--node', process.execPath],
    `Error: --node ${process.execPath} is given twice\n`,
  ],
  [
    ['message-buffering', 'message-buffering'],
    'Error: scenario "message-buffering" is selected twice: its built-in name is given twice\n',
  ],
  [
    [join(FIXTURES, 'marker.mjs'), 'test/fixtures/marker.mjs'],
    `Error: scenario "fixture-marker" is selected twice: by ${join(FIXTURES, 'marker.mjs')} and by test/fixtures/marker.mjs\n`,
  ],
] as [string[], string][]) {
  test(`run ${args.join(' ')} is refused before anything is measured`, async () => {
    const directory = temporaryDirectory();
    const [out, marker] = [join(directory, 'r.json'), join(directory, 'measured')];
    const { exitCode, stderr } = await runCli(['run', ...args, '--out', out], { env: { FIXTURE_MARKER: marker } });
    assert.equal(exitCode, 2, stderr);
    assert.ok(stderr.startsWith(message), stderr);
    assert.equal(existsSync(marker), false, 'no mode was set up');
    assert.equal(existsSync(out), false, 'no result file');
  });
}

test('a result file that holds a case twice is refused by compare, not compared twice', async () => {
  const directory = temporaryDirectory();
  const spec = { name: 'buffers', params: { messages: 10 }, modes: { heap: { opsPerSec: around(1000) } } };
  const twice = join(directory, 'twice.json');
  const once = join(directory, 'once.json');
  writeFileSync(twice, JSON.stringify(resultFile([spec, spec])));
  writeFileSync(once, JSON.stringify(resultFile([spec])));
  const { exitCode, stdout, stderr } = await runCli(['compare', twice, once]);
  assert.equal(exitCode, 2, stdout + stderr);
  assert.equal(
    stderr,
    `Error: ${twice} holds buffers {"messages":10} twice: each case is compared once\n  re-run it with each --param value given once\n`,
  );
});

test('a scenario whose params list one value twice is refused before anything is measured', async () => {
  const directory = temporaryDirectory();
  writeFileSync(
    join(directory, 'twice.mjs'),
    "export default { name: 'twice', params: { n: [10, 10] }, modes: { heap: () => () => 1, arena: () => () => 1 } };\n",
  );
  const { exitCode, stderr } = await runCli(['run', './twice.mjs', '--out', 'r.json'], { cwd: directory });
  assert.equal(exitCode, 2, stderr);
  assert.equal(
    stderr,
    'Error: twice lists n=10 twice in its params\n  give each value once: each value is a case, and a case twice would be compared as two\n',
  );
  assert.equal(existsSync(join(directory, 'r.json')), false);
});
