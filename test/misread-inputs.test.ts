/** Inputs that are legal and were misread: paths with glob characters, commas or a trailing slash, odd names, huge shard counts. */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { shardOf } from '../src/plan/shard.js';
import { FIXTURES, runCli, temporaryDirectory } from './helpers.js';

const RESULT = join(FIXTURES, 'legacy-result.json');
/** Refused after the targets are loaded and before anything runs: which scenarios were loaded, without measuring. */
const LOAD_ONLY = ['--time', '200000'];
const scenario = (name: string, type = '') =>
  `export default { name: '${name}', modes: { heap: ()${type} => () => 1, arena: ()${type} => () => 1 } };\n`;

/** A project whose bench/ holds a.scenario.mjs beside files whose names are glob patterns. */
function project(): string {
  const directory = temporaryDirectory();
  mkdirSync(join(directory, 'bench', '(group)'), { recursive: true });
  mkdirSync(join(directory, 'what?'));
  writeFileSync(join(directory, 'bench', 'a.scenario.mjs'), scenario('same'));
  writeFileSync(join(directory, 'bench', '[ab].scenario.mjs'), scenario('same'));
  writeFileSync(join(directory, 'bench', '(group)', 'a.scenario.mjs'), scenario('grouped'));
  writeFileSync(join(directory, 'what?', 't.scenario.ts'), scenario('typed', ': (() => number)'));
  return directory;
}

for (const [target, name] of [
  ['./bench/[ab].scenario.mjs', 'same'],
  ['./bench/(group)/a.scenario.mjs', 'grouped'],
  ['./bench/(group)', 'grouped'],
]) {
  test(`an existing path is that file, not a glob: ${target}`, async () => {
    const { exitCode, stderr } = await runCli(['run', target, ...LOAD_ONLY], { cwd: project() });
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, new RegExp(`^Error: --timeout 120000 ms would end every run of ${name}:`));
  });
}

test('a target that is not a path is still a glob', async () => {
  const { exitCode, stderr } = await runCli(['run', 'bench/*.scenario.mjs', ...LOAD_ONLY], { cwd: project() });
  assert.equal(exitCode, 2, stderr);
  assert.match(stderr, /^Error: scenario "same" is selected twice: by .+ and by .+\n/);
});

test('a TypeScript file under a folder with ? in its name loads, or is refused saying why (tsx on Node 20)', async () => {
  const { exitCode, stderr } = await runCli(['run', 'what?/t.scenario.ts', ...LOAD_ONLY], { cwd: project() });
  assert.equal(exitCode, 2, stderr);
  const tsx = !(process.features as { typescript?: unknown }).typescript;
  assert.match(
    stderr,
    tsx
      ? /^Error: cannot load scenario file what\?\/t\.scenario\.ts: on Node\.js [\d.]+ TypeScript is compiled by tsx, which cannot load a file whose path holds "\?" or "#"\n {2}rename the folder or the file\n$/
      : /^Error: --timeout 120000 ms would end every run of typed:/,
  );
});

test('init refuses a name Node.js could not import, instead of printing a run command that fails', async () => {
  const directory = temporaryDirectory();
  const { exitCode, stdout, stderr } = await runCli(['init', 'a\\b.scenario.ts'], { cwd: directory });
  assert.equal(exitCode, 2, stdout + stderr);
  assert.equal(
    stderr,
    'Error: init will not write a\\b.scenario.ts: Node.js cannot import a file whose path holds a backslash\n  give a name without it\n',
  );
  assert.equal(existsSync(join(directory, 'a\\b.scenario.ts')), false);
});

test('--shard 1/1000000 takes the longest case, and slices past the cases are empty', () => {
  const ms = { a: 1, b: 3, c: 2 } as Record<string, number>;
  const items = Object.keys(ms);
  assert.deepEqual(
    shardOf(items, (item) => ms[item]!, 1, 1_000_000),
    ['b'],
  );
  assert.deepEqual(
    shardOf(items, (item) => ms[item]!, 3, 1_000_000),
    ['a'],
  );
  assert.deepEqual(
    shardOf(items, (item) => ms[item]!, 4, 1_000_000),
    [],
  );
  assert.deepEqual(
    shardOf(items, (item) => ms[item]!, 1_000_000, 1_000_000),
    [],
  );
});

test('--shard with a count past 2^53 is refused, naming the option', async () => {
  const { exitCode, stderr } = await runCli(['run', '--shard', '1/99999999999999999999']);
  assert.equal(exitCode, 2, stderr);
  assert.match(stderr, /--shard takes i\/n with 1 ≤ i ≤ n/);
});

test('a result file with a comma in its name is that file for compare and report', async () => {
  const directory = temporaryDirectory();
  copyFileSync(RESULT, join(directory, 'a,b.json'));
  const compared = await runCli(['compare', 'a,b.json', 'a,b.json'], { cwd: directory });
  assert.equal(compared.exitCode, 0, compared.stderr);
  const reported = await runCli(['report', 'a,b.json', '--out', 'r.html'], { cwd: directory });
  assert.equal(reported.exitCode, 0, reported.stderr);
  assert.ok(existsSync(join(directory, 'r.html')));
});

test('--out newdir/ is refused before measuring: it names a folder, not a file', async () => {
  const directory = temporaryDirectory();
  const marker = join(directory, 'measured');
  const { exitCode, stderr } = await runCli(['run', join(FIXTURES, 'marker.mjs'), '--out', 'newdir/'], {
    cwd: directory,
    env: { FIXTURE_MARKER: marker },
  });
  assert.equal(exitCode, 2, stderr);
  assert.equal(
    stderr,
    'Error: --out newdir/: it ends in a slash, so it names a folder\n  give --out the path of a file in that folder\n',
  );
  assert.equal(existsSync(marker), false, 'no mode was set up');
  assert.equal(existsSync(join(directory, 'newdir')), false);
});

test('a mode named __proto__ is refused with its name, not misreported as non-deterministic', async () => {
  const directory = temporaryDirectory();
  writeFileSync(
    join(directory, 'proto.mjs'),
    "export default { name: 'proto', modes: { heap: () => () => 1, ['__proto__']: () => () => 1 } };\n",
  );
  const { exitCode, stderr } = await runCli(['run', 'proto.mjs', ...LOAD_ONLY], { cwd: directory });
  assert.equal(exitCode, 2, stderr);
  assert.match(
    stderr,
    /^Error: proto\.mjs does not export a valid scenario: "proto"\.modes\.__proto__: a name JavaScript objects cannot hold as a key; rename it\n/,
  );
});
