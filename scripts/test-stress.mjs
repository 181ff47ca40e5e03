#!/usr/bin/env node
// Runs the whole test suite again and again, first on its own and then beside a CPU-bound neighbour
// that this script starts and stops, and counts failures per test: a test that fails one run in
// twenty shows here long before it fails someone's pull request.
//
//   npm run test:stress                          20 runs alone, then 10 beside a busy neighbour
//   npm run test:stress -- --idle 5 --busy 0     fewer runs
//   npm run test:stress -- --logs /tmp/stress    keep the output of every failed run there
//
// It runs the built tests (dist/test/) exactly as `npm test` does after its build, and builds once first.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    idle: { type: 'string', default: '20' },
    busy: { type: 'string', default: '10' },
    logs: { type: 'string' },
  },
});
const counts = { idle: wholeNumber('--idle', values.idle), busy: wholeNumber('--busy', values.busy) };

function wholeNumber(option, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`Error: ${option} takes a whole number of runs (0 or more), not "${text}"`);
    process.exit(2);
  }
  return value;
}

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** One run of the suite, as `npm test` runs it; resolves to the names of the tests that failed. */
function runSuite() {
  return new Promise((resolve) => {
    const files = readdirSync('dist/test')
      .filter((name) => name.endsWith('.test.js'))
      .map((name) => join('dist/test', name));
    const child = spawn(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=tap', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const failed = [...output.matchAll(/^\s*not ok \d+ - (.*?)(?: # .*)?$/gm)].map((match) => match[1]);
      // A non-zero exit with no failing test named (a file that crashed on load) still counts.
      if (code !== 0 && failed.length === 0)
        failed.push(`(the test runner exited ${code} without naming a failing test)`);
      resolve({ failed, output });
    });
  });
}

/** A process that keeps one core busy until it is killed: the "other CI job" on a shared machine. */
function startNeighbour() {
  return spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random());'], { stdio: 'ignore' });
}

const failures = new Map();
const tally = [];
for (const [phase, runs] of Object.entries(counts)) {
  if (runs === 0) continue;
  const neighbour = phase === 'busy' ? startNeighbour() : undefined;
  let failedRuns = 0;
  const started = Date.now();
  try {
    for (let run = 1; run <= runs; run++) {
      const runStarted = Date.now();
      const { failed, output } = await runSuite();
      const seconds = ((Date.now() - runStarted) / 1000).toFixed(0);
      console.log(
        `${phase} run ${run}/${runs}: ${failed.length === 0 ? 'passed' : `${failed.length} failed`} in ${seconds} s`,
      );
      if (failed.length === 0) continue;
      failedRuns++;
      for (const name of failed) {
        const key = `${phase}: ${name}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
        console.log(`  not ok: ${name}`);
      }
      if (values.logs) {
        mkdirSync(values.logs, { recursive: true });
        writeFileSync(join(values.logs, `${phase}-${run}.tap`), output);
      }
    }
  } finally {
    neighbour?.kill();
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  tally.push(
    `${phase}${phase === 'busy' ? ' (one CPU-bound neighbour)' : ''}: ${failedRuns} of ${runs} runs failed, ${minutes} min`,
  );
}

console.log(`\n${tally.join('\n')}`);
if (failures.size > 0) {
  console.log('\nfailures per test:');
  for (const [name, count] of [...failures].sort((a, b) => b[1] - a[1])) console.log(`  ${count}× ${name}`);
}
process.exit(failures.size > 0 ? 1 : 0);
