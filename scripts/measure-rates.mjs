#!/usr/bin/env node
// Measures, with the real tool on this machine, how often `arena-bench compare` raises a false
// alarm on unchanged code and how often it finds an injected regression (docs/statistics.md, "Measured
// error rates"). It runs the CI recipe: per comparison, `--sessions` sessions of each side, interleaved.
//
//   node scripts/measure-rates.mjs [--scenarios all|a,b,c] [--comparisons 20] [--detections 10]
//        [--sessions 5] [--runs 2] [--time 300] [--warmup 100] [--slowdown 0.15] [--allocation 0.10]
//        [--out results/rates] [--no-snapshot]
//   node scripts/measure-rates.mjs --reanalyse results/rates    (count a measurement of this script's again,
//                                                                with this build's compare)
//   node scripts/measure-rates.mjs --paired [--scenarios …] [--comparisons 20] [--detections 10]
//        [--slowdowns 0.05,0.10] [--allocation 0.10] [--runs n --time ms --warmup ms --precision p --max-runs n]
//        [--pairing same-process|processes --isolation shared|worker --slice ms --budget 6m]
//        [--out results/rates-paired]     (an --out of an earlier measurement resumes it, and counts its
//                                          finished comparisons again with this build's compare)
//   node scripts/measure-rates.mjs --paired --reanalyse results/rates-paired [--pairs 8]
//        (count its finished comparisons again; --pairs as if each case had stopped at that many pairs,
//         which is what --max-runs gives when no case reaches --precision sooner)
//
// --paired measures `run --against` instead: per comparison one invocation of the suite, a head
// tree against a base tree (two private copies of the built tool). --comparisons of unchanged code
// count false alarms; for each of --slowdowns, --detections more comparisons slow one scenario's heap
// mode in the head by that much, and those of the last slowdown also add --allocation to another
// scenario's heap mode. Counted as below. Run settings are run --against's defaults unless given.
//
// Comparison i runs rounds of sessions A, B (unchanged code) and, for the first --detections, C, in
// rotating order. In C one scenario's heap mode does 15% less per second (more of its own work per
// operation) and another's allocates 10% more per operation. Then: A vs B counts a false alarm if
// anything regressed (and so does the first session of A against the first of B, as one file
// against another); A vs C counts a detection of the slowdown if the slowed scenario's ops/s or CPU
// time per op regressed, and of the allocation if the other's allocated bytes per op did. Both targets
// rotate over the scenarios. The built tool is copied to a temporary directory first, so a rebuild in
// the working tree cannot disturb a long measurement.
// Takes about (comparisons × 2 + detections) × sessions × scenarios × (1 + 2 × runs) jobs of
// (time + warmup + ~300 ms): about 110 minutes for the nine-scenario suite on a 2-core machine. Run it
// alone on the machine: other processes are noise it will measure.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
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
    scenarios: { type: 'string', default: 'all' },
    comparisons: { type: 'string', default: '20' },
    detections: { type: 'string', default: '10' },
    sessions: { type: 'string', default: '5' },
    runs: { type: 'string', default: '2' },
    time: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '100' },
    slowdown: { type: 'string', default: '0.15' },
    allocation: { type: 'string', default: '0.10' },
    out: { type: 'string', default: `results/rates-${new Date().toISOString().replace(/[:.]/g, '-')}` },
    'no-snapshot': { type: 'boolean', default: false },
    reanalyse: { type: 'string' },
    paired: { type: 'boolean', default: false },
    slowdowns: { type: 'string', default: '0.05,0.10' },
    precision: { type: 'string' },
    'max-runs': { type: 'string' },
    pairs: { type: 'string' },
    pairing: { type: 'string' },
    isolation: { type: 'string' },
    slice: { type: 'string' },
    budget: { type: 'string' },
  },
  strict: true,
});
const given = (name) => process.argv.some((argument) => argument === `--${name}` || argument.startsWith(`--${name}=`));
let scenarios = options.scenarios === 'all' ? undefined : options.scenarios.split(',');
const comparisons = Number(options.comparisons);
// Sessions measure a comparison's detections beside its unchanged sides, so there are at most as many;
// --paired measures them as comparisons of their own, after the unchanged ones.
const detections = options.paired ? Number(options.detections) : Math.min(Number(options.detections), comparisons);
const sessions = Number(options.sessions);
const slowdown = Number(options.slowdown);
const allocation = Number(options.allocation);
const out = resolve(options.reanalyse ?? options.out);
mkdirSync(out, { recursive: true });
// A paired reanalysis cut to fewer pairs writes beside the measurement, named by its pair count.
const reanalysisName = `reanalysis${options.pairs ? `-pairs-${options.pairs}` : ''}`;
const logPath = join(out, options.reanalyse ? `${reanalysisName}.txt` : 'log.txt');
const log = (line) => {
  process.stdout.write(`${line}\n`);
  appendFileSync(logPath, `${line}\n`);
};

