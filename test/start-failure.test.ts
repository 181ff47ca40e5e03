/** Whatever stops the program from loading is exit 4 with what to do, never Node.js's exit 1, which reads as a regression. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { BIN, childEnv, FIXTURES, REPOSITORY, temporaryDirectory } from './helpers.js';

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

// A real `ulimit -n` cannot stand in for this: Node.js 22 and later read modules one at a time, so a
// limit that lets Node.js start lets the program load, and on Node.js 20 the outcome depends on timing.
for (const code of ['EMFILE', 'ERR_MODULE_NOT_FOUND'])
  test(`modules that cannot be opened (${code}, as when file descriptors run out) exit 4 and say to raise the limit`, () => {
    const done = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(join(FIXTURES, 'cannot-open-modules.mjs')).href, BIN, 'list'],
      { env: childEnv({ CANNOT_OPEN_AS: code }), encoding: 'utf8' },
    );
    assert.equal(done.status, 4, done.stderr);
    assert.equal(
      done.stderr,
      `arena-bench cannot start: it could not open its own modules (${code}): too many open files?\n` +
        '  raise the limit on open files (ulimit -n 4096) and run it again\n',
    );
  });
