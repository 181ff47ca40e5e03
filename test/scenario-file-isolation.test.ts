/**
 * A scenario file's top-level code runs in a child process, under the watchdog and --timeout every
 * job has: nothing it does while it loads reaches arena-bench's own process.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readValidResult, runCli, temporaryDirectory } from './helpers.js';

const PAIR = "export default { name: 'loads', modes: { heap: () => () => 1, arena: () => () => 1 } };\n";
const TINY = ['--runs', '1', '--time', '20', '--warmup', '0'];

/** A folder holding file.mjs: `top` at its top level, then a valid scenario. */
function scenarioFile(top: string): string {
  const directory = temporaryDirectory();
  writeFileSync(join(directory, 'file.mjs'), `${top}\n${PAIR}`);
  return directory;
}

for (const [top, message] of [
  [
    'process.exit(0);',
    /^Error: scenario file \.\/file\.mjs failed while it was loaded: a scenario must not call process\.exit \(it called process\.exit\(0\)\)\n/,
  ],
  [
    'process.exit(1);',
    /^Error: scenario file \.\/file\.mjs failed while it was loaded: a scenario must not call process\.exit \(it called process\.exit\(1\)\)\n/,
  ],
  [
    'process.exitCode = 1;',
    /^Error: scenario file \.\/file\.mjs failed while it was loaded: the scenario set process\.exitCode to 1/,
  ],
  [
    'await new Promise(() => {});',
    /^Error: scenario file \.\/file\.mjs did not finish loading within --timeout 5000 ms\n {2}does its top-level code await something that never settles\?/,
  ],
  [
    'await new Promise((resolve) => setTimeout(resolve, 1e9));',
    /^Error: scenario file \.\/file\.mjs did not finish loading within --timeout 5000 ms\n/,
  ],
] as [string, RegExp][]) {
  test(`a file that does ${top} while it loads fails as a scenario (exit 3), before anything is measured`, async () => {
    const directory = scenarioFile(top);
    const { exitCode, stdout, stderr } = await runCli(
      ['run', './file.mjs', ...TINY, '--timeout', '5000', '--out', 'r.json'],
      {
        cwd: directory,
      },
    );
    assert.equal(exitCode, 3, stdout + stderr);
    assert.match(stderr, message);
    assert.equal(existsSync(join(directory, 'r.json')), false);
  });
}

for (const top of [
  'setInterval(() => {}, 1000);',
  "import { createServer } from 'node:http';\ncreateServer().listen(0);",
]) {
  test(`a file that leaves ${top.includes('http') ? 'a server listening' : 'a timer running'} still lets the run end`, {
    timeout: 60_000,
  }, async () => {
    const directory = scenarioFile(top);
    const { exitCode, stderr } = await runCli(['run', './file.mjs', ...TINY, '--out', 'r.json'], { cwd: directory });
    assert.equal(exitCode, 0, stderr);
    assert.equal(readValidResult(join(directory, 'r.json')).complete, true);
  });
}

test('console.log at the top level does not reach --reporter json on stdout', async () => {
  const directory = scenarioFile("console.log('not json');");
  const { exitCode, stdout, stderr } = await runCli(
    ['run', './file.mjs', ...TINY, '--reporter', 'json', '--out', 'r.json'],
    {
      cwd: directory,
    },
  );
  assert.equal(exitCode, 0, stderr);
  assert.deepEqual(JSON.parse(stdout), readValidResult(join(directory, 'r.json')));
});

test('process.chdir at the top level does not move where a relative --out is written', async () => {
  const directory = scenarioFile("process.chdir('/');");
  const { exitCode, stderr } = await runCli(['run', './file.mjs', ...TINY, '--out', 'r.json'], { cwd: directory });
  assert.equal(exitCode, 0, stderr);
  assert.ok(existsSync(join(directory, 'r.json')), stderr);
});

test('a file that is not a scenario file is still exit 2, naming it', async () => {
  const directory = scenarioFile('');
  writeFileSync(join(directory, 'none.mjs'), 'export const x = 1;\n');
  const { exitCode, stderr } = await runCli(['run', './none.mjs', ...TINY, '--out', 'r.json'], { cwd: directory });
  assert.equal(exitCode, 2, stderr);
  assert.match(stderr, /^Error: \.\/none\.mjs has no default export\n/);
});

/** A folder holding file.mjs (a valid scenario) and arena-bench.config.mjs: `top`, then its settings. */
function configFile(top: string): string {
  const directory = scenarioFile('');
  writeFileSync(
    join(directory, 'arena-bench.config.mjs'),
    `${top}\nexport default { targets: ['./file.mjs'], runs: 1, time: 20, warmup: 0 };\n`,
  );
  return directory;
}

for (const [top, message] of [
  [
    'process.exit(0);',
    /^Error: cannot read config file .*arena-bench\.config\.mjs: a config file must not call process\.exit \(it called process\.exit\(0\)\)/,
  ],
  [
    'await new Promise(() => {});',
    /^Error: config file .*arena-bench\.config\.mjs did not finish loading within --timeout 5000 ms\n/,
  ],
] as [string, RegExp][]) {
  test(`a config file that does ${top} while it loads is a usage error (exit 2), before anything is measured`, async () => {
    const directory = configFile(top);
    const { exitCode, stdout, stderr } = await runCli(['run', '--timeout', '5000', '--out', 'r.json'], {
      cwd: directory,
    });
    assert.equal(exitCode, 2, stdout + stderr);
    assert.match(stderr, message);
    assert.equal(existsSync(join(directory, 'r.json')), false);
  });
}

test("a config file's top-level code reaches neither stdout nor the working directory", async () => {
  const directory = configFile("console.log('not json');\nprocess.chdir('/');");
  const { exitCode, stdout, stderr } = await runCli(['run', '--reporter', 'json', '--out', 'r.json'], {
    cwd: directory,
  });
  assert.equal(exitCode, 0, stderr);
  const result = readValidResult(join(directory, 'r.json'));
  assert.deepEqual(JSON.parse(stdout), result);
  assert.equal(result.settings.runs, 1);
});