// A private copy of the built tool.
const repository = fileURLToPath(new URL('../', import.meta.url));
let root = repository;
if (!options['no-snapshot'] && !options.reanalyse && !options.paired) {
  root = mkdtempSync(join(tmpdir(), 'arena-bench-rates-'));
  for (const part of ['bin', 'dist', 'package.json', 'schema', 'scripts'])
    cpSync(join(repository, part), join(root, part), { recursive: true });
  symlinkSync(join(repository, 'node_modules'), join(root, 'node_modules'));
}
const bin = join(root, 'bin', 'arena-bench.js');
const suite = join(root, 'scripts', 'inject.scenario.mjs');
const settings = ['--runs', options.runs, '--time', options.time, '--warmup', options.warmup];

function cli(args, env = {}) {
  const only = scenarios && options.scenarios !== 'all' ? { ARENA_BENCH_SCENARIOS: scenarios.join(',') } : {};
  const child = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...only, ...env },
    maxBuffer: 1 << 28,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

function session(file, inject) {
  const { code, stderr } = cli(
    ['run', suite, ...settings, '--reporter', 'json', '--out', file],
    inject ? { ARENA_BENCH_INJECT: inject } : {},
  );
  if (code !== 0) throw new Error(`session ${file} exited ${code}: ${stderr.slice(-2000)}`);
}

function compare(baseline, current) {
  const { code, stdout, stderr } = cli(['compare', baseline, current, '--reporter', 'json']);
  if (code !== 0 && code !== 1) throw new Error(`compare ${baseline} ${current} exited ${code}: ${stderr}`);
  return JSON.parse(stdout);
}

const regressions = (comparison) =>
  comparison.pairs.flatMap((pair) =>
    pair.cases.flatMap((row) =>
      row.metrics
        // What fails the check: a regression of a metric that gates (files before the gate had no `gated`).
        .filter((m) => m.verdict === 'regressed' && m.gated !== false)
        .map((m) => `${row.key.name}/${row.mode}/${m.metric} ${(m.change * 100).toFixed(1)}%`),
    ),
  );
const heapMetric = (comparison, name, metric) => {
  const found = comparison.pairs[0].cases
    .find((row) => row.key.name === name && row.mode === 'heap')
    .metrics.find((m) => m.metric === metric);
  // A regression of a metric that does not gate fails no check, so it finds nothing.
  const verdict = found.verdict === 'regressed' && found.gated === false ? 'regressed (not gating)' : found.verdict;
  return { verdict, change: found.change, adjustedPValue: found.adjustedPValue };
};

/** Where comparison `index` (0-based) injects its slowdown and its allocation increase. */
function targets(index) {
  return {
    slowed: scenarios[index % scenarios.length],
    allocating: scenarios[(index + Math.ceil(scenarios.length / 2)) % scenarios.length],
  };
}

