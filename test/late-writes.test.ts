/**
 * Every path a run writes is checked at the door, heap profiles included, and names a file system
 * takes are never made too long on the way; a write that still fails late keeps what was measured
 * and exits 2 with the real reason.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { UserError } from '../src/errors.js';
import { writeFileAtomic } from '../src/results/write-file-atomic.js';
import { FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

const MARKER = join(FIXTURES, 'marker.mjs');
const TINY = ['--runs', '1', '--time', '20', '--warmup', '0'];
/** A result file name of `bytes` bytes in all. */
const named = (bytes: number) => `${'r'.repeat(bytes - '.json'.length)}.json`;

test('an --out name of 250 bytes is written: the temporary name beside it is cut to fit', async () => {
  const directory = temporaryDirectory();
  const { exitCode, stderr } = await runCli(['run', MARKER, ...TINY, '--out', named(250)], { cwd: directory });
  assert.equal(exitCode, 0, stderr);
  assert.deepEqual(readdirSync(directory), [named(250)]);
});

for (const [what, args, message] of [
  [
    'an --out name longer than 255 bytes',
    ['--out', named(256)],
    /^Error: --out r+\.json: its name is 256 bytes long, and file systems take at most 255\n {2}give a shorter name\n$/,
  ],
  [
    'a heap profiles folder whose name would be too long',
    ['--alloc-profile', '--out', named(250)],
    /^Error: --alloc-profile's heap profiles .+r\.heapprofiles: its name is 258 bytes long, and file systems take at most 255\n/,
  ],
  [
    'a file where the heap profiles folder goes',
    ['--alloc-profile', '--out', 'taken.json'],
    /^Error: --alloc-profile's heap profiles .+taken\.heapprofiles: it is a file, where a folder is needed\n {2}move that file, or give --out another path\n$/,
  ],
] as [string, string[], RegExp][]) {
  test(`${what} is refused before anything is measured`, async () => {
    const directory = temporaryDirectory();
    writeFileSync(join(directory, 'taken.heapprofiles'), 'mine\n');
    const marker = join(directory, 'measured');
    const { exitCode, stderr } = await runCli(['run', MARKER, ...TINY, ...args], {
      cwd: directory,
      env: { FIXTURE_MARKER: marker },
    });
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, message);
    assert.equal(existsSync(marker), false, 'no mode was set up');
    assert.deepEqual(readdirSync(directory), ['taken.heapprofiles']);
  });
}

test('a heap profile named after a 300-character parameter value gets a name a file system takes', async () => {
  const directory = temporaryDirectory();
  writeFileSync(
    join(directory, 'long.mjs'),
    "export default { name: 'long', params: { label: 'x' }, modes: { heap: () => () => 1, arena: () => () => 1 } };\n",
  );
  const { exitCode, stderr } = await runCli(
    ['run', 'long.mjs', ...TINY, '--alloc-profile', '--param', `label=${'v'.repeat(300)}`, '--out', 'r.json'],
    { cwd: directory },
  );
  assert.equal(exitCode, 0, stderr);
  const profiles = readdirSync(join(directory, 'r.heapprofiles')).sort();
  // Each mode's allocation and survival profiles.
  assert.equal(profiles.length, 4);
  for (const profile of profiles) {
    assert.ok(Buffer.byteLength(profile) <= 255, profile);
    assert.match(profile, /^long\.label=v+~[0-9a-f]{12}\.heapprofile$/);
  }
  assert.equal(new Set(profiles).size, 4, 'each profile keeps its own name');
});

test('a heap profile that cannot be written after measuring keeps the result file and exits 2', async () => {
  const directory = temporaryDirectory();
  const marker = join(directory, 'measured');
  const running = runCli(['run', MARKER, ...TINY, '--alloc-profile', '--out', 'r.json'], {
    cwd: directory,
    env: { FIXTURE_MARKER: marker },
  });
  // Past the door and measuring: now a file takes the profiles' folder.
  while (!existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 5));
  writeFileSync(join(directory, 'r.heapprofiles'), 'in the way\n');
  const { exitCode, stderr } = await running;
  assert.equal(exitCode, 2, stderr);
  assert.match(
    stderr,
    /^Error: cannot write the heap profile to .+r\.heapprofiles\/fixture-marker\.\w+\.heapprofile: /,
  );
  const kept = readValidResult(join(directory, 'r.json'));
  assert.deepEqual(
    kept.scenarios.map((caseResult) => caseResult.name),
    ['fixture-marker'],
  );
});

test('writeFileAtomic to a name too long fails with the real reason, naming the file, and leaves nothing', async () => {
  const directory = temporaryDirectory();
  const path = join(directory, named(256));
  await assert.rejects(writeFileAtomic(path, 'text', { what: 'the result file' }), (error: unknown) => {
    assert.ok(error instanceof UserError, String(error));
    assert.equal(error.exitCode, 2);
    assert.ok(
      error.message.startsWith(`cannot write the result file to ${path}: ENAMETOOLONG: name too long`),
      error.message,
    );
    return true;
  });
  assert.deepEqual(readdirSync(directory), []);
});
