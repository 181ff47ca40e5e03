/** `compare`: matching, verdicts, the correction, pooling and the reporters, on result files built in code. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchmarkActionJson } from '../src/cli/commands/github-action-benchmark.js';
import { compareResults } from '../src/compare/compare.js';
import { canonicalJson } from '../src/compare/matching.js';
import { METRIC_NAMES, type MetricName } from '../src/compare/metrics.js';
import { type Comparison, DEFAULT_COMPARE_OPTIONS, findings } from '../src/compare/model.js';
import { poolResults } from '../src/compare/sessions.js';
import { methodNotes, nothingShown, throughputResolution } from '../src/reporters/document/comparison-words.js';
import { githubAnnotations } from '../src/reporters/github-annotations.js';
import { comparisonJson } from '../src/reporters/json.js';
import { comparisonMarkdown } from '../src/reporters/markdown/render.js';
import { comparisonTable } from '../src/reporters/terminal/render.js';
import type { ResultFile } from '../src/results/result.js';
import { around, type CaseSpec, resultFile } from './fixtures/results.js';

const HEAP = {
  opsPerSec: around(1000),
  cpuNsPerOp: around(1_000_000),
  allocatedBytesPerOp: around(10_000),
  retainedBytes: around(2_000_000),
  latencyP99Ns: around(50_000),
};
const ARENA = {
  opsPerSec: around(4000),
  cpuNsPerOp: around(250_000),
  retainedBytes: around(100_000),
  latencyP99Ns: around(10_000),
};

function compareFiles(
  baseline: ResultFile,
  current: ResultFile,
  options: Partial<typeof DEFAULT_COMPARE_OPTIONS> = {},
): Comparison {
  return compareResults(
    [{ baseline: { label: 'base.json', result: baseline }, current: { label: 'head.json', result: current } }],
    { ...DEFAULT_COMPARE_OPTIONS, ...options },
  );
}

function verdictOf(comparison: Comparison, scenario: string, mode: string, metric: MetricName) {
  const row = comparison.pairs[0]!.cases.find((entry) => entry.key.name === scenario && entry.mode === mode);
  return row!.metrics.find((entry) => entry.metric === metric)!;
}

const suite = (heap = HEAP, arena = ARENA): CaseSpec[] => [
  { name: 'buffers', params: { messages: 1000 }, modes: { heap, arena } },
];

test('identical files: every metric unchanged, nothing regressed; metrics zero in both sides are not tested', () => {
  const comparison = compareFiles(resultFile(suite()), resultFile(suite()));
  assert.deepEqual(comparison.counts, { regressed: 0, improved: 0, unchanged: 14, inconclusive: 0, 'not-compared': 0 });
  // heap: 5 metrics with values + 2 GC metrics zero in both; arena: 4 with values.
  assert.equal(comparison.method.tests, 9);
  assert.equal(verdictOf(comparison, 'buffers', 'heap', 'opsPerSec').reason, 'within the 8% threshold');
  assert.equal(verdictOf(comparison, 'buffers', 'arena', 'allocatedBytesPerOp').reason, 'zero in both');
  assert.equal(verdictOf(comparison, 'buffers', 'heap', 'opsPerSec').pValue, 1);
});

test('heap 40% slower: ops/s regressed, with the change, its interval and a Holm-adjusted p-value', () => {
  const comparison = compareFiles(resultFile(suite()), resultFile(suite({ ...HEAP, opsPerSec: around(600) })));
  const metric = verdictOf(comparison, 'buffers', 'heap', 'opsPerSec');
  assert.equal(metric.verdict, 'regressed');
  assert.equal(metric.reason, 'significant, beyond the 8% threshold');
  assert.ok(Math.abs(metric.change! + 0.4) < 1e-12, `change ${metric.change}`);
  assert.ok(
    metric.interval![0] < -0.4 && metric.interval![1] > -0.4 && metric.interval![1] < -0.3,
    `interval ${metric.interval}`,
  );
  assert.ok(
    metric.adjustedPValue! >= metric.pValue! && metric.adjustedPValue! < 0.001,
    `adjusted p ${metric.adjustedPValue}`,
  );
  assert.deepEqual(
    findings(comparison, ['regressed']).map(({ row, metric: m }) => `${row.key.name}/${row.mode}/${m.metric}`),
    ['buffers/heap/opsPerSec'],
  );
});

test('faster is improved, never a regression; a higher-is-worse metric going down is improved too', () => {
  const comparison = compareFiles(
    resultFile(suite()),
    resultFile(suite({ ...HEAP, opsPerSec: around(1500), allocatedBytesPerOp: around(5000) })),
  );
  assert.equal(verdictOf(comparison, 'buffers', 'heap', 'opsPerSec').verdict, 'improved');
  assert.equal(verdictOf(comparison, 'buffers', 'heap', 'allocatedBytesPerOp').verdict, 'improved');
  assert.equal(comparison.counts.regressed, 0);
});

test('a significant change inside the threshold is unchanged; so is any change below a raised threshold', () => {
  const base = resultFile(suite({ ...HEAP, allocatedBytesPerOp: [1000, 1000, 1000, 1000, 1000] }));
  const head = resultFile(suite({ ...HEAP, allocatedBytesPerOp: [1030, 1030, 1030, 1030, 1030] }));
  const small = verdictOf(compareFiles(base, head), 'buffers', 'heap', 'allocatedBytesPerOp');
  assert.equal(small.verdict, 'unchanged');
  assert.equal(small.reason, 'significant but within the 5% threshold');
  const slower = resultFile(suite({ ...HEAP, opsPerSec: around(600) }));
  const raised = compareFiles(resultFile(suite()), slower, {
    thresholds: { ...DEFAULT_COMPARE_OPTIONS.thresholds, opsPerSec: 50 },
  });
  assert.equal(verdictOf(raised, 'buffers', 'heap', 'opsPerSec').verdict, 'unchanged');
});

test('a large change that noise could explain is inconclusive, not a regression', () => {
  const noisy = { ...HEAP, opsPerSec: [500, 1500, 800, 1200, 1000] };
  const comparison = compareFiles(
    resultFile(suite(noisy)),
    resultFile(suite({ ...noisy, opsPerSec: noisy.opsPerSec.map((value) => value * 0.8) })),
  );
  const metric = verdictOf(comparison, 'buffers', 'heap', 'opsPerSec');
  assert.equal(metric.verdict, 'inconclusive');
  assert.equal(metric.reason, 'beyond the 8% threshold but not significant');
});

test('one run a side cannot be tested: a large change is inconclusive', () => {
  const one = (ops: number) =>
    resultFile([{ name: 'single', modes: { heap: { opsPerSec: [ops] }, arena: { opsPerSec: [ops] } } }]);
  const metric = verdictOf(compareFiles(one(1000), one(500)), 'single', 'heap', 'opsPerSec');
  assert.equal(metric.verdict, 'inconclusive');
  assert.equal(metric.pValue, null);
});

test('many tests at once: the same change is significant alone and not after Holm over 99 tests', () => {
  const shifted = { ...HEAP, opsPerSec: around(835) };
  const alone = verdictOf(
    compareFiles(resultFile(suite()), resultFile(suite(shifted))),
    'buffers',
    'heap',
    'opsPerSec',
  );
  const many = (heap: typeof HEAP): CaseSpec[] => [
    ...suite(heap),
    ...Array.from({ length: 10 }, (_, i) => ({ name: `other-${i}`, modes: { heap: HEAP, arena: ARENA } })),
  ];
  const crowded = compareFiles(resultFile(many(HEAP)), resultFile(many(shifted)), { gate: METRIC_NAMES });
  const found = verdictOf(crowded, 'buffers', 'heap', 'opsPerSec');
  assert.equal(alone.pValue, found.pValue, 'the raw p-value does not depend on the other tests');
  assert.equal(crowded.method.gatedTests, 99);
  assert.ok(
    alone.adjustedPValue! < 0.05 && found.adjustedPValue! >= 0.05,
    `adjusted ${alone.adjustedPValue} alone, ${found.adjustedPValue} among 99`,
  );
  assert.equal(alone.verdict, 'regressed');
  assert.equal(found.verdict, 'inconclusive');
});

test("the gate's family: ops/s corrected with allocation only (33 tests) is found where 99 gated tests lose it", () => {
  const shifted = { ...HEAP, opsPerSec: around(835), latencyP99Ns: around(250_000) };
  const many = (heap: typeof HEAP): CaseSpec[] => [
    ...suite(heap),
    ...Array.from({ length: 10 }, (_, i) => ({ name: `other-${i}`, modes: { heap: HEAP, arena: ARENA } })),
  ];
  const comparison = compareFiles(resultFile(many(HEAP)), resultFile(many(shifted)));
  assert.deepEqual(comparison.method.gate, ['opsPerSec', 'allocatedBytesPerOp']);
  // ops/s in 22 modes, allocation in the 11 heap modes (zero in both arena modes: not tested).
  assert.deepEqual([comparison.method.gatedTests, comparison.method.tests], [33, 99]);
  const ops = verdictOf(comparison, 'buffers', 'heap', 'opsPerSec');
  assert.deepEqual([ops.verdict, ops.gated], ['regressed', true]);
  const latency = verdictOf(comparison, 'buffers', 'heap', 'latencyP99Ns');
  assert.deepEqual([latency.verdict, latency.gated], ['regressed', false]);
  assert.deepEqual([comparison.counts.regressed, comparison.gatingRegressions], [2, 1]);
  // A regression outside the gate alone does not fail the check, and says so.
  const latencyOnly = compareFiles(resultFile(suite()), resultFile(suite({ ...HEAP, latencyP99Ns: around(250_000) })));
  assert.equal(latencyOnly.gatingRegressions, 0);
  const text = comparisonMarkdown(latencyOnly, { verbose: false });
  assert.equal(
    text.split('\n')[0],
    '### arena-bench: no regression (0 regressed, 1 regressed (not gating), 0 improved, 13 unchanged)',
  );
  assert.match(text, /\| latency p99 \|.*\| 🟠 regressed \(not gating\) \|/);
  assert.match(text, /Gate: ops\/s, allocated per op; other metrics reported, not gating\./);
  assert.match(
    githubAnnotations(latencyOnly),
    /^::warning title=arena-bench regression \(not gating\)%3A buffers heap latency p99::/,
  );
});

test('different runtimes: time metrics not compared, allocation still gates; --allow-env-mismatch compares them', () => {
  const head = resultFile(suite({ ...HEAP, opsPerSec: around(600), allocatedBytesPerOp: around(20_000) }), {
    node: 'v22.3.0',
    v8: '12.4',
  });
  const comparison = compareFiles(resultFile(suite()), head);
  assert.deepEqual(comparison.pairs[0]!.environmentDifferences, [
    'Node v20.20.2 → v22.3.0',
    'V8 11.3.244.8-node.33 → 12.4',
  ]);
  assert.equal(verdictOf(comparison, 'buffers', 'heap', 'opsPerSec').verdict, 'not-compared');
  assert.equal(verdictOf(comparison, 'buffers', 'heap', 'allocatedBytesPerOp').verdict, 'regressed');
  const insisted = compareFiles(resultFile(suite()), head, { allowEnvironmentMismatch: true });
  assert.equal(verdictOf(insisted, 'buffers', 'heap', 'opsPerSec').verdict, 'regressed');
});

test("a scenario's own run time is a settings difference when it changed; a file without it ran settings.timeMs", () => {
  const head = resultFile(suite());
  head.scenarios[0]!.timeMs = 1000;
  assert.deepEqual(compareFiles(resultFile(suite()), head).pairs[0]!.settingsDifferences, [
    'buffers: 500 → 1000 ms per run',
  ]);
  const same = resultFile(suite());
  same.scenarios[0]!.timeMs = 500;
  assert.deepEqual(compareFiles(resultFile(suite()), same).pairs[0]!.settingsDifferences, []);
  // --time changed, but the scenario ran its own minimum on both sides; one note per scenario, however many variants.
  const sweep = (timeMs: number) => {
    const file = resultFile([
      { name: 'buffers', params: { messages: 10 }, modes: { heap: HEAP } },
      { name: 'buffers', params: { messages: 20 }, modes: { heap: HEAP } },
    ]);
    file.settings.timeMs = timeMs;
    for (const caseResult of file.scenarios) caseResult.timeMs = 1000;
    return file;
  };
  assert.deepEqual(compareFiles(sweep(500), sweep(300)).pairs[0]!.settingsDifferences, [
    '500 → 300 ms per run',
    'buffers: 1000 ms per run on both sides',
  ]);
});

test('matching: params in any key order and a missing variant match; other params, variants and modes are listed', () => {
  const base = resultFile([
    { name: 'a', params: { x: 1, y: 'z' }, modes: { heap: HEAP, arena: ARENA } },
    { name: 'b', params: { n: 1 }, modes: { heap: HEAP, arena: ARENA } },
    { name: 'c', variant: { v8Flags: ['--max-semi-space-size=64'], node: null }, modes: { heap: HEAP, arena: ARENA } },
    { name: 'd', modes: { heap: HEAP, arena: ARENA } },
  ]);
  const head = resultFile([
    { name: 'a', params: { y: 'z', x: 1 }, variant: { v8Flags: [], node: null }, modes: { heap: HEAP, arena: ARENA } },
    { name: 'b', params: { n: 2 }, modes: { heap: HEAP, arena: ARENA } },
    { name: 'c', variant: { v8Flags: ['--max-semi-space-size=16'], node: null }, modes: { heap: HEAP, arena: ARENA } },
    { name: 'd', modes: { heap: HEAP, pool: ARENA } },
  ]);
  const sides = compareFiles(base, head).pairs[0]!;
  assert.deepEqual(
    sides.cases.map((row) => `${row.key.name}/${row.mode}`),
    ['a/heap', 'a/arena', 'd/heap'],
  );
  assert.deepEqual(
    sides.unmatched.map(
      (entry) =>
        `${entry.side}: ${entry.key.name} ${canonicalJson(entry.key.params)} ${canonicalJson(entry.key.variant)}${entry.mode ? ` mode ${entry.mode}` : ''}`,
    ),
    [
      'baseline: b {"n":1} {}',
      'baseline: c {} {"v8Flags":["--max-semi-space-size=64"]}',
      'baseline: d {} {} mode arena',
      'current: d {} {} mode pool',
      'current: b {"n":2} {}',
      'current: c {} {"v8Flags":["--max-semi-space-size=16"]}',
    ],
  );
});

test('a scenario that failed in the current file is reported, not compared', () => {
  const comparison = compareFiles(
    resultFile(suite()),
    resultFile([{ name: 'buffers', params: { messages: 1000 }, status: 'failed', error: 'threw: boom' }]),
  );
  assert.deepEqual(comparison.pairs[0]!.failed, [
    { key: { name: 'buffers', params: { messages: 1000 }, variant: {} }, side: 'current', error: 'threw: boom' },
  ]);
  assert.equal(comparison.pairs[0]!.cases.length, 0);
});

test('several sessions a side: each session gives its best run, as many runs per session counting on both sides', () => {
  // A disturbed run (500, 700, 400 …) does not count; the head's third run in one session does not either.
  const session = (label: string, opsPerSec: number[]) => ({
    label,
    result: resultFile([{ name: 'buffers', modes: { heap: { opsPerSec } } }]),
  });
  const base = [
    [1000, 500],
    [1010, 1000],
    [990, 980],
    [1005, 700],
    [995, 990],
  ].map((runs, i) => session(`base/${i + 1}.json`, runs));
  const head = [
    [800, 790, 5000],
    [808, 400],
    [792, 780],
    [804, 800],
    [796, 700],
  ].map((runs, i) => session(`head/${i + 1}.json`, runs));
  const comparison = compareResults([{ baseline: poolResults(base), current: poolResults(head) }]);
  const [sides] = comparison.pairs;
  assert.equal(sides!.test, 'sessions');
  const metric = sides!.cases[0]!.metrics.find((entry) => entry.metric === 'opsPerSec')!;
  // Every head best is 0.8 × a base best.
  assert.ok(Math.abs(metric.change! + 0.2) < 1e-12, `change ${metric.change}`);
  assert.equal(metric.verdict, 'regressed');
  assert.match(
    methodNotes(comparison)[0]!,
    /^On log values per metric: each session's best run \(time\) or mean \(memory\), moderated t-test across the suite \(Smyth 2004\) \(\d+ runs in 5 sessions vs \d+ runs in 5 sessions\)/,
  );
});

const REGRESSION = compareFiles(resultFile(suite()), resultFile(suite({ ...HEAP, opsPerSec: around(600) })));

test('markdown: the answer first, only what changed, then the method', () => {
  const text = comparisonMarkdown(REGRESSION, { verbose: false });
  const lines = text.split('\n');
  assert.equal(lines[0], '### arena-bench: 1 regression (1 regressed, 0 improved, 13 unchanged)');
  assert.equal(lines[2], '| scenario | mode | metric | baseline | current | change [95% CI] | p (adj.) | verdict |');
  assert.equal(lines[3], '|---|---|---|--:|--:|--:|--:|---|');
  assert.equal(
    lines[4],
    '| buffers messages=1000 | heap | ops/s | 1.00 k | 600 | −40.0% [−46.3%, −32.9%] | <0.0001 | 🔴 **regressed** |',
  );
  assert.equal(
    lines[6],
    "ops/s intervals (95%) were ±11.8% at the median of 2 cases and ±11.8% at the widest (buffers messages=1000, heap): a change smaller than its case's interval is not told from noise. More runs (--runs, or --max-runs with --precision), or a quieter machine, narrow them.",
  );
  assert.equal(lines.length, 13, text);
  assert.match(
    text,
    /<sub>On log values per metric: Yuen's test \(Welch's t on 20%-trimmed means\) with session drift added to the variance \(5 runs vs 5 runs\); 95% intervals; p-values Holm-adjusted over the 3 gated tests and apart over the 6 others, α = 0\.05\.<br>/,
  );
  assert.match(
    text,
    /ops\/s 8%, CPU time per op 8%, latency p99 20%, GC pause per 1000 ops 15%, GC max pause 30%, allocated per op 5%, retained heap 10%\./,
  );
  const verbose = comparisonMarkdown(REGRESSION, { verbose: true });
  assert.equal(verbose.split('\n').filter((line) => line.startsWith('| buffers')).length, 14);
});

test('markdown with nothing changed says so in one line', () => {
  const text = comparisonMarkdown(compareFiles(resultFile(suite()), resultFile(suite())), { verbose: false });
  assert.equal(
    text.split('\n').slice(0, 3).join('\n'),
    '### arena-bench: no regression (0 regressed, 0 improved, 14 unchanged)\n\nNothing changed beyond its threshold (0 regressed, 0 improved, 14 unchanged; `--verbose` lists every metric).',
  );
});

// An arena mode spread ±25% that lost 10% in the head: beyond the 8% threshold, not significant.
const NOISY_ARENA = { ...ARENA, opsPerSec: [3000, 3500, 4000, 4500, 5000] };
const WITHIN_NOISE = compareFiles(
  resultFile(suite(HEAP, NOISY_ARENA)),
  resultFile(suite(HEAP, { ...NOISY_ARENA, opsPerSec: [2700, 3150, 3600, 4050, 4500] })),
);

test('with nothing significant, an inconclusive metric is not called "nothing changed beyond its threshold"', () => {
  assert.equal(WITHIN_NOISE.counts.inconclusive, 1);
  assert.equal(
    nothingShown(WITHIN_NOISE),
    'Nothing changed significantly; 1 metric inconclusive: beyond its threshold, but within the noise',
  );
  assert.equal(
    nothingShown(compareFiles(resultFile(suite()), resultFile(suite()))),
    'Nothing changed beyond its threshold',
  );
  assert.match(
    comparisonTable(WITHIN_NOISE, { verbose: false, color: false }),
    /\nNothing changed significantly; 1 metric inconclusive: beyond its threshold, but within the noise \(--verbose lists every metric\)\.\n/,
  );
});

test('how finely ops/s was resolved: the median and the widest half-width of its intervals, on the log scale', () => {
  // heap [−10.5%, +11.8%] and arena [−39.3%, +33.4%]: half-widths exp((ln 1.118 − ln 0.895) / 2) − 1 = 11.8%
  // and exp((ln 1.334 − ln 0.607) / 2) − 1 = 48.2%; the median of two is their mean, 30.0%.
  assert.deepEqual(
    findings(WITHIN_NOISE, ['unchanged', 'inconclusive'])
      .filter(({ metric }) => metric.metric === 'opsPerSec')
      .map(({ metric }) => metric.interval!.map((bound) => Math.round(bound * 1000) / 1000)),
    [
      [-0.105, 0.118],
      [-0.393, 0.334],
    ],
  );
  assert.equal(
    throughputResolution(WITHIN_NOISE),
    "ops/s intervals (95%) were ±30.0% at the median of 2 cases and ±48.2% at the widest (buffers messages=1000, arena): a change smaller than its case's interval is not told from noise. More runs (--runs, or --max-runs with --precision), or a quieter machine, narrow them.",
  );
  const heapOnly = compareFiles(
    resultFile([{ name: 'buffers', modes: { heap: HEAP } }]),
    resultFile([{ name: 'buffers', modes: { heap: HEAP } }]),
  );
  assert.equal(
    throughputResolution(heapOnly),
    'The ops/s interval (95%) was ±11.8% (buffers, heap): a smaller change is not told from noise. More runs (--runs, or --max-runs with --precision), or a quieter machine, narrow it.',
  );
  const elsewhere = compareFiles(resultFile(suite()), resultFile(suite(), { cpuModel: 'Other CPU' }));
  assert.equal(throughputResolution(elsewhere), undefined, 'time metrics not compared: no ops/s interval to report');
});

test('the method names the runs the modes hold, which under --precision differ from settings.runs', () => {
  const fewer = resultFile(suite());
  fewer.scenarios[0]!.modes.arena!.runs.length = 3;
  assert.match(methodNotes(compareFiles(fewer, resultFile(suite())))[0]!, /\(3–5 runs vs 5 runs\)/);
});

test('markdown warns first when the environments differ', () => {
  const text = comparisonMarkdown(compareFiles(resultFile(suite()), resultFile(suite(), { cpuModel: 'Other CPU' })), {
    verbose: false,
  });
  assert.match(
    text,
    /^### arena-bench: no regression \(0 regressed, 0 improved, 4 unchanged, 10 not compared\)\n\n> \[!WARNING\]\n> base\.json and head\.json come from different environments: CPU Test CPU @ 2\.0GHz → Other CPU\. Time metrics \(ops\/s, latency, GC pauses\) are not compared; allocation metrics still gate\./,
  );
});

test('table: plain text without colour, the regression row named', () => {
  const text = comparisonTable(REGRESSION, { verbose: false, color: false });
  assert.equal(text.split('\n')[0], 'arena-bench: 1 regression (1 regressed, 0 improved, 13 unchanged)');
  assert.equal(
    text.split('\n').slice(2, 7).join('\n'),
    [
      '┌───────────────────────┬──────┬────────┬──────────┬─────────┬─────────────────────────┬──────────┬───────────┐',
      '│ scenario              │ mode │ metric │ baseline │ current │         change [95% CI] │ p (adj.) │ verdict   │',
      '├───────────────────────┼──────┼────────┼──────────┼─────────┼─────────────────────────┼──────────┼───────────┤',
      '│ buffers messages=1000 │ heap │ ops/s  │   1.00 k │     600 │ −40.0% [−46.3%, −32.9%] │  <0.0001 │ regressed │',
      '└───────────────────────┴──────┴────────┴──────────┴─────────┴─────────────────────────┴──────────┴───────────┘',
    ].join('\n'),
  );
  assert.doesNotMatch(text, /\x1b\[/);
});

test('json: the whole comparison, with a top-level regressed flag', () => {
  const parsed = JSON.parse(comparisonJson(REGRESSION)) as {
    kind: string;
    regressed: boolean;
    counts: Record<string, number>;
    method: { correction: string };
  };
  assert.equal(parsed.kind, 'arena-bench-comparison');
  assert.equal(parsed.regressed, true);
  assert.equal(parsed.counts.regressed, 1);
  assert.equal(parsed.method.correction, 'holm');
});

test('GitHub annotations: one ::error line per regression, with workflow-command escaping', () => {
  const text = githubAnnotations(REGRESSION);
  assert.equal(text.split('\n').length, 2);
  assert.match(
    text,
    /^::error title=arena-bench regression%3A buffers heap ops\/s::buffers messages=1000, mode heap: ops\/s 1\.00 k → 600 \(−40\.0%25 \[.*\], adjusted p .*\)\n$/,
  );
});

test('github-action-benchmark export: ops/s as bigger-is-better, the rest as smaller-is-better', () => {
  const result = resultFile(suite());
  const bigger = JSON.parse(benchmarkActionJson(result, 'github-action-benchmark-bigger')) as {
    name: string;
    unit: string;
    value: number;
  }[];
  assert.deepEqual(
    bigger.map(({ name, unit, value }) => [name, unit, value]),
    [
      ['buffers messages=1000 heap ops/s', 'ops/s', 1000],
      ['buffers messages=1000 arena ops/s', 'ops/s', 4000],
    ],
  );
  const smaller = JSON.parse(benchmarkActionJson(result, 'github-action-benchmark-smaller')) as {
    name: string;
    unit: string;
    value: number;
  }[];
  assert.deepEqual(
    smaller.slice(0, 6).map(({ name, unit }) => `${name} (${unit})`),
    [
      'buffers messages=1000 heap CPU time per op (ns)',
      'buffers messages=1000 heap latency p99 (ns)',
      'buffers messages=1000 heap GC pause per 1000 ops (ms)',
      'buffers messages=1000 heap GC max pause (ms)',
      'buffers messages=1000 heap allocated per op (bytes)',
      'buffers messages=1000 heap retained heap (bytes)',
    ],
  );
  assert.equal(smaller.length, 12);
});
