/**
 * Every option value is checked against what the platform can do, before anything is measured:
 * a bad value is exit 2 with a message naming the option, never a timeout, a crash or a bug.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, runCli, temporaryDirectory } from './helpers.js';

const MARKER = join(FIXTURES, 'marker.mjs');
const RESULT = join(FIXTURES, 'legacy-result.json');

for (const [args, message] of [
  [['--timeout', '3000000000'], /--timeout takes at most 2147483647: the longest timer Node\.js can set/],
  [['--timeout', '2147483648'], /--timeout takes at most 2147483647/],
  [['--timeout', '1e400'], /--timeout takes a whole number of at least 1/],
  [['--runs', '1e8'], /--runs takes at most 1000: more take hours per scenario/],
  [['--runs', '-3'], /--runs takes a whole number of at least 1/],
  [['--time', '1e300'], /--time takes at most 2147483647/],
  [['--time', 'NaN'], /--time takes a whole number of at least 1/],
  [['--warmup', ''], /--warmup takes a whole number of at least 0/],
  [['--warmup', 'Infinity'], /--warmup takes a whole number of at least 0/],
  [['--timeline-points', '1e300'], /--timeline-points takes at most 9007199254740991/],
  [
    ['--time', '200000'],
    /Error: --timeout 120000 ms would end every run of fixture-marker: its warm-up and timed pass alone take 200000 ms/,
  ],
  [
    // Long enough for the scenario file to load in its child (under --timeout too) on a busy machine.
    ['--time', '9000', '--warmup', '2000', '--timeout', '10000'],
    /Error: --timeout 10000 ms would end every run of fixture-marker: .* 11000 ms/,
  ],
  [['--node', ''], /Error: --node "": an empty path/],
  [
    ['--node', '/bin/true'],
    /Error: --node \/bin\/true is not a Node\.js binary arena-bench can run: it exited without running the script/,
  ],
  [
    ['--node', '/bin/echo'],
    /Error: --node \/bin\/echo is not a Node\.js binary arena-bench can run: it printed "--[^"]*" instead of running the script/,
  ],
  [['--node', FIXTURES], /Error: --node .+fixtures is not a Node\.js binary arena-bench can run: .*EACCES/],
  [
    ['--v8-flags=--version'],
    /Error: --v8-flags "--version" cannot run a child on node v[\d.]+: it printed "v[\d.]+" instead of running the script/,
  ],
  [['--v8-flags=--help'], /Error: --v8-flags "--help" cannot run a child .*: it printed "Usage: node/],
  [['--v8-flags=--v8-options'], /Error: --v8-flags "--v8-options" cannot run a child .*instead of running the script/],
  [['--v8-flags=--prof-process'], /Error: --v8-flags "--prof-process" cannot run a child/],
  [['--v8-flags=--print'], /Error: --v8-flags "--print" cannot run a child/],
  [
    ['--v8-flags=--no-expose-gc'],
    /Error: --v8-flags "--no-expose-gc" cannot run a child .*: they take away the gc\(\) a child needs/,
  ],
  [
    ['--v8-flags', '--max-semi-space-size=4 --check'],
    /Error: --v8-flags "--max-semi-space-size=4 --check" cannot run a child/,
  ],
  [['--alpha', 'NaN'], /--alpha takes a probability between 0 and 1/],
  [['--threshold', 'Infinity'], /--threshold "Infinity": "Infinity" is not a percentage of at least 0/],
] as [string[], RegExp][]) {
  test(`run ${args.join(' ')} is refused before anything is measured`, async () => {
    const directory = temporaryDirectory();
    const [out, marker] = [join(directory, 'r.json'), join(directory, 'measured')];
    const { exitCode, stderr } = await runCli(
      ['run', MARKER, '--runs', '1', '--time', '20', '--warmup', '0', ...args, '--out', out],
      { env: { FIXTURE_MARKER: marker } },
    );
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, message);
    assert.equal(existsSync(marker), false, 'no mode was set up');
    assert.equal(existsSync(out), false, 'no result file');
  });
}

test('a config file value goes through the same check as the option', async () => {
  const directory = temporaryDirectory();
  writeFileSync(join(directory, 'c.json'), JSON.stringify({ targets: [MARKER], timeout: 3000000000 }));
  const { exitCode, stderr } = await runCli([
    'run',
    '--config',
    join(directory, 'c.json'),
    '--out',
    join(directory, 'r.json'),
  ]);
  assert.equal(exitCode, 2, stderr);
  assert.match(stderr, /--timeout takes at most 2147483647/);
});

for (const args of [
  ['compare', RESULT, RESULT, '--alpha', '0'],
  ['compare', RESULT, RESULT, '--threshold', '-1'],
  ['compare', RESULT, RESULT, '--threshold', 'opsPerSec='],
  ['compare', '--pairs', ':x.json'],
  ['report', RESULT, '--alpha', 'Infinity'],
  ['export', RESULT, '--format', 'nope'],
]) {
  test(`${args[0]} ${args.slice(3).join(' ') || args.slice(1).join(' ')}: exit 2 naming the option`, async () => {
    const { exitCode, stderr } = await runCli(args);
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, /--alpha|--threshold|--pairs|--format/);
  });
}