/** Compare the sessions of comparison `index` (0-based) and add what was found to the tally. */
function analyse(index, tally) {
  const side = (name) => join(out, `${index + 1}`, name);
  const nullFound = regressions(compare(side('A'), side('B')));
  tally.nullComparisons++;
  if (nullFound.length) tally.falseAlarms++;
  // The same sessions one against one, as `compare a.json b.json` or `run --baseline` would see them.
  const singleFound = regressions(compare(join(side('A'), '1.json'), join(side('B'), '1.json')));
  if (singleFound.length) tally.singleFalseAlarms++;
  const detail = { comparison: index + 1, falseAlarms: nullFound, singleSessionFalseAlarms: singleFound };
  if (existsSync(side('C'))) {
    const { slowed, allocating } = targets(index);
    tally.detections++;
    const changed = compare(side('A'), side('C'));
    // More work per operation shows as fewer ops/s and as more CPU time per op: either verdict is a detection.
    const opsPerSec = heapMetric(changed, slowed, 'opsPerSec');
    const cpuNsPerOp = heapMetric(changed, slowed, 'cpuNsPerOp');
    const allocated = heapMetric(changed, allocating, 'allocatedBytesPerOp');
    if (opsPerSec.verdict === 'regressed' || cpuNsPerOp.verdict === 'regressed') tally.slowFound++;
    if (allocated.verdict === 'regressed') tally.allocFound++;
    Object.assign(detail, {
      slowdown: { scenario: slowed, opsPerSec, cpuNsPerOp },
      allocation: { scenario: allocating, allocatedBytesPerOp: allocated },
      otherRegressions: regressions(changed).filter(
        (r) => !r.startsWith(`${slowed}/heap/`) && !r.startsWith(`${allocating}/heap/`),
      ),
    });
  }
  tally.details.push(detail);
  return detail;
}

function conclude(tally) {
  log(
    `false alarms: ${tally.falseAlarms} of ${tally.nullComparisons} comparisons of unchanged code ` +
      `(${tally.singleFalseAlarms} of ${tally.nullComparisons} comparing one session with one); ` +
      `${(slowdown * 100).toFixed(0)}% slowdown found in ${tally.slowFound} of ${tally.detections}; ` +
      `${(allocation * 100).toFixed(0)}% allocation increase found in ${tally.allocFound} of ${tally.detections}`,
  );
}

/** The counts of a measurement of interleaved sessions, all at zero. */
function sessionTally() {
  return {
    falseAlarms: 0,
    singleFalseAlarms: 0,
    nullComparisons: 0,
    slowFound: 0,
    allocFound: 0,
    detections: 0,
    details: [],
  };
}

if (options.reanalyse && options.paired) {
  // The finished comparisons of a paired measurement, counted again with this build's compare.
  const tally = pairedTally(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).scenarios);
  const finished = readdirSync(out)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(out, name, 'timing.json')))
    .sort((a, b) => a - b);
  for (const name of finished) log(`comparison ${name}: ${JSON.stringify(countPaired(bin, join(out, name), tally))}`);
  writeFileSync(join(out, `${reanalysisName}.json`), `${JSON.stringify(tally, null, 2)}\n`);
  concludePaired(tally);
  process.exit(0);
}

if (options.reanalyse) {
  // The same sessions, counted again, with the scenarios the measurement itself ran.
  const measured = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  scenarios = measured.scenarios;
  const tally = sessionTally();
  for (let i = 0; i < measured.details.length; i++) log(`comparison ${i + 1}: ${JSON.stringify(analyse(i, tally))}`);
  writeFileSync(join(out, 'reanalysis.json'), `${JSON.stringify(tally, null, 2)}\n`);
  conclude(tally);
  process.exit(0);
}

if (options.paired) {
  await measurePaired();
  process.exit(0);
}

