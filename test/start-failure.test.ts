/** Whatever stops the program from loading is exit 4 with what to do, never Node.js's exit 1, which reads as a regression. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, childEnv, REPOSITORY, temporaryDirectory } from './helpers.js';

test('a checkout without dist/ (npm ci --ignore-scripts) exits 4 and says to build', () => {
  const checkout = temporaryDirectory();
  mkdirSync(join(checkout, 'bin'));
  copyFileSync(BIN, join(checkout, 'bin', 'arena-bench.js'));
  copyFileSync(join(REPOSITORY, 'package.json'), join(checkout, 'package.json'));
  const done = spawnSync(process.execPath, [join(checkout, 'bin', 'arena-bench.js'), 'list'], {
    env: childEnv(),
    encoding: 'utf8',
  });
  assert.equal(done.status, 4, done.stderr);
  assert.equal(
    done.stderr,
    `arena-bench cannot start: its compiled files are missing from ${checkout}/dist (installed with --ignore-scripts?)\n` +
      `  build them: cd "${checkout}/" && npm run build; or reinstall arena-bench without --ignore-scripts\n`,
  );
});

test('too few file descriptors to load its modules (ulimit -n 32) exits 4 and says to raise the limit', () => {
  const done = spawnSync('bash', ['-c', 'ulimit -n 32 && exec "$0" "$1" list', process.execPath, BIN], {
    env: childEnv(),
    encoding: 'utf8',
  });
  assert.equal(done.status, 4, done.stderr);
  assert.match(
    done.stderr,
    /^arena-bench cannot start: it could not open its own modules \((EMFILE|ERR_MODULE_NOT_FOUND)\): too many open files\?\n {2}raise the limit on open files \(ulimit -n 4096\) and run it again\n$/,
  );
});
