#!/usr/bin/env node
// Measures, with the real tool on this machine, how much of the run-to-run noise each pairing design
// of `run --against` cancels (docs/statistics.md, "Same-process pairing"): for every case and mode of
// the suite, the standard deviation of a pair's ops/s log-ratio when both trees hold the same code.
//
//   node scripts/measure-pairing-noise.mjs [--pairs 12] [--per-round 4] [--scenarios all|a,b]
//        [--designs processes,shared,worker] [--out results/pairing-noise]
//
// A measurement that stops resumes from its --out: rounds whose files are there are read, not run.
// Designs: `processes`, a fresh process per run, base and head back to back (--pairing processes);
// `shared`, one process per pair, both trees in one V8 isolate (--isolation shared); `worker`, one
// process per pair, each tree in a Worker of its own (--isolation worker). The designs take turns,
// --per-round pairs each, in rotating order, so a slow spell of the machine falls on all of them.
// Also reported: the seconds a pair took (all modes of the suite), so the designs can be set against
// each other per minute: the pairs needed for a given interval grow with the square of the SD.
// Run it alone on the machine.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    pairs: { type: 'string', default: '12' },
    'per-round': { type: 'string', default: '4' },
    scenarios: { type: 'string', default: 'all' },
    designs: { type: 'string', default: 'processes,shared,worker' },
    out: { type: 'string', default: `results/pairing-noise-${new Date().toISOString().replace(/[:.]/g, '-')}` },
  },
  strict: true,
});
const DESIGN_FLAGS = {
  processes: ['--pairing', 'processes'],
  shared: ['--isolation', 'shared', '--budget', '24h'],
  worker: ['--isolation', 'worker', '--budget', '24h'],
};
const designs = options.designs.split(',');
for (const design of designs)
  if (!DESIGN_FLAGS[design]) throw new Error(`unknown design "${design}": ${Object.keys(DESIGN_FLAGS).join(', ')}`);
const perRound = Number(options['per-round']);
const rounds = Math.ceil(Number(options.pairs) / perRound);
const out = resolve(options.out);
mkdirSync(out, { recursive: true });
const log = (line) => {
  process.stdout.write(`${line}\n`);
  appendFileSync(join(out, 'log.txt'), `${line}\n`);
};

// Two private copies of the built tool: a rebuild in the working tree cannot disturb the measurement.
const repository = fileURLToPath(new URL('../', import.meta.url));
const trees = mkdtempSync(join(tmpdir(), 'arena-bench-pairing-noise-'));
for (const tree of ['base', 'head']) {
  for (const part of ['bin', 'dist', 'package.json', 'schema', 'scripts'])
    cpSync(join(repository, part), join(trees, tree, part), { recursive: true });
  symlinkSync(join(repository, 'node_modules'), join(trees, tree, 'node_modules'));
}
const head = join(trees, 'head');
const only = options.scenarios === 'all' ? {} : { ARENA_BENCH_SCENARIOS: options.scenarios };
const commit =
  spawnSync('git', ['describe', '--always', '--dirty'], { cwd: repository, encoding: 'utf8' }).stdout?.trim() ||
  'unknown';
log(`pairing noise: commit ${commit}, ${rounds} rounds of ${perRound} pairs per design (${designs.join(', ')})`);

// Every design's pair log-ratios per "case mode", and its seconds per pair.
const logRatios = Object.fromEntries(designs.map((design) => [design, {}]));
const seconds = Object.fromEntries(designs.map((design) => [design, 0]));
for (let round = 0; round < rounds; round++) {
  for (let j = 0; j < designs.length; j++) {
    const design = designs[(round + j) % designs.length];
    const file = join(out, design, `${round + 1}.json`);
    mkdirSync(join(out, design), { recursive: true });
    const timing = join(out, design, `${round + 1}.seconds`);
    let took = existsSync(timing) ? Number(readFileSync(timing, 'utf8')) : undefined;
    if (took === undefined) {
      const begun = Date.now();
      const ran = spawnSync(
        process.execPath,
        [
          join(head, 'bin', 'arena-bench.js'),
          'run',
          'scripts/inject.scenario.mjs',
          '--against',
          join(trees, 'base'),
          '--runs',
          String(perRound),
          '--max-runs',
          String(perRound),
          ...DESIGN_FLAGS[design],
          '--out',
          file,
        ],
        { cwd: head, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...only }, maxBuffer: 1 << 28 },
      );
      if (ran.status !== 0 && ran.status !== 1)
        throw new Error(`${design} exited ${ran.status}: ${ran.stderr.slice(-2000)}`);
      took = (Date.now() - begun) / 1000;
      // Written last: a round counts as measured only once both of its files are complete.
      writeFileSync(timing, String(took));
    }
    seconds[design] += took;
    const headFile = JSON.parse(readFileSync(file, 'utf8'));
    const baseFile = JSON.parse(readFileSync(join(out, design, `${round + 1}.base.json`), 'utf8'));
    for (const [index, entry] of headFile.scenarios.entries()) {
      for (const [mode, { runs }] of Object.entries(entry.modes ?? {})) {
        const baseRuns = new Map(baseFile.scenarios[index].modes[mode].runs.map((run) => [run.pair, run]));
        const key = `${entry.name} ${mode}`;
        logRatios[design][key] ??= [];
        for (const run of runs) {
          const partner = baseRuns.get(run.pair);
          if (partner) logRatios[design][key].push(Math.log(run.opsPerSec / partner.opsPerSec));
        }
      }
    }
    const load = loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
    log(`round ${round + 1}, ${design}: ${took.toFixed(0)} s, load ${load}`);
  }
}

const sd = (values) => {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
};
const keys = Object.keys(logRatios[designs[0]]);
const rows = keys.map(
  (key) => `| ${key} | ${designs.map((design) => (sd(logRatios[design][key]) * 100).toFixed(1)).join(' | ')} |`,
);
const pairs = rounds * perRound;
const table = [
  `| case and mode | ${designs.join(' | ')} |`,
  `| --- | ${designs.map(() => '--:').join(' | ')} |`,
  ...rows,
  `| median | ${designs.map((design) => (median(keys.map((key) => sd(logRatios[design][key]))) * 100).toFixed(1)).join(' | ')} |`,
  `| seconds a pair (whole suite) | ${designs.map((design) => (seconds[design] / pairs).toFixed(1)).join(' | ')} |`,
].join('\n');
log(`\nSD of a pair's ops/s log-ratio, unchanged code, in percent (${pairs} pairs per design):\n${table}`);
writeFileSync(join(out, 'log-ratios.json'), `${JSON.stringify({ commit, pairs, seconds, logRatios }, null, 2)}\n`);
rmSync(trees, { recursive: true, force: true });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