// One clean calibration session: the heap mode's bytes per operation, to size the allocation injection.
const started = Date.now();
const calibration = join(out, 'calibration.json');
session(calibration);
const calibrated = JSON.parse(readFileSync(calibration, 'utf8')).scenarios;
scenarios ??= [...new Set(calibrated.map((scenario) => scenario.name))];
const bytesPerOp = Object.fromEntries(
  calibrated.map((scenario) => [scenario.name, scenario.modes.heap.summary.memory.allocatedBytesPerOp]),
);
log(
  `settings: ${settings.join(' ')}, ${sessions} sessions a side, scenarios ${scenarios.join(', ')}; heap bytes/op ${JSON.stringify(bytesPerOp)}`,
);

const tally = { scenarios, ...sessionTally() };
for (let i = 0; i < comparisons; i++) {
  const sides = { A: undefined, B: undefined };
  if (i < detections) {
    const { slowed, allocating } = targets(i);
    sides.C = `${slowed}:heap:slowdown:${slowdown},${allocating}:heap:allocate:${Math.round(bytesPerOp[allocating] * allocation)}`;
  }
  const names = Object.keys(sides);
  for (const name of names) mkdirSync(join(out, `${i + 1}`, name), { recursive: true });
  for (let round = 0; round < sessions; round++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(round + j) % names.length];
      session(join(out, `${i + 1}`, name, `${round + 1}.json`), sides[name]);
    }
  }
  const detail = analyse(i, tally);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  log(`[${minutes} min] comparison ${i + 1}: ${JSON.stringify(detail)}`);
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(tally, null, 2)}\n`);
}

conclude(tally);
if (!options['no-snapshot']) rmSync(root, { recursive: true, force: true });

/** A private copy of the built tool at `path`: a tree `run --against` can measure. */
function copyTool(path) {
  mkdirSync(path, { recursive: true });
  for (const part of ['bin', 'dist', 'package.json', 'schema', 'scripts'])
    cpSync(join(repository, part), join(path, part), { recursive: true });
  symlinkSync(join(repository, 'node_modules'), join(path, 'node_modules'));
}

/** `--paired`: per comparison one `run --against` of the suite, the injection in the head tree only. */
async function measurePaired() {
  const trees = mkdtempSync(join(tmpdir(), 'arena-bench-rates-paired-'));
  const base = join(trees, 'base');
  const head = join(trees, 'head');
  copyTool(base);
  copyTool(head);
  const only = scenarios ? { ARENA_BENCH_SCENARIOS: scenarios.join(',') } : {};
  const pass = ['runs', 'time', 'warmup', 'precision', 'max-runs', 'pairing', 'isolation', 'slice', 'budget']
    .filter(given)
    .flatMap((name) => [`--${name}`, options[name]]);
  const run = (args) =>
    spawnSync(process.execPath, [join(head, 'bin', 'arena-bench.js'), 'run', 'scripts/inject.scenario.mjs', ...args], {
      cwd: head,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...only },
      maxBuffer: 1 << 28,
    });
  const started = Date.now();
  // Given an --out of an earlier measurement, it goes on where that one stopped: its calibration and
  // its finished comparisons are kept (and counted again), the rest are measured.
  const calibration = join(out, 'calibration.json');
  const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
  const calibrationDone = (file) =>
    file?.complete === true && file.scenarios.every((scenario) => scenario.status === 'ok');
  if (!calibrationDone(readJson(calibration))) {
    const calibrated = run(['--quick', '--out', calibration, '--reporter', 'json']);
    if (calibrated.status !== 0)
      throw new Error(`calibration exited ${calibrated.status}: ${calibrated.stderr.slice(-2000)}`);
  }
  const measured = JSON.parse(readFileSync(calibration, 'utf8')).scenarios;
  scenarios ??= [...new Set(measured.map((scenario) => scenario.name))];
  const bytesPerOp = Object.fromEntries(
    measured.map((scenario) => [scenario.name, scenario.modes.heap.summary.memory.allocatedBytesPerOp]),
  );
  const slowdowns = options.slowdowns.split(',').map(Number);
  const commit =
    spawnSync('git', ['describe', '--always', '--dirty'], { cwd: repository, encoding: 'utf8' }).stdout?.trim() ||
    'unknown';
  log(
    `paired: commit ${commit}, settings ${pass.join(' ') || "run --against's defaults"}, scenarios ${scenarios.join(', ')}; heap bytes/op ${JSON.stringify(bytesPerOp)}`,
  );

  // Unchanged code first, then each slowdown's detections; the targets rotate over the scenarios.
  const plan = [
    ...Array.from({ length: comparisons }, () => ({})),
    ...slowdowns.flatMap((slowdown, s) =>
      Array.from({ length: detections }, (_, i) => ({ slowdown, index: i, allocate: s === slowdowns.length - 1 })),
    ),
  ];
  const tally = pairedTally(scenarios);
  for (const [number, entry] of plan.entries()) {
    const { slowed, allocating } = entry.slowdown === undefined ? {} : targets(entry.index);
    const injection =
      entry.slowdown === undefined
        ? ''
        : [
            `${slowed}:heap:slowdown:${entry.slowdown}`,
            ...(entry.allocate
              ? [`${allocating}:heap:allocate:${Math.round(bytesPerOp[allocating] * allocation)}`]
              : []),
          ].join(',');
    const injectionFile = join(head, 'scripts', 'inject.txt');
    if (injection) writeFileSync(injectionFile, injection);
    else rmSync(injectionFile, { force: true });
    const file = join(out, `${number + 1}`, 'r.json');
    const begun = Date.now();
    // What was measured, by which commit, how long it took and the machine's 1, 5 and 15 min load
    // averages as it ended (above about 1: another process ran), kept beside its files: a measurement
    // that resumes keeps a finished comparison only if it was this one.
    const timing = join(out, `${number + 1}`, 'timing.json');
    const earlier = readJson(timing);
    const kept = earlier && readJson(file)?.complete === true;
    if (kept && (earlier.injection !== injection || earlier.settings.join(' ') !== pass.join(' '))) {
      throw new Error(
        `comparison ${number + 1} in ${out} measured ${earlier.injection || 'unchanged code'} with settings "${earlier.settings.join(' ')}"; ` +
          `this measurement asks for ${injection || 'unchanged code'} with "${pass.join(' ')}": give another --out, or the same options`,
      );
    }
    if (kept) {
      log(`comparison ${number + 1}: kept from the earlier measurement (commit ${earlier.commit})`);
    } else {
      const ran = run(['--against', base, '--out', file, ...pass]);
      if (ran.status !== 0 && ran.status !== 1)
        throw new Error(`comparison ${number + 1} exited ${ran.status}: ${ran.stderr.slice(-2000)}`);
      const load = loadavg().map((value) => Math.round(value * 100) / 100);
      const seconds = Math.round((Date.now() - begun) / 1000);
      writeFileSync(timing, JSON.stringify({ injection, settings: pass, commit, seconds, load }));
    }
    const detail = countPaired(join(head, 'bin', 'arena-bench.js'), join(out, `${number + 1}`), tally);
    log(`[${((Date.now() - started) / 60_000).toFixed(1)} min] comparison ${number + 1}: ${JSON.stringify(detail)}`);
    writeFileSync(join(out, 'summary.json'), `${JSON.stringify(tally, null, 2)}\n`);
  }
  concludePaired(tally);
  rmSync(trees, { recursive: true, force: true });
}

/** The counts of a `--paired` measurement, all at zero; slowdowns are counted by their amount. */
function pairedTally(measuredScenarios) {
  return {
    scenarios: measuredScenarios,
    paired: true,
    falseAlarms: 0,
    nullComparisons: 0,
    found: {},
    detections: {},
    allocFound: 0,
    allocDetections: 0,
    details: [],
  };
}

function concludePaired(tally) {
  const cut = options.pairs ? ` (each case cut to its first ${options.pairs} pairs)` : '';
  const counts = [
    `false alarms ${tally.falseAlarms} of ${tally.nullComparisons} comparisons of unchanged code`,
    ...Object.keys(tally.detections).map(
      (amount) =>
        `${Math.round(amount * 100)}% slowdown found in ${tally.found[amount]} of ${tally.detections[amount]}`,
    ),
    `${(allocation * 100).toFixed(0)}% allocation increase found in ${tally.allocFound} of ${tally.allocDetections}`,
  ];
  log(`paired${cut}: ${counts.join('; ')}`);
}

/**
 * The files of `directory` as if every case had stopped after its first `pairs` pairs: what
 * `--max-runs <pairs>` measures when no case reaches --precision sooner. Written to a temporary folder.
 */
function firstPairs(directory, pairs) {
  const cut = mkdtempSync(join(tmpdir(), 'arena-bench-rates-cut-'));
  for (const name of ['r.base.json', 'r.json']) {
    const file = JSON.parse(readFileSync(join(directory, name), 'utf8'));
    for (const scenario of file.scenarios)
      for (const mode of Object.values(scenario.modes ?? {}))
        mode.runs = mode.runs.filter((run) => run.pair === undefined || run.pair < pairs);
    writeFileSync(join(cut, name), JSON.stringify(file));
  }
  return cut;
}

/**
 * Compare one finished paired comparison, as a later `compare r.base.json r.json` sees it, and add
 * what was found to `tally`. What it injected is read from its timing.json
 * ("<scenario>:heap:slowdown:<fraction>" and "<scenario>:heap:allocate:<bytes>", comma-separated).
 */
function countPaired(tool, directory, tally) {
  const timing = JSON.parse(readFileSync(join(directory, 'timing.json'), 'utf8'));
  const files = options.pairs ? firstPairs(directory, Number(options.pairs)) : directory;
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    [tool, 'compare', join(files, 'r.base.json'), join(files, 'r.json'), '--reporter', 'json'],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  if (files !== directory) rmSync(files, { recursive: true, force: true });
  if (status !== 0 && status !== 1) throw new Error(`compare of ${directory} exited ${status}: ${stderr}`);
  const compared = JSON.parse(stdout);
  const found = regressions(compared);
  const detail = {
    comparison: Number(directory.split('/').at(-1)),
    commit: timing.commit,
    seconds: timing.seconds,
    load: timing.load,
    injection: timing.injection || null,
    regressions: found,
  };
  const injected = Object.fromEntries(
    (timing.injection ? timing.injection.split(',') : []).map((entry) => {
      const [scenario, , kind, amount] = entry.split(':');
      return [kind, { scenario, amount: Number(amount) }];
    }),
  );
  if (!injected.slowdown) {
    tally.nullComparisons++;
    if (found.length) tally.falseAlarms++;
  } else {
    const { scenario, amount } = injected.slowdown;
    const opsPerSec = heapMetric(compared, scenario, 'opsPerSec');
    const cpuNsPerOp = heapMetric(compared, scenario, 'cpuNsPerOp');
    tally.detections[amount] = (tally.detections[amount] ?? 0) + 1;
    tally.found[amount] ??= 0;
    if (opsPerSec.verdict === 'regressed' || cpuNsPerOp.verdict === 'regressed') tally.found[amount]++;
    detail.slowdown = { scenario, amount, opsPerSec, cpuNsPerOp };
  }
  if (injected.allocate) {
    const { scenario } = injected.allocate;
    tally.allocDetections++;
    const allocated = heapMetric(compared, scenario, 'allocatedBytesPerOp');
    if (allocated.verdict === 'regressed') tally.allocFound++;
    detail.allocation = { scenario, allocatedBytesPerOp: allocated };
  }
  tally.details.push(detail);
  return detail;
}
